import { Grid } from 'antd';

/** True on phone-sized screens, where the side menu becomes a drawer and tables scroll. */
export function useIsMobile(): boolean {
  const screens = Grid.useBreakpoint();
  // Before the first measurement every breakpoint is undefined; treat that as desktop.
  return screens.md === false;
}
