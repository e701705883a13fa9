import { useState } from 'react';
import { App, Button, Flex, Form, Input, InputNumber, Radio, Rate as Stars, Select, Space, Tag, Timeline, Tooltip, Typography } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { appealsApi, type AppealClock, type AppealDetail, type AppealEvent, type AppealStatus } from '../../api/appeals.ts';
import { FormModal } from '../../components/FormModal.tsx';
import { UnitSelect } from '../../components/UnitSelect.tsx';

const STATUS_COLOR: Record<AppealStatus, string> = { received: 'orange', dispatched: 'gold', disputed: 'volcano', handling: 'blue', waiting: 'purple', replied: 'cyan', called_back: 'geekblue', rectifying: 'magenta', closed: 'green', merged: 'default' };

export function AppealStatusTag({ status }: { status: AppealStatus }) {
  const { t } = useTranslation();
  return <Tag color={STATUS_COLOR[status]}>{t(`apl.status.${status}`)}</Tag>;
}

const CLOCK_COLOR: Record<string, string> = { running: 'blue', paused: 'purple', met: 'green', missed: 'red', overdue: 'red', not_started: 'default' };

export function ClockTags({ clocks }: { clocks: readonly AppealClock[] }) {
  const { t } = useTranslation();
  return (
    <Space size={[4, 4]} wrap>
      {clocks.filter((c) => c.state !== 'not_started').map((c) => {
        const detail = c.workingDaysLeft === null ? t(`apl.clock.state.${c.state}`) : c.workingDaysLeft < 0 ? t('apl.clock.over', { n: -c.workingDaysLeft }) : t('apl.clock.left', { n: c.workingDaysLeft });
        return (
          <Tooltip key={c.kind} title={`${c.reason}（${t('apl.clock.due', { date: c.dueOn })}）`}>
            <Tag color={CLOCK_COLOR[c.state]}>{t(`apl.clock.${c.kind}`)}：{detail}</Tag>
          </Tooltip>
        );
      })}
    </Space>
  );
}

export function AppealTimeline({ events }: { events: readonly AppealEvent[] }) {
  return (
    <Timeline
      items={events.map((e) => ({
        children: (
          <>
            <Typography.Text strong>{e.note}</Typography.Text>
            <br />
            <Typography.Text type="secondary">{dayjs(e.at).format('YYYY-MM-DD HH:mm')} · {e.actorName}</Typography.Text>
          </>
        ),
      }))}
    />
  );
}

type ActionKey = 'dispatch' | 'sign' | 'dispute' | 'decideDispute' | 'pause' | 'resume' | 'extend' | 'reply' | 'callback' | 'rate' | 'close' | 'reopen' | 'exclude';
const ORDER: ActionKey[] = ['dispatch', 'sign', 'dispute', 'decideDispute', 'pause', 'resume', 'reply', 'extend', 'callback', 'rate', 'close', 'reopen', 'exclude'];
const PATH: Record<ActionKey, string> = { dispatch: 'dispatch', sign: 'sign', dispute: 'dispute', decideDispute: 'dispute-decision', pause: 'pause', resume: 'resume', extend: 'extend', reply: 'reply', callback: 'callback', rate: 'rate', close: 'close', reopen: 'reopen', exclude: 'exclude' };
const NO_FORM = new Set<ActionKey>(['sign', 'resume', 'close']);

/** The buttons the server's policies allow, each with its form. */
export function AppealActions({ appeal, onDone, size }: { appeal: AppealDetail; onDone(): Promise<unknown>; size?: 'large' | 'middle' }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [open, setOpen] = useState<ActionKey | null>(null);
  const allowed = ORDER.filter((k) => appeal.policies[k]);
  const run = async (k: ActionKey, body?: Record<string, unknown>) => {
    await appealsApi.act(appeal.id, PATH[k], body);
    message.success(t('apl.action.done'));
    setOpen(null);
    await onDone();
  };
  return (
    <>
      <Flex gap={8} wrap>
        {allowed.map((k) => (
          <Button key={k} size={size} type={k === 'exclude' || k === 'dispute' ? 'default' : 'primary'} onClick={() => (NO_FORM.has(k) ? void run(k) : setOpen(k))}>
            {t(`apl.action.${k}`)}
          </Button>
        ))}
      </Flex>
      {open && (
        <FormModal<Record<string, unknown>>
          title={t(`apl.action.${open}`)}
          initialValues={open === 'dispatch' ? { unitId: appeal.proposals[0]?.unitId, categoryId: appeal.proposals[0]?.categoryId } : open === 'callback' ? { solved: true, satisfied: true } : open === 'decideDispute' ? { decision: 'redispatch' } : open === 'exclude' ? { reason: 'unreasonable' } : {}}
          onSubmit={(v) => run(open, Object.fromEntries(Object.entries(v).filter(([, x]) => x !== undefined && x !== '')))}
          onClose={() => setOpen(null)}
        >
          {open === 'dispatch' && (
            <>
              {appeal.proposals.length > 0 && (
                <Typography.Paragraph type="secondary">
                  {t('apl.detail.proposals')}：{appeal.proposals.map((p) => `${p.unitName}（${p.categoryName}；${t('apl.detail.legalBasis')}：${p.legalBasis}）`).join('；')}
                </Typography.Paragraph>
              )}
              <Form.Item name="unitId" label={t('apl.field.unit')} rules={[{ required: true }]}>
                <UnitSelect currentName={appeal.proposals[0]?.unitName} />
              </Form.Item>
              <Form.Item name="categoryId" hidden><Input /></Form.Item>
            </>
          )}
          {open === 'decideDispute' && (
            <>
              <Form.Item name="decision" label={t('apl.action.decideDispute')}>
                <Radio.Group options={[{ value: 'redispatch', label: t('apl.action.redispatch') }, { value: 'uphold', label: t('apl.action.uphold') }]} />
              </Form.Item>
              <Form.Item name="unitId" label={t('apl.field.unit')}><UnitSelect /></Form.Item>
            </>
          )}
          {(open === 'dispute' || open === 'pause' || open === 'reopen') && (
            <Form.Item name="reason" label={t('apl.field.reason')} rules={[{ required: true }]}><Input.TextArea rows={3} /></Form.Item>
          )}
          {open === 'reply' && <Form.Item name="text" label={t('apl.field.reply')} rules={[{ required: true }]}><Input.TextArea rows={4} /></Form.Item>}
          {open === 'extend' && (
            <>
              <Form.Item name="days" label={t('apl.field.days')} rules={[{ required: true }]}><InputNumber min={1} max={30} /></Form.Item>
              <Form.Item name="reason" label={t('apl.field.reason')} rules={[{ required: true }]}><Input.TextArea rows={2} /></Form.Item>
            </>
          )}
          {open === 'callback' && (
            <>
              <Form.Item name="solved" label={t('apl.field.solved')}><Radio.Group options={[{ value: true, label: t('apl.yes') }, { value: false, label: t('apl.no') }]} /></Form.Item>
              <Form.Item name="satisfied" label={t('apl.field.satisfied')}><Radio.Group options={[{ value: true, label: t('apl.yes') }, { value: false, label: t('apl.no') }]} /></Form.Item>
              <Form.Item name="note" label={t('apl.field.note')}><Input.TextArea rows={2} /></Form.Item>
            </>
          )}
          {open === 'rate' && (
            <>
              <Typography.Paragraph type="secondary">{t('apl.rating.hint')}</Typography.Paragraph>
              <Form.Item name="rating" label={t('apl.field.rating')} rules={[{ required: true }]}>
                <Stars tooltips={[1, 2, 3, 4, 5].map((n) => t(`apl.rating.${n}`))} style={{ fontSize: 32 }} />
              </Form.Item>
              <Form.Item name="comment" label={t('apl.field.comment')}><Input.TextArea rows={2} /></Form.Item>
            </>
          )}
          {open === 'exclude' && (
            <>
              <Form.Item name="reason" label={t('apl.field.reason')}>
                <Select options={['unreasonable', 'litigation', 'arbitration', 'petition', 'police', 'out_of_scope'].map((v) => ({ value: v, label: t(`apl.exclusion.${v}`) }))} />
              </Form.Item>
              <Form.Item name="note" label={t('apl.field.note')} rules={[{ required: true }]}><Input.TextArea rows={2} /></Form.Item>
            </>
          )}
        </FormModal>
      )}
    </>
  );
}
