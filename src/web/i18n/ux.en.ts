import type { UxStrings } from './ux.zh-CN.ts';

type Shape<T> = { [K in keyof T]: T[K] extends string ? string : Shape<T[K]> };

const uxEn: Shape<UxStrings> = {
  mine: { roleFilter: 'Filter by role', lead: 'Leading', cooperating: 'Cooperating' },
  publish: {
    noLead: 'no lead unit named',
    pastDueTitle: 'Deadlines have passed. Publish anyway?',
    allPastDue: 'All {{total}} tasks of this plan are past their deadlines: once published they all turn red and count as overdue. You can move the deadlines on the plan review page (e.g. to this year) first.',
    somePastDue: '{{count}} of {{total}} tasks are past their deadlines: once published they turn red at once and count as overdue.',
    publishAnyway: 'Publish anyway',
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
