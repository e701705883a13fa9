import { Type, type Static } from '@sinclair/typebox';
import { Uuid } from '../../http/schemas.ts';

const IsoDate = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$', description: 'YYYY-MM-DD' });
const Text = (max: number, min = 1) => Type.String({ minLength: min, maxLength: max });
export const ItemMode = Type.Union([Type.Literal('auto'), Type.Literal('fast'), Type.Literal('info')], { description: 'auto 免申即享, fast 快申快享, info 仅发布' });

export const ItemInput = Type.Object(
  {
    title: Text(200),
    mode: ItemMode,
    theme: Type.Optional(Text(40)),
    conditionsText: Type.Optional(Text(20_000, 0)),
  },
  { additionalProperties: false },
);

export const CreatePolicyBody = Type.Object(
  {
    regionId: Type.Optional(Uuid),
    title: Text(300),
    issuer: Text(200),
    docNumber: Type.Optional(Type.Union([Text(100), Type.Null()])),
    effectiveFrom: IsoDate,
    effectiveTo: Type.Optional(Type.Union([IsoDate, Type.Null()])),
    legalText: Type.Optional(Text(100_000, 0)),
    contact: Type.Optional(Type.Union([Text(200), Type.Null()])),
    themes: Type.Optional(Type.Array(Text(40), { maxItems: 20 })),
    isExample: Type.Optional(Type.Boolean()),
    items: Type.Optional(Type.Array(ItemInput, { maxItems: 100 })),
  },
  { additionalProperties: false },
);
export type CreatePolicyBody = Static<typeof CreatePolicyBody>;

export const UpdatePolicyBody = Type.Object(
  {
    version: Type.Integer({ minimum: 1 }),
    title: Type.Optional(Text(300)),
    issuer: Type.Optional(Text(200)),
    docNumber: Type.Optional(Type.Union([Text(100), Type.Null()])),
    effectiveFrom: Type.Optional(IsoDate),
    effectiveTo: Type.Optional(Type.Union([IsoDate, Type.Null()])),
    legalText: Type.Optional(Text(100_000, 0)),
    contact: Type.Optional(Type.Union([Text(200), Type.Null()])),
    themes: Type.Optional(Type.Array(Text(40), { maxItems: 20 })),
    addItems: Type.Optional(Type.Array(ItemInput, { maxItems: 100 })),
  },
  { additionalProperties: false },
);
export type UpdatePolicyBody = Static<typeof UpdatePolicyBody>;

export const PolicyListQuery = Type.Object({ q: Type.Optional(Text(100)) }, { additionalProperties: false });

export const DraftRulesBody = Type.Object(
  { text: Text(20_000), regionId: Type.Optional(Uuid), ref: Type.Optional(Text(200)) },
  { additionalProperties: false },
);

export const SituationTestInput = Type.Object(
  {
    name: Text(200),
    asOf: IsoDate,
    profile: Type.Record(Type.String(), Type.Unknown(), { description: 'An enterprise profile (missing scalar facts are null = unknown)' }),
    expected: Type.Union([Type.Literal('true'), Type.Literal('false'), Type.Literal('unknown')]),
    expectedAmount: Type.Optional(Type.Union([Type.Number(), Type.Null()])),
  },
  { additionalProperties: false },
);

export const RuleVersionBody = Type.Object(
  {
    validFrom: IsoDate,
    validTo: Type.Optional(Type.Union([IsoDate, Type.Null()])),
    rule: Type.Unknown({ description: 'The condition tree (see docs: src/core/rules/rule-types.ts); type-checked by the server' }),
    benefit: Type.Unknown({ description: "{ kind: 'fixed', amount } | { kind: 'percent', figure, yearOffset, percent, cap } | { kind: 'none' }" }),
    tests: Type.Array(SituationTestInput, { minItems: 1, maxItems: 200 }),
  },
  { additionalProperties: false },
);
export type RuleVersionBody = Static<typeof RuleVersionBody>;

export const EligibleQuery = Type.Object(
  {
    asOf: Type.Optional(IsoDate),
    truth: Type.Optional(Type.Union([Type.Literal('true'), Type.Literal('unknown'), Type.Literal('near')], { description: 'true: eligible (default); unknown: needs data or a person; near: fails, but one failed condition away' })),
    page: Type.Optional(Type.Integer({ minimum: 1, maximum: 100_000 })),
    pageSize: Type.Optional(Type.Integer({ minimum: 1, maximum: 200 })),
  },
  { additionalProperties: false },
);

export const BatchBody = Type.Object({ periodLabel: Text(100), asOf: Type.Optional(IsoDate) }, { additionalProperties: false });
export const ReviewBody = Type.Object({ reason: Type.Optional(Text(2000)) }, { additionalProperties: false });
export const SubscriptionsBody = Type.Object({ themes: Type.Array(Text(40), { maxItems: 20 }) }, { additionalProperties: false });
export const ResultsQuery = Type.Object({ regionId: Type.Optional(Uuid) }, { additionalProperties: false });
