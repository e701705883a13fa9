import { useState } from 'react';
import { App, Button, Card, Descriptions, Empty, Flex, Form, Input, List, Popconfirm, Progress, Space, Table, Tag, Timeline, Typography } from 'antd';
import { ArrowLeftOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { periodText, requestsApi, reportsApi, tasksApi, type Kpi, type Report, type TaskRequest } from '../../api/supervision.ts';
import { FormModal } from '../../components/FormModal.tsx';
import { LoadError } from '../../components/LoadError.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { StatusTag } from '../../components/StatusTag.tsx';
import { useErrorMessage } from '../../hooks/error-message.ts';
import { can } from '../../hooks/policies.ts';
import { useSession } from '../../hooks/session.tsx';
import { useIsMobile } from '../../hooks/use-breakpoint.ts';
import { useRequest } from '../../hooks/use-request.ts';
import { DecisionDialog } from '../Reviews/DecisionDialog.tsx';
import { LightTag } from '../Tasks/components/LightTag.tsx';
import { ReasonList } from '../Tasks/components/ReasonList.tsx';
import { ReportFormModal } from '../Tasks/components/ReportFormModal.tsx';
import { RequestFormModal } from '../Tasks/components/RequestFormModal.tsx';
import { taskLabel } from '../Tasks/components/TaskList.tsx';

const OPS: Record<string, string> = { '>=': '≥', '<=': '≤', '=': '=' };
const REPORT_COLOR = { draft: 'gray', submitted: 'blue', accepted: 'green', returned: 'red' } as const;
const REPORT_STATUS = { draft: 'neutral', submitted: 'warning', accepted: 'success', returned: 'error' } as const;
const when = (iso: string | null | undefined) => (iso ? iso.slice(0, 16).replace('T', ' ') : '');

type Dialog =
  | { kind: 'report'; draft: Report | null }
  | { kind: 'extension' | 'transfer' }
  | { kind: 'instruct' }
  | { kind: 'review'; report: Report; decision: 'accept' | 'return' }
  | { kind: 'decide'; request: TaskRequest; decision: 'approve' | 'refuse' };

/** One task: its light and why, KPIs, the timeline of reports, instructions, requests and escalations. */
export default function TaskDetailPage() {
  const { id = '' } = useParams();
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const errorMessage = useErrorMessage();
  const mobile = useIsMobile();
  const { me } = useSession();
  const task = useRequest(() => tasksApi.get(id), [id]);
  const [dialog, setDialog] = useState<Dialog | null>(null);
  const reload = () => void task.reload();
  const data = task.data;

  const run = async (action: () => Promise<unknown>, done: string) => {
    try {
      await action();
      void message.success(done);
      reload();
    } catch (err) {
      void message.error(errorMessage(err));
    }
  };

  const back = me?.role === 'unit' ? '/supervision/my-tasks' : '/supervision/tasks';
  if (!data) {
    return (
      <>
        <PageHeader title={t('sup.nav.taskDetail')} />
        <LoadError error={task.error} onRetry={reload} />
        {task.loading && <Card loading />}
      </>
    );
  }
  const draft = data.reports.find((r) => r.status === 'draft') ?? null;
  const p = data.policies;

  const kpiColumns = [
    { title: t('sup.field.kpis'), dataIndex: 'metric', key: 'metric' },
    { title: t('sup.field.target'), key: 'target', render: (_: unknown, k: Kpi) => `${OPS[k.op] ?? k.op}${k.target}${k.unit}${k.by ? `（${k.by}）` : ''}` },
    { title: t('sup.field.actual'), key: 'actual', render: (_: unknown, k: Kpi) => (k.actual === null ? t('common.none') : `${k.actual}${k.unit}`) },
    { title: t('sup.field.attainment'), key: 'att', render: (_: unknown, k: Kpi) => (k.attainment === null ? t('common.none') : `${Math.round(k.attainment * 100)}%`) },
  ];

  return (
    <>
      <Link to={back}>
        <ArrowLeftOutlined aria-hidden /> {t('sup.detail.back')}
      </Link>
      <PageHeader
        title={`${data.measureNumber} ${taskLabel(data)}`}
        intro={data.planTitle}
        extra={
          <>
            {can(p, 'sign') && (
              <Button type="primary" onClick={() => void run(() => tasksApi.sign(data.id), t('sup.detail.signedMsg'))}>
                {t('sup.actions.sign')}
              </Button>
            )}
            {can(p, 'report') && (
              <Button type="primary" onClick={() => setDialog({ kind: 'report', draft })}>
                {draft ? t('sup.actions.editDraft') : t('sup.actions.report')}
              </Button>
            )}
            {can(p, 'requestExtension') && <Button onClick={() => setDialog({ kind: 'extension' })}>{t('sup.actions.requestExtension')}</Button>}
            {can(p, 'requestTransfer') && <Button onClick={() => setDialog({ kind: 'transfer' })}>{t('sup.actions.requestTransfer')}</Button>}
            {can(p, 'instruct') && <Button onClick={() => setDialog({ kind: 'instruct' })}>{t('sup.actions.instruct')}</Button>}
            {can(p, 'close') && (
              <Popconfirm title={t('sup.detail.closeConfirm')} okText={t('sup.actions.close')} cancelText={t('common.cancel')} onConfirm={() => run(() => tasksApi.close(data.id), t('sup.detail.closedMsg'))}>
                <Button danger>{t('sup.actions.close')}</Button>
              </Popconfirm>
            )}
          </>
        }
      />
      <LoadError error={task.error} onRetry={reload} />
      <Flex vertical gap={16}>
        <Card title={t('sup.detail.info')}>
          <Flex gap={8} align="flex-start" style={{ marginBottom: 12 }}>
            <LightTag light={data.light} />
            <ReasonList reasons={data.reasons} />
          </Flex>
          {data.cooperating && (
            <Typography.Paragraph>
              <Tag>{t('sup.tasks.cooperating')}</Tag>
              {t('sup.tasks.cooperatingHint', { unit: data.unit.name })}
            </Typography.Paragraph>
          )}
          <Descriptions column={mobile ? 1 : 2} size="small">
            <Descriptions.Item label={t('sup.field.unit')}>{data.unit.name}</Descriptions.Item>
            <Descriptions.Item label={t('sup.field.status')}>{t(`sup.status.${data.status}`)}</Descriptions.Item>
            <Descriptions.Item label={t('sup.field.dueDate')}>{data.dueDate ?? t('sup.tasks.noDue')}</Descriptions.Item>
            <Descriptions.Item label={t('sup.field.nextReportDue')}>{data.nextReportDue ?? t('common.none')}</Descriptions.Item>
            <Descriptions.Item label={t('sup.field.section')}>{data.section ?? t('common.none')}</Descriptions.Item>
            <Descriptions.Item label={t('sup.field.cooperating')}>
              {data.cooperatingUnits.length ? data.cooperatingUnits.map((u) => u.name ?? u.printed).join('、') : t('common.none')}
            </Descriptions.Item>
            <Descriptions.Item label={t('sup.field.progress')}>
              <Progress percent={data.progress} size="small" style={{ width: 200 }} aria-label={t('sup.field.progress')} />
            </Descriptions.Item>
          </Descriptions>
          <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginTop: 12 }}>{data.text}</Typography.Paragraph>
          {data.kpis.length > 0 && <Table<Kpi> rowKey="id" size="small" pagination={false} columns={kpiColumns} dataSource={data.kpis} scroll={{ x: 'max-content' }} />}
        </Card>

        <Card title={t('sup.detail.instructions')}>
          {data.instructions.length === 0 ? (
            <Typography.Text type="secondary">{t('sup.detail.noInstructions')}</Typography.Text>
          ) : (
            <List
              size="small"
              dataSource={data.instructions}
              renderItem={(i) => (
                <List.Item key={i.id}>
                  <List.Item.Meta title={`${i.author ?? ''} · ${when(i.createdAt)}`} description={<span style={{ whiteSpace: 'pre-wrap' }}>{i.text}</span>} />
                </List.Item>
              )}
            />
          )}
        </Card>

        <Card title={t('sup.detail.timeline')}>
          {data.reports.length === 0 ? (
            <Empty description={t('sup.detail.noReports')} />
          ) : (
            <Timeline
              items={data.reports.map((r) => ({
                key: r.id,
                color: REPORT_COLOR[r.status],
                content: (
                  <div>
                    <Space wrap size={4}>
                      <Typography.Text strong>{periodText(r, i18n.language)}</Typography.Text>
                      <StatusTag status={REPORT_STATUS[r.status]}>{t(`sup.reportStatus.${r.status}`)}</StatusTag>
                      {r.isFinal && <Tag>{t('sup.field.isFinal')}</Tag>}
                      <Typography.Text type="secondary">{when(r.submittedAt)}</Typography.Text>
                    </Space>
                    <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: '4px 0' }}>{r.summary}</Typography.Paragraph>
                    <Progress percent={r.progress} size="small" style={{ maxWidth: 240 }} aria-label={t('sup.field.progress')} />
                    {r.kpiValues.length > 0 && (
                      <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
                        {r.kpiValues
                          .map((v) => {
                            const k = data.kpis.find((x) => x.id === v.kpiId);
                            return `${k?.metric ?? ''} ${v.actual}${k?.unit ?? ''}`;
                          })
                          .join('；')}
                      </Typography.Paragraph>
                    )}
                    {r.evidence.length > 0 && (
                      <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
                        {t('sup.field.evidence')}：{r.evidence.map((e) => e.name).join('、')}
                      </Typography.Paragraph>
                    )}
                    {r.reviewComment && (
                      <Typography.Paragraph style={{ margin: '4px 0' }}>
                        {t('sup.field.reviewComment')}：{r.reviewComment}
                        {r.reviewer && <Typography.Text type="secondary">（{t('sup.detail.reviewer', { name: r.reviewer })}）</Typography.Text>}
                      </Typography.Paragraph>
                    )}
                    {can(r.policies, 'review') && (
                      <Space style={{ marginTop: 4 }}>
                        <Button size="small" type="primary" onClick={() => setDialog({ kind: 'review', report: r, decision: 'accept' })}>
                          {t('sup.actions.accept')}
                        </Button>
                        <Button size="small" danger onClick={() => setDialog({ kind: 'review', report: r, decision: 'return' })}>
                          {t('sup.actions.return')}
                        </Button>
                      </Space>
                    )}
                  </div>
                ),
              }))}
            />
          )}
        </Card>

        <Card title={t('sup.detail.requests')}>
          {data.requests.length === 0 ? (
            <Typography.Text type="secondary">{t('sup.detail.noRequests')}</Typography.Text>
          ) : (
            <List
              size="small"
              dataSource={data.requests}
              renderItem={(rq) => (
                <List.Item
                  key={rq.id}
                  actions={
                    can(rq.policies, 'decide')
                      ? [
                          <Button key="a" size="small" type="primary" onClick={() => setDialog({ kind: 'decide', request: rq, decision: 'approve' })}>
                            {t('sup.actions.approve')}
                          </Button>,
                          <Button key="r" size="small" danger onClick={() => setDialog({ kind: 'decide', request: rq, decision: 'refuse' })}>
                            {t('sup.actions.refuse')}
                          </Button>,
                        ]
                      : []
                  }
                >
                  <List.Item.Meta
                    title={
                      <Space wrap>
                        {t(`sup.requestKind.${rq.kind}`)}
                        <Tag>{t(`sup.requestStatus.${rq.status}`)}</Tag>
                        {rq.newDueDate && `→ ${rq.newDueDate}`}
                        {rq.toUnit && `→ ${rq.toUnit.name}`}
                      </Space>
                    }
                    description={
                      <>
                        <div>{rq.reason}</div>
                        {rq.decisionComment && <div>{t('sup.field.comment')}：{rq.decisionComment}</div>}
                      </>
                    }
                  />
                </List.Item>
              )}
            />
          )}
        </Card>

        {data.escalations.length > 0 && (
          <Card title={t('sup.detail.escalations')}>
            <List
              size="small"
              dataSource={data.escalations}
              renderItem={(e) => (
                <List.Item key={e.id}>
                  <List.Item.Meta title={e.number} description={`${e.reason ?? ''} ${e.respondBy ? t('sup.detail.respondBy', { date: e.respondBy }) : ''}`} />
                </List.Item>
              )}
            />
          </Card>
        )}
      </Flex>

      {dialog?.kind === 'report' && <ReportFormModal task={data} draft={dialog.draft} onClose={() => setDialog(null)} onDone={reload} />}
      {(dialog?.kind === 'extension' || dialog?.kind === 'transfer') && (
        <RequestFormModal
          task={data}
          kind={dialog.kind}
          onClose={() => setDialog(null)}
          onDone={() => {
            void message.success(t('sup.request.sent'));
            reload();
          }}
        />
      )}
      {dialog?.kind === 'instruct' && (
        <FormModal<{ text: string }>
          title={t('sup.actions.instruct')}
          onSubmit={async (v) => {
            await tasksApi.instruct(data.id, v.text.trim());
            void message.success(t('sup.detail.instructed'));
            reload();
          }}
          onClose={() => setDialog(null)}
        >
          <Form.Item label={t('sup.actions.instruct')} name="text" rules={[{ required: true, whitespace: true, message: t('common.required', { field: t('sup.actions.instruct') }) }]}>
            <Input.TextArea rows={4} maxLength={2000} placeholder={t('sup.detail.instructPlaceholder')} />
          </Form.Item>
        </FormModal>
      )}
      {dialog?.kind === 'review' && (
        <DecisionDialog
          title={t('sup.review.reviewTitle', { unit: data.unit.name, number: data.measureNumber })}
          okText={t(dialog.decision === 'accept' ? 'sup.actions.accept' : 'sup.actions.return')}
          commentRequired={dialog.decision === 'return'}
          onSubmit={async (comment) => {
            await reportsApi.review(dialog.report.id, dialog.decision, comment);
            void message.success(t(dialog.decision === 'accept' ? 'sup.review.accepted' : 'sup.review.returned'));
            reload();
          }}
          onClose={() => setDialog(null)}
        />
      )}
      {dialog?.kind === 'decide' && (
        <DecisionDialog
          title={t('sup.review.decideTitle', { kind: t(`sup.requestKind.${dialog.request.kind}`) })}
          okText={t(dialog.decision === 'approve' ? 'sup.actions.approve' : 'sup.actions.refuse')}
          commentRequired={dialog.decision === 'refuse'}
          onSubmit={async (comment) => {
            await requestsApi.decide(dialog.request.id, dialog.decision, comment);
            void message.success(t('sup.review.decided'));
            reload();
          }}
          onClose={() => setDialog(null)}
        />
      )}
    </>
  );
}
