import { describe, expect, it } from 'vitest';
import { compileOnlyDb as db } from '../../../../test/helpers/compile-only-db.ts';
import { tasksInScopeQuery } from './supervision.queries.ts';

const sqlOf = (q: ReturnType<typeof tasksInScopeQuery>) => q.select('t.id').compile();

describe('tasksInScopeQuery', () => {
  it('should scope an office or leader to tasks of units in, or plans of, its region subtree', () => {
    const { sql, parameters } = sqlOf(tasksInScopeQuery(db, { kind: 'subtree', path: '/a/b/' }, {}));
    expect(sql).toContain('where (tr.path like $1 or pr.path like $2)');
    expect(parameters).toEqual(['/a/b/%', '/a/b/%']);
  });

  it('should scope a unit user to its own unit and the tasks it cooperates on, and nobody to nothing', () => {
    const unit = sqlOf(tasksInScopeQuery(db, { kind: 'unit', unitId: 'u-1', regionId: 'r-1' }, {}));
    expect(unit.sql).toContain('where (t.unit_id = $1 or t.cooperating_units @> $2::jsonb)');
    expect(unit.parameters).toEqual(['u-1', '[{"unitId":"u-1"}]']);
    expect(sqlOf(tasksInScopeQuery(db, { kind: 'none' }, {})).sql).toContain('where false');
    expect(sqlOf(tasksInScopeQuery(db, { kind: 'all' }, {})).sql).toContain('where true');
  });

  it('should add the filters as parameters, escaping LIKE wildcards in the search text', () => {
    const { sql, parameters } = sqlOf(tasksInScopeQuery(db, { kind: 'all' }, { unitId: 'u', planId: 'p', light: 'red', status: 'signed', managedUnder: '/a/', q: '100%_x' }));
    expect(sql).toContain('"t"."unit_id" = $1 and "t"."plan_id" = $2 and "t"."light" = $3 and "t"."status" = $4 and "pr"."path" like $5');
    expect(sql).toContain('("m"."text" ilike $6 or "m"."title" ilike $7 or "u"."name" ilike $8)');
    expect(parameters).toEqual(['u', 'p', 'red', 'signed', '/a/%', '%100\\%\\_x%', '%100\\%\\_x%', '%100\\%\\_x%']);
  });
});
