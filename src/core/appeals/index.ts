/** Appeals (诉求): state machine, working-day clocks, 三率, text similarity. Pure: no I/O, `now` passed in. */
export * from './clocks.ts';
export * from './rates.ts';
export * from './state-machine.ts';
export * from './text.ts';
