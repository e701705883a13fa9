import { figureYear } from './rule-describe.ts';
import { shiftYears } from './rule-dates.ts';
import type { Comparator, EnterpriseProfile, ProfileCreditFlag, ProfileFigure, ProfileTag, RuleNode, Truth } from './rule-types.ts';

/** Three-valued truth as a small integer for the hot path: 0 false, 1 true, 2 unknown. */
export type Truth3 = 0 | 1 | 2;
export const F: Truth3 = 0;
export const T: Truth3 = 1;
export const U: Truth3 = 2;

/** A profile indexed once for many evaluations: figures by year, tags by name. */
export interface PreparedProfile {
  regionPath: string | null;
  industryCode: string | null;
  sizeClass: string | null;
  establishedOn: string | null;
  figures: Record<number, ProfileFigure | undefined>;
  tags: Record<string, ProfileTag[] | undefined>;
  credit: ProfileCreditFlag[];
}

/** Indexes a profile for compiled rules (do it once per enterprise, not per rule). */
export function prepareProfile(profile: EnterpriseProfile): PreparedProfile {
  const figures: Record<number, ProfileFigure | undefined> = {};
  for (const f of profile.figures) figures[f.year] = f;
  const tags: Record<string, ProfileTag[] | undefined> = {};
  for (const t of profile.tags) (tags[t.tag] ??= []).push(t);
  return {
    regionPath: profile.regionPath,
    industryCode: profile.industryCode,
    sizeClass: profile.sizeClass,
    establishedOn: profile.establishedOn,
    figures,
    tags,
    credit: profile.creditFlags,
  };
}

export type CompiledRule = (p: PreparedProfile) => Truth3;

const toTruth: Record<Truth3, Truth> = { 0: 'false', 1: 'true', 2: 'unknown' };
/** Maps the hot-path integer back to {@link Truth}. */
export const truthOf = (t: Truth3): Truth => toTruth[t];

function comparator(cmp: Comparator, threshold: number): (v: number) => boolean {
  switch (cmp) {
    case '>=':
      return (v) => v >= threshold;
    case '>':
      return (v) => v > threshold;
    case '<=':
      return (v) => v <= threshold;
    case '<':
      return (v) => v < threshold;
    case '=':
      return (v) => v === threshold;
  }
}

/**
 * Compiles a rule, for one evaluation date, into nested closures: every constant (region path fragment, the year a
 * figure is read from, the date cut-off of an age, the tag validity date) is resolved here, so an evaluation only
 * reads fields and compares. No interpretation of the tree per call.
 * @param rule a type-checked rule
 * @param asOf evaluation date (YYYY-MM-DD)
 * @returns `(prepared profile) => 0 | 1 | 2`
 */
export function compileRule(rule: RuleNode, asOf: string): CompiledRule {
  switch (rule.kind) {
    case 'all': {
      const parts = rule.items.map((i) => compileRule(i, asOf));
      if (parts.length === 0) return () => T;
      if (parts.length === 1) return parts[0];
      if (parts.length === 2) {
        const [a, b] = parts;
        return (p) => {
          const x = a(p);
          if (x === F) return F;
          const y = b(p);
          return y === F ? F : x === U || y === U ? U : T;
        };
      }
      return (p) => {
        let r: Truth3 = T;
        for (let i = 0; i < parts.length; i++) {
          const v = parts[i](p);
          if (v === F) return F;
          if (v === U) r = U;
        }
        return r;
      };
    }
    case 'any': {
      const parts = rule.items.map((i) => compileRule(i, asOf));
      if (parts.length === 0) return () => F;
      if (parts.length === 1) return parts[0];
      return (p) => {
        let r: Truth3 = F;
        for (let i = 0; i < parts.length; i++) {
          const v = parts[i](p);
          if (v === T) return T;
          if (v === U) r = U;
        }
        return r;
      };
    }
    case 'not': {
      const inner = compileRule(rule.item, asOf);
      return (p) => {
        const v = inner(p);
        return v === U ? U : v === T ? F : T;
      };
    }
    case 'region': {
      const fragment = `/${rule.regionId}/`;
      return (p) => (p.regionPath === null ? U : p.regionPath.includes(fragment) ? T : F);
    }
    case 'industry': {
      const prefixes = rule.prefixes;
      if (prefixes.length === 1) {
        const only = prefixes[0];
        return (p) => (p.industryCode === null ? U : p.industryCode.startsWith(only) ? T : F);
      }
      return (p) => {
        const code = p.industryCode;
        if (code === null) return U;
        for (let i = 0; i < prefixes.length; i++) if (code.startsWith(prefixes[i])) return T;
        return F;
      };
    }
    case 'size': {
      const classes = new Set<string>(rule.classes);
      return (p) => (p.sizeClass === null ? U : classes.has(p.sizeClass) ? T : F);
    }
    case 'age': {
      const cutN = shiftYears(asOf, -rule.years);
      const cutN1 = shiftYears(asOf, -(rule.years + 1));
      const test: (d: string) => boolean =
        rule.cmp === '>=' ? (d) => d <= cutN : rule.cmp === '>' ? (d) => d <= cutN1 : rule.cmp === '<' ? (d) => d > cutN : rule.cmp === '<=' ? (d) => d > cutN1 : (d) => d <= cutN && d > cutN1;
      return (p) => (p.establishedOn === null ? U : test(p.establishedOn) ? T : F);
    }
    case 'figure': {
      const year = figureYear(rule, asOf);
      const field = rule.figure;
      const holds = comparator(rule.cmp, rule.value);
      return (p) => {
        const row = p.figures[year];
        if (row === undefined) return U;
        const v = row[field];
        return v === null ? U : holds(v) ? T : F;
      };
    }
    case 'tag': {
      const tag = rule.tag;
      return (p) => {
        const held = p.tags[tag];
        if (held === undefined) return F;
        for (let i = 0; i < held.length; i++) {
          const t = held[i];
          if ((t.validFrom === null || t.validFrom <= asOf) && (t.validTo === null || t.validTo >= asOf)) return T;
        }
        return F;
      };
    }
    case 'credit_clear': {
      const kinds = new Set<string>(rule.flags);
      return (p) => {
        for (let i = 0; i < p.credit.length; i++) {
          const c = p.credit[i];
          if (kinds.has(c.kind) && (c.since === null || c.since <= asOf) && (c.until === null || c.until > asOf)) return F;
        }
        return T;
      };
    }
    case 'manual':
      return () => U;
  }
}
