import { describe, expect, it } from 'vitest';
import { compileOnlyDb as db } from '../../../../test/helpers/compile-only-db.ts';
import { scopedTasks } from '../rankings/rankings.scope.ts';
import type { Scope } from './auth.actor.ts';
import { managedTaskScopeSql, taskScopeSql, tasksWithRegions } from './scope.queries.ts';

const office: Scope = { kind: 'subtree', path: '/a/b/' };
const unit: Scope = { kind: 'unit', unitId: 'u-1', regionId: 'r-1' };

describe('taskScopeSql', () => {
  const sqlOf = (where: ReturnType<typeof taskScopeSql>) => tasksWithRegions(db).select('t.id').where(where).compile();

  it('should scope an office or leader to tasks of units in, or plans of, its region subtree', () => {
    const { sql, parameters } = sqlOf(taskScopeSql(office));
    expect(sql).toContain('where (tr.path like $1 or pr.path like $2)');
    expect(parameters).toEqual(['/a/b/%', '/a/b/%']);
  });

  it('should scope a unit to its own tasks, adding those it cooperates on only when asked', () => {
    const own = sqlOf(taskScopeSql(unit));
    expect(own.sql).toMatch(/where t\.unit_id = \$1$/);
    expect(own.parameters).toEqual(['u-1']);
    const cooperating = sqlOf(taskScopeSql(unit, { cooperating: true }));
    expect(cooperating.sql).toContain('where (t.unit_id = $1 or t.cooperating_units @> $2::jsonb)');
    expect(cooperating.parameters).toEqual(['u-1', '[{"unitId":"u-1"}]']);
  });

  it('should give an admin everything and nobody nothing', () => {
    expect(sqlOf(taskScopeSql({ kind: 'all' })).sql).toMatch(/where true$/);
    expect(sqlOf(taskScopeSql({ kind: 'none' }, { cooperating: true })).sql).toMatch(/where false$/);
  });

  it('should count a unit by its lead tasks in the aggregates', () => {
    const { sql, parameters } = scopedTasks(db, unit, { planId: 'p-1' }).select('t.id').compile();
    expect(sql).toContain('where t.unit_id = $1 and "t"."plan_id" = $2');
    expect(parameters).toEqual(['u-1', 'p-1']);
  });
});

describe('managedTaskScopeSql', () => {
  const sqlOf = (scope: Scope) => tasksWithRegions(db).select('t.id').where(managedTaskScopeSql(scope)).compile();

  it('should give an office the tasks of plans in its subtree, whatever the unit region', () => {
    const { sql, parameters } = sqlOf(office);
    expect(sql).toMatch(/where pr\.path like \$1$/);
    expect(parameters).toEqual(['/a/b/%']);
  });

  it('should give an admin everything, and a unit or nobody nothing', () => {
    expect(sqlOf({ kind: 'all' }).sql).toMatch(/where true$/);
    expect(sqlOf(unit).sql).toMatch(/where false$/);
    expect(sqlOf({ kind: 'none' }).sql).toMatch(/where false$/);
  });
});
