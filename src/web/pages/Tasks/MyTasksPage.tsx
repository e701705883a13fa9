import { useState } from 'react';
import { Card, Segmented } from 'antd';
import { useTranslation } from 'react-i18next';
import { LIGHTS, tasksApi, type Light } from '../../api/supervision.ts';
import { LoadError } from '../../components/LoadError.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { useRequest } from '../../hooks/use-request.ts';
import { useSession } from '../../hooks/session.tsx';
import { useTaskActions } from './components/task-actions.tsx';
import { TaskList } from './components/TaskList.tsx';

/** 我的任务: a unit liaison's tasks, to sign and report on (works on a phone). */
export default function MyTasksPage() {
  const { t } = useTranslation();
  const [light, setLight] = useState<Light | 'all'>('all');
  const [role, setRole] = useState<'all' | 'lead' | 'cooperating'>('all');
  const { me } = useSession();
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(20);
  const list = useRequest(() => tasksApi.list({ mine: true, light: light === 'all' ? undefined : light, role: role === 'all' ? undefined : role, page, pageSize }), [light, role, page, pageSize]);
  const actions = useTaskActions(() => void list.reload());

  return (
    <>
      <PageHeader title={t('sup.tasks.myTitle')} intro={t('sup.tasks.myIntro')} />
      <LoadError error={list.error} onRetry={() => void list.reload()} />
      <Card>
        {me?.role === 'unit' && (
          <Segmented<'all' | 'lead' | 'cooperating'>
            aria-label={t('ux.mine.roleFilter')}
            className="ys-segmented-wrap"
            style={{ marginBottom: 8, marginInlineEnd: 12 }}
            value={role}
            onChange={(v) => {
              setRole(v);
              setPage(1);
            }}
            options={[
              { value: 'all', label: t('common.all') },
              { value: 'lead', label: t('ux.mine.lead') },
              { value: 'cooperating', label: t('ux.mine.cooperating') },
            ]}
          />
        )}
        <Segmented<Light | 'all'>
          aria-label={t('sup.tasks.filterLight')}
          className="ys-segmented-wrap"
          style={{ marginBottom: 12 }}
          value={light}
          onChange={(v) => {
            setLight(v);
            setPage(1);
          }}
          options={[{ value: 'all', label: t('common.all') }, ...LIGHTS.map((l) => ({ value: l, label: t(`sup.light.${l}`) }))]}
        />
        <TaskList
          tasks={list.data?.items ?? []}
          total={list.data?.total ?? 0}
          loading={list.loading}
          page={page}
          pageSize={pageSize}
          onPage={(p, s) => {
            setPage(s !== pageSize ? 1 : p);
            setPageSize(s);
          }}
          actions={actions.render}
          hasActions={actions.has}
        />
      </Card>
      {actions.dialog}
    </>
  );
}
