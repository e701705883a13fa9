import { useState } from 'react';
import { App, Button, Card, Empty, Flex, List, Popconfirm, Progress, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { periodText, reportsApi, requestsApi, tasksApi, type ReviewInbox, type ReviewItem } from '../../api/supervision.ts';
import { LoadError } from '../../components/LoadError.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { useErrorMessage } from '../../hooks/error-message.ts';
import { can } from '../../hooks/policies.ts';
import { useRequest } from '../../hooks/use-request.ts';
import { taskLabel } from '../Tasks/components/TaskList.tsx';
import { DecisionDialog } from './DecisionDialog.tsx';

const PREVIEWABLE = /\.(png|jpe?g|gif|webp|pdf|txt)$/i;

/** The report's evidence beside it: a reviewer sees (and can open) every file before accepting. */
function EvidenceList({ evidence }: { evidence: ReviewItem['report']['evidence'] }) {
  const { t } = useTranslation();
  if (evidence.length === 0) return <Tag>{t('ux.evidence.none')}</Tag>;
  return (
    <div role="group" aria-label={t('ux.evidence.count', { count: evidence.length })}>
      <Typography.Text strong>{t('ux.evidence.count', { count: evidence.length })}</Typography.Text>
      <ul style={{ margin: '2px 0 0', paddingInlineStart: 20 }}>
        {evidence.map((e) => (
          <li key={e.id}>
            <Flex gap={8} wrap>
              <span>
                {e.name}（{e.size < 1024 * 1024 ? `${Math.max(1, Math.round(e.size / 1024))} KB` : `${(e.size / 1024 / 1024).toFixed(1)} MB`}）
              </span>
              {PREVIEWABLE.test(e.name) && (
                <a href={`/api/v1/evidence/${e.id}?inline=true`} target="_blank" rel="noreferrer" aria-label={`${t('ux.evidence.preview')} ${e.name}`}>
                  {t('ux.evidence.preview')}
                </a>
              )}
              <a href={`/api/v1/evidence/${e.id}`} download={e.name} aria-label={`${t('ux.evidence.download')} ${e.name}`}>
                {t('ux.evidence.download')}
              </a>
            </Flex>
          </li>
        ))}
      </ul>
    </div>
  );
}

type Deciding = { item: ReviewItem; decision: 'accept' | 'return' };
type Request = ReviewInbox['requests'][number];

/** 审核: submitted reports in scope, oldest first, to accept or return. */
export default function ReviewsPage() {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const [page, setPage] = useState(1);
  const queue = useRequest(() => reportsApi.queue({ page, pageSize: 20 }), [page]);
  const [deciding, setDeciding] = useState<Deciding | null>(null);
  const [decidingRequest, setDecidingRequest] = useState<{ request: Request; decision: 'approve' | 'refuse' } | null>(null);
  const inbox = useRequest(() => reportsApi.inbox(), []);
  const errorMessage = useErrorMessage();

  const handleClose = async (taskId: string) => {
    try {
      await tasksApi.close(taskId);
      void message.success(t('sup.detail.closedMsg'));
      await inbox.reload();
    } catch (err) {
      void message.error(errorMessage(err));
    }
  };

  const label = ({ task }: ReviewItem) => `${task.unit.name} ${task.measureNumber}`;

  return (
    <>
      <PageHeader title={t('sup.review.title')} intro={t('sup.review.intro')} />
      <LoadError error={queue.error ?? inbox.error} onRetry={() => void Promise.all([queue.reload(), inbox.reload()])} />
      <Card title={t('sup.review.reports')}>
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
                      <Tag>{periodText(r, i18n.language)}</Tag>
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
                      <EvidenceList evidence={r.evidence} />
                    </>
                  }
                />
              </List.Item>
            );
          }}
        />
      </Card>
      <Card title={t('sup.review.requests')} style={{ marginTop: 16 }}>
        <List<Request>
          loading={inbox.loading}
          dataSource={inbox.data?.requests ?? []}
          locale={{ emptyText: <Empty description={t('sup.review.noRequests')} /> }}
          renderItem={(rq) => (
            <List.Item
              key={rq.id}
              actions={
                can(rq.policies, 'decide')
                  ? [
                      <Button key="a" size="small" type="primary" onClick={() => setDecidingRequest({ request: rq, decision: 'approve' })} aria-label={`${t('sup.actions.approve')} ${rq.task.unitName} ${rq.task.measureNumber}`}>
                        {t('sup.actions.approve')}
                      </Button>,
                      <Button key="r" size="small" danger onClick={() => setDecidingRequest({ request: rq, decision: 'refuse' })} aria-label={`${t('sup.actions.refuse')} ${rq.task.unitName} ${rq.task.measureNumber}`}>
                        {t('sup.actions.refuse')}
                      </Button>,
                    ]
                  : []
              }
            >
              <List.Item.Meta
                title={
                  <Flex gap={8} wrap align="center">
                    <Link to={`/supervision/tasks/${rq.task.id}`}>
                      {rq.task.measureNumber} {rq.task.title}
                    </Link>
                    <Tag>{t(`sup.requestKind.${rq.kind}`)}</Tag>
                    {rq.kind === 'extension' && rq.newDueDate && <span>{t('sup.review.extendTo', { from: rq.currentDueDate ?? t('sup.tasks.noDue'), to: rq.newDueDate })}</span>}
                    {rq.kind === 'transfer' && rq.toUnitName && <span>{t('sup.review.transferTo', { unit: rq.toUnitName })}</span>}
                  </Flex>
                }
                description={`${rq.task.unitName} · ${rq.reason}`}
              />
            </List.Item>
          )}
        />
      </Card>
      <Card title={t('sup.review.toClose')} style={{ marginTop: 16 }}>
        <List<ReviewInbox['toClose'][number]>
          loading={inbox.loading}
          dataSource={inbox.data?.toClose ?? []}
          locale={{ emptyText: <Empty description={t('sup.review.noToClose')} /> }}
          renderItem={(item) => (
            <List.Item
              key={item.task.id}
              actions={
                can(item.policies, 'close')
                  ? [
                      <Popconfirm key="c" title={t('sup.detail.closeConfirm')} okText={t('sup.actions.close')} cancelText={t('common.cancel')} onConfirm={() => handleClose(item.task.id)}>
                        <Button size="small" type="primary" aria-label={`${t('sup.actions.close')} ${item.task.unitName} ${item.task.measureNumber}`}>
                          {t('sup.actions.close')}
                        </Button>
                      </Popconfirm>,
                    ]
                  : []
              }
            >
              <List.Item.Meta
                title={
                  <Link to={`/supervision/tasks/${item.task.id}`}>
                    {item.task.measureNumber} {item.task.title}
                  </Link>
                }
                description={`${item.task.unitName} · ${item.task.planTitle} · ${item.periodLabel}`}
              />
            </List.Item>
          )}
        />
      </Card>
      {decidingRequest && (
        <DecisionDialog
          title={t('sup.review.decideTitle', { kind: t(`sup.requestKind.${decidingRequest.request.kind}`) })}
          okText={t(decidingRequest.decision === 'approve' ? 'sup.actions.approve' : 'sup.actions.refuse')}
          commentRequired={decidingRequest.decision === 'refuse'}
          onSubmit={async (comment) => {
            await requestsApi.decide(decidingRequest.request.id, decidingRequest.decision, comment);
            void message.success(t('sup.review.decided'));
            await inbox.reload();
          }}
          onClose={() => setDecidingRequest(null)}
        />
      )}
      {deciding && (
        <DecisionDialog
          title={t('sup.review.reviewTitle', { unit: deciding.item.task.unit.name, number: deciding.item.task.measureNumber })}
          okText={t(deciding.decision === 'accept' ? 'sup.actions.accept' : 'sup.actions.return')}
          commentRequired={deciding.decision === 'return'}
          onSubmit={async (comment) => {
            await reportsApi.review(deciding.item.report.id, deciding.decision, comment);
            void message.success(t(deciding.decision === 'accept' ? 'sup.review.accepted' : 'sup.review.returned'));
            await Promise.all([queue.reload(), inbox.reload()]);
          }}
          onClose={() => setDeciding(null)}
        />
      )}
    </>
  );
}
