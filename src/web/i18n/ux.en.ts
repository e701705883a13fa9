import type { UxStrings } from './ux.zh-CN.ts';

type Shape<T> = { [K in keyof T]: T[K] extends string ? string : Shape<T[K]> };

const uxEn: Shape<UxStrings> = {
  audit: {
    actions: {
      alert: 'Alert', open_task: 'Opened a supervision task', callback: 'Call-back', dispatch: 'Dispatch', dispute: 'Dispatch dispute', exclude: 'Excluded from rates', extend: 'Extend', measure: 'Turned into a measure', merge: 'Merge', pause: 'Pause clock', rate: 'Rate', read_contact: 'Read contact', reopen: 'Reopen', reply: 'Reply', resume: 'Resume clock', reveal: 'Reveal personal data',
      create: 'Create', update: 'Update', delete: 'Delete', login: 'Log in', logout: 'Log out', login_failed: 'Failed login', password_change: 'Change password', setup: 'First setup',
      import: 'Import', export: 'Export', upload: 'Upload', submit: 'Submit', sign: 'Sign', seed: 'Seed demo data', respond: 'Respond', request: 'Request', remind: 'Remind',
      publish: 'Publish', instruct: 'Instruct', escalate: 'Escalate', close: 'Close', accept: 'Accept', return: 'Return', approve: 'Approve', refuse: 'Refuse',
    },
    entities: {
      appeal: 'Appeal', appeal_cluster: 'Appeal cluster', enterprise: 'Enterprise', enterprise_correction: 'Enterprise correction request', enterprise_signup: 'Enterprise sign-up', grant: 'Grant decision', grant_batch: 'Grant batch', indicator_alert: 'Indicator alert', indicator_alert_rule: 'Indicator alert rule', indicator_bulletin: 'Evaluation report', indicator_round: 'Collection round', indicator_round_entries: 'Collection entries', indicator_round_unit: 'Round unit', indicator_system: 'Indicator system', indicator_target_link: 'Indicator–target link', indicator_value: 'Indicator value', policy: 'Policy', policy_item: 'Policy item',
      region: 'Region', unit: 'Unit', user: 'User', session: 'Session', system: 'System', bulletin: 'Bulletin', calendar_override: 'Calendar override', escalation: 'Escalation notice',
      instruction: 'Instruction', ledger: 'Ledger', metric_synonym: 'Metric synonym', plan: 'Plan', ranking_weights: 'Ranking weights', reminder: 'Reminder', report: 'Progress report',
      report_evidence: 'Evidence', supervision_settings: 'Supervision settings', task: 'Task', task_request: 'Extension/transfer request', unit_webhook: 'Unit webhook',
    },
    actors: { system: 'System', 'supervision-scan': 'Supervision scan (scheduled)', 'demo-seeder': 'Demo data seeder', 'task-assigner': 'Task assigner', console: 'Command line' },
  },
  mine: { roleFilter: 'Filter by role', lead: 'Leading', cooperating: 'Cooperating' },
  publish: {
    noLead: 'no lead unit named',
    pastDueTitle: 'Deadlines have passed. Publish anyway?',
    allPastDue: 'All {{total}} tasks of this plan are past their deadlines: once published they all turn red and count as overdue. You can move the deadlines on the plan review page (e.g. to this year) first.',
    somePastDue: '{{count}} of {{total}} tasks are past their deadlines: once published they turn red at once and count as overdue.',
    publishAnyway: 'Publish anyway',
  },
  clockReason: {
    sign: 'sign within {{n}} working days of dispatch',
    reply: 'reply within {{n}} working days of dispatch',
    resolve: 'resolve within {{n}} working days of intake',
    extended: 'extended by {{n}} working days (approved)',
    paused: 'paused {{n}} working days waiting for the enterprise',
  },
  exports: {
    bulletinTitle: 'Download bulletin',
    ledgerTitle: 'Download ledger',
    plan: 'Plan',
    planRequired: 'Choose a plan',
    period: 'Bulletin month',
    periodRequired: 'Choose a month',
    bulletinIntro: "A Word bulletin on the plan's progress in the chosen month: overview, unit ranking, overdue tasks and highlights (written in Chinese, as issued).",
    ledgerIntro: "An Excel ledger of all the plan's tasks, with cooperating units, latest progress, review comments and evidence; fill the yellow columns with this period's progress and import it back.",
    download: 'Download',
  },
  evidence: {
    tooLarge: '“{{names}}” is larger than {{mb}} MB and cannot be uploaded; compress or split it and choose it again. The report was not saved.',
    tooMany: 'A report takes at most {{max}} evidence files.',
    keptAsDraft: '. The report was kept as a draft and not submitted; choose the failed files again and submit.',
    draftWithoutFiles: '. The draft was saved without the files above.',
    stored: 'Uploaded evidence',
    none: 'No evidence attached',
    download: 'Download',
    preview: 'Preview',
    count: 'Evidence ({{count}})',
  },
};

export default uxEn;
