import { useState } from 'react';
import { App, Button, Card, Empty, Flex, List, Progress, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { reportsApi, type ReviewItem } from '../../api/supervision.ts';
import { LoadError } from '../../components/LoadError.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { can } from '../../hooks/policies.ts';
import { useRequest } from '../../hooks/use-request.ts';
import { taskLabel } from '../Tasks/components/TaskList.tsx';
import { DecisionDialog } from './DecisionDialog.tsx';

type Deciding = { item: ReviewItem; decision: 'accept' | 'return' };

/** 审核: submitted reports in scope, oldest first, to accept or return. */
export default function ReviewsPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [page, setPage] = useState(1);
  const queue = useRequest(() => reportsApi.queue({ page, pageSize: 20 }), [page]);
  const [deciding, setDeciding] = useState<Deciding | null>(null);

  const label = ({ task }: ReviewItem) => `${task.unit.name} ${task.measureNumber}`;

  return (
    <>
      <PageHeader title={t('sup.review.title')} intro={t('sup.review.intro')} />
      <LoadError error={queue.error} onRetry={() => void queue.reload()} />
      <Card>
        <List<ReviewItem>
          loading={queue.loading}
          dataSource={queue.data?.items ?? []}
          locale={{ emptyText: <Empty description={t('sup.review.empty')} /> }}
          pagination={{ current: page, pageSize: 20, total: queue.data?.total ?? 0, onChange: setPage, hideOnSinglePage: true }}
          renderItem={(item) => {
            const { report: r, task } = item;
            return (
              <List.Item
                key={r.id}
                actions={
                  can(r.policies, 'review')
                    ? [
                        <Button key="accept" type="primary" size="small" onClick={() => setDeciding({ item, decision: 'accept' })} aria-label={`${t('sup.actions.accept')} ${label(item)}`}>
                          {t('sup.actions.accept')}
                        </Button>,
                        <Button key="return" danger size="small" onClick={() => setDeciding({ item, decision: 'return' })} aria-label={`${t('sup.actions.return')} ${label(item)}`}>
                          {t('sup.actions.return')}
                        </Button>,
                      ]
                    : []
                }
              >
                <List.Item.Meta
                  title={
                    <Flex gap={8} wrap align="center">
                      <Link to={`/supervision/tasks/${task.id}`}>
                        {task.measureNumber} {taskLabel(task)}
                      </Link>
                      <Tag>{r.periodLabel ?? r.period}</Tag>
                      {r.isFinal && <Tag color="#237804">{t('sup.field.isFinal')}</Tag>}
                    </Flex>
                  }
                  description={
                    <>
                      <Typography.Text type="secondary">
                        {task.unit.name} · {task.planTitle} · {t('sup.field.submittedAt')} {r.submittedAt?.slice(0, 16).replace('T', ' ')}
                      </Typography.Text>
                      <Typography.Paragraph style={{ margin: '4px 0', whiteSpace: 'pre-wrap' }}>{r.summary}</Typography.Paragraph>
                      <Progress percent={r.progress} size="small" style={{ maxWidth: 240 }} aria-label={t('sup.field.progress')} />
                    </>
                  }
                />
              </List.Item>
            );
          }}
        />
      </Card>
      {deciding && (
        <DecisionDialog
          title={t('sup.review.reviewTitle', { unit: deciding.item.task.unit.name, number: deciding.item.task.measureNumber })}
          okText={t(deciding.decision === 'accept' ? 'sup.actions.accept' : 'sup.actions.return')}
          commentRequired={deciding.decision === 'return'}
          onSubmit={async (comment) => {
            await reportsApi.review(deciding.item.report.id, deciding.decision, comment);
            void message.success(t(deciding.decision === 'accept' ? 'sup.review.accepted' : 'sup.review.returned'));
            await queue.reload();
          }}
          onClose={() => setDeciding(null)}
        />
      )}
    </>
  );
}
