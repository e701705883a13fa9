import { figureYear } from './rule-describe.ts';
import { shiftYears } from './rule-dates.ts';
import type { Comparator, RuleNode } from './rule-types.ts';

/**
 * A parameterised SQL fragment as template parts: `strings.length === values.length + 1`, like a tagged template's
 * arguments, so the server can hand it to its query builder's `sql` tag without string-building values into SQL.
 */
export interface SqlFragment {
  strings: string[];
  values: unknown[];
}

/** Table aliases the compiled fragment refers to. */
export interface SqlAliases {
  /** Alias of `enterprises` (default `e`). */
  enterprise: string;
  /** Expression of the enterprise's region path (default `r.path`, `regions r` joined on `e.region_id`). */
  regionPath: string;
}

const DEFAULT_ALIASES: SqlAliases = { enterprise: 'e', regionPath: 'r.path' };
const SQL_CMP: Record<Comparator, string> = { '>=': '>=', '>': '>', '<=': '<=', '<': '<', '=': '=' };
const IDENT = /^[a-z_][a-z0-9_]*(\.[a-z_][a-z0-9_]*)?$/;

class Builder {
  readonly strings: string[] = [''];
  readonly values: unknown[] = [];
  text(s: string): this {
    this.strings[this.strings.length - 1] += s;
    return this;
  }
  value(v: unknown): this {
    this.values.push(v);
    this.strings.push('');
    return this;
  }
}

/**
 * Compiles a rule, for one evaluation date, to a PostgreSQL boolean expression over the registry tables
 * (`enterprises`, `enterprise_figures`, `enterprise_tags`, `enterprise_credit_flags`). SQL's own three-valued logic
 * is Kleene logic, so NULL is "unknown" exactly as in {@link evaluateRule}: `where (<fragment>) is true` selects the
 * eligible, `is null` the undecided.
 * @example ruleToSql({ kind: 'size', id: 's', ref: '…', classes: ['small'] }, '2026-12-03')
 *   // strings ['(e.size_class in (', '))'], values ['small']
 * @throws Error on aliases that are not plain identifiers (a programmer error)
 */
export function ruleToSql(rule: RuleNode, asOf: string, aliases: SqlAliases = DEFAULT_ALIASES): SqlFragment {
  if (!IDENT.test(aliases.enterprise) || !IDENT.test(aliases.regionPath)) throw new Error('ruleToSql: aliases must be identifiers');
  const b = new Builder();
  const e = aliases.enterprise;
  const date = (d: string) => b.value(d).text('::date');
  const visit = (node: RuleNode): void => {
    switch (node.kind) {
      case 'all':
      case 'any': {
        if (node.items.length === 0) return void b.text(node.kind === 'all' ? 'true' : 'false');
        b.text('(');
        node.items.forEach((item, i) => {
          if (i > 0) b.text(node.kind === 'all' ? ' and ' : ' or ');
          visit(item);
        });
        b.text(')');
        return;
      }
      case 'not':
        b.text('(not ');
        visit(node.item);
        b.text(')');
        return;
      case 'region':
        b.text(`(position(`).value(`/${node.regionId}/`).text(`::text in ${aliases.regionPath}) > 0)`);
        return;
      case 'industry':
        b.text('(');
        node.prefixes.forEach((p, i) => {
          if (i > 0) b.text(' or ');
          b.text(`starts_with(${e}.industry_code, `).value(p).text('::text)');
        });
        b.text(')');
        return;
      case 'size':
        b.text(`(${e}.size_class in (`);
        node.classes.forEach((c, i) => {
          if (i > 0) b.text(', ');
          b.value(c).text('::text');
        });
        b.text('))');
        return;
      case 'age': {
        const cutN = shiftYears(asOf, -node.years);
        const cutN1 = shiftYears(asOf, -(node.years + 1));
        const col = `${e}.established_on`;
        if (node.cmp === '>=') b.text(`(${col} <= `), date(cutN), b.text(')');
        else if (node.cmp === '>') b.text(`(${col} <= `), date(cutN1), b.text(')');
        else if (node.cmp === '<') b.text(`(${col} > `), date(cutN), b.text(')');
        else if (node.cmp === '<=') b.text(`(${col} > `), date(cutN1), b.text(')');
        else b.text(`(${col} <= `), date(cutN), b.text(` and ${col} > `), date(cutN1), b.text(')');
        return;
      }
      case 'figure':
        b.text(`((select f.${node.figure} from enterprise_figures f where f.enterprise_id = ${e}.id and f.year = `)
          .value(figureYear(node, asOf))
          .text(`::int) ${SQL_CMP[node.cmp]} `)
          .value(node.value)
          .text('::numeric)');
        return;
      case 'tag':
        b.text(`exists (select 1 from enterprise_tags t where t.enterprise_id = ${e}.id and t.tag = `).value(node.tag).text('::text');
        b.text(' and (t.valid_from is null or t.valid_from <= '), date(asOf);
        b.text(') and (t.valid_to is null or t.valid_to >= '), date(asOf), b.text('))');
        return;
      case 'credit_clear':
        b.text(`(not exists (select 1 from enterprise_credit_flags c where c.enterprise_id = ${e}.id and c.kind in (`);
        node.flags.forEach((k, i) => {
          if (i > 0) b.text(', ');
          b.value(k).text('::text');
        });
        b.text(') and (c.since is null or c.since <= '), date(asOf);
        b.text(') and (c.until is null or c.until > '), date(asOf), b.text(')))');
        return;
      case 'manual':
        b.text('(null::boolean)');
        return;
    }
  };
  visit(rule);
  return { strings: b.strings, values: b.values };
}
