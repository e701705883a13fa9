import { Card, Empty, Flex, List, Progress, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import type { Task } from '../../../api/supervision.ts';
import { useIsMobile } from '../../../hooks/use-breakpoint.ts';
import { LightTag } from './LightTag.tsx';
import { ReasonList } from './ReasonList.tsx';

interface TaskListProps {
  tasks: Task[];
  total: number;
  loading: boolean;
  page: number;
  pageSize: number;
  onPage(page: number, pageSize: number): void;
  /** Show the unit column (office views). */
  showUnit?: boolean;
  /** Per-task actions (sign, report), rendered beside the link. */
  actions?(task: Task): React.ReactNode;
  /** Whether a task has any action; without one on the page the 操作 column is left out. */
  hasActions?(task: Task): boolean;
}

export const taskLabel = (task: Pick<Task, 'measureNumber' | 'title' | 'text'>) => task.title || task.text.slice(0, 60);

/** Tasks as a table on a desktop and as cards on a phone, each with its light and why. */
export function TaskList({ tasks, total, loading, page, pageSize, onPage, showUnit, actions, hasActions }: TaskListProps) {
  const { t } = useTranslation();
  const mobile = useIsMobile();
  const pagination = {
    current: page,
    pageSize,
    total,
    simple: mobile,
    showSizeChanger: !mobile,
    showTotal: (n: number) => t('common.total', { total: n }),
    onChange: onPage,
  };

  if (mobile) {
    return (
      <List<Task>
        loading={loading}
        dataSource={tasks}
        locale={{ emptyText: <Empty description={t('sup.tasks.empty')} /> }}
        pagination={pagination}
        renderItem={(task) => (
          <List.Item key={task.id} style={{ padding: '6px 0', border: 0 }}>
            <Card size="small" style={{ width: '100%' }} role="article" aria-label={`${task.measureNumber} ${taskLabel(task)}`}>
              <Flex justify="space-between" align="flex-start" gap={8}>
                <Link to={`/supervision/tasks/${task.id}`} aria-label={t('sup.tasks.openTask', { number: task.measureNumber })}>
                  <Typography.Text strong>
                    {task.measureNumber} {taskLabel(task)}
                  </Typography.Text>
                </Link>
                <Flex gap={4}>
                  {task.cooperating && <Tag>{t('sup.tasks.cooperating')}</Tag>}
                  <LightTag light={task.light} />
                </Flex>
              </Flex>
              <Typography.Paragraph type="secondary" style={{ margin: '4px 0' }}>
                {(showUnit || task.cooperating) && `${task.unit.name} · `}
                {task.dueDate ? t('sup.tasks.due', { date: task.dueDate }) : t('sup.tasks.noDue')}
                {task.nextReportDue && ` · ${t('sup.tasks.nextReport', { date: task.nextReportDue })}`}
              </Typography.Paragraph>
              <Progress percent={task.progress} size="small" aria-label={t('sup.field.progress')} />
              <ReasonList reasons={task.reasons} max={2} />
              {actions && <Flex gap={8} wrap style={{ marginTop: 8 }}>{actions(task)}</Flex>}
            </Card>
          </List.Item>
        )}
      />
    );
  }

  // Fixed widths with the measure taking the rest, so that at 1440 px every column, 操作 included, fits on
  // screen; the reasons wrap inside their column instead of widening the table.
  const showActions = actions && tasks.some((task) => hasActions?.(task) ?? true);
  const columns: TableColumnsType<Task> = [
    { title: t('sup.field.number'), dataIndex: 'measureNumber', key: 'number', width: 64 },
    {
      title: t('sup.field.measure'),
      key: 'task',
      render: (_, task) => (
        <>
          <Link to={`/supervision/tasks/${task.id}`}>{taskLabel(task)}</Link>
          {task.cooperating && <Tag style={{ marginInlineStart: 8 }}>{t('sup.tasks.cooperating')}</Tag>}
          <Typography.Text type="secondary" ellipsis={{ tooltip: task.planTitle }} style={{ display: 'block' }}>
            {task.planTitle}
          </Typography.Text>
        </>
      ),
    },
    ...(showUnit ? [{ title: t('sup.field.unit'), key: 'unit', width: 160, render: (_: unknown, task: Task) => task.unit.name }] : []),
    { title: t('sup.field.dueDate'), key: 'due', width: 120, render: (_, task) => task.dueDate ?? t('sup.tasks.noDue') },
    { title: t('sup.field.nextReportDue'), key: 'next', width: 120, render: (_, task) => task.nextReportDue ?? t('common.none') },
    { title: t('sup.field.status'), key: 'status', width: 88, render: (_, task) => t(`sup.status.${task.status}`) },
    { title: t('sup.field.progress'), key: 'progress', width: 120, render: (_, task) => <Progress percent={task.progress} size="small" aria-label={t('sup.field.progress')} /> },
    {
      title: t('sup.field.light'),
      key: 'light',
      width: 210,
      render: (_, task) => (
        <>
          <LightTag light={task.light} />
          <ReasonList reasons={task.reasons} max={2} />
        </>
      ),
    },
    ...(showActions
      ? [{ title: t('common.actions'), key: 'actions', width: 132, fixed: 'right' as const, render: (_: unknown, task: Task) => <Flex gap={4} wrap>{actions(task)}</Flex> }]
      : []),
  ];
  return (
    <Table<Task>
      rowKey="id"
      columns={columns}
      dataSource={tasks}
      loading={loading}
      scroll={{ x: 1080 }}
      locale={{ emptyText: <Empty description={t('sup.tasks.empty')} /> }}
      pagination={pagination}
    />
  );
}
