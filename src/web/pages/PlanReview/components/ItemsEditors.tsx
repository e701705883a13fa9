import { Button, DatePicker, Flex, Input, InputNumber, Select, Typography } from 'antd';
import { AimOutlined, DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { TARGET_OPS, type Deadline, type Target, type TargetOp } from '../../../api/plans.ts';

export function opSymbol(op: TargetOp): string {
  return op === '<=' ? '≤' : op === '>=' ? '≥' : '=';
}

/** "企业开办 ≤ 1 个工作日（2022-12-31前）" */
export function targetSummary(t: Target, byLabel: (date: string) => string): string {
  return `${t.metric} ${opSymbol(t.op)} ${t.value}${t.unit}${t.by ? ` ${byLabel(t.by)}` : ''}`;
}

const toDay = (iso: string | null) => (iso ? dayjs(iso) : null);
const fromDay = (d: dayjs.Dayjs | null) => (d ? d.format('YYYY-MM-DD') : null);

export function DeadlinesEditor({ value, onChange, onLocate, prefix }: {
  value: Deadline[];
  onChange(next: Deadline[]): void;
  onLocate(d: Deadline): void;
  /** Makes the labels unique on the page ("举措 3"). */
  prefix: string;
}) {
  const { t } = useTranslation();
  const set = (i: number, patch: Partial<Deadline>) => onChange(value.map((d, j) => (j === i ? { ...d, ...patch } : d)));
  return (
    <div role="group" aria-label={t('plans.deadlines.title')}>
      <Typography.Text strong style={{ display: 'block', marginBottom: 4 }}>
        {t('plans.deadlines.title')}
      </Typography.Text>
      {value.length === 0 && <Typography.Text type="secondary">{t('plans.deadlines.none')}</Typography.Text>}
      {value.map((d, i) => {
        const n = i + 1;
        return (
          <Flex key={i} gap={6} wrap align="center" style={{ marginBottom: 6 }}>
            <Input
              value={d.text}
              onChange={(e) => set(i, { text: e.target.value })}
              aria-label={t('plans.deadlines.textLabel', { prefix, n })}
              placeholder={t('plans.deadlines.textPlaceholder')}
              style={{ width: 150 }}
            />
            <DatePicker
              value={toDay(d.date)}
              onChange={(day) => set(i, { date: fromDay(day) })}
              aria-label={t('plans.deadlines.dateLabel', { prefix, n })}
              placeholder={t('plans.deadlines.datePlaceholder')}
              status={d.date ? undefined : 'warning'}
              style={{ width: 150 }}
            />
            <Button size="small" type="text" icon={<AimOutlined aria-hidden />} onClick={() => onLocate(d)} aria-label={t('plans.review.locateItem', { item: d.text })} />
            <Button
              size="small"
              type="text"
              danger
              icon={<DeleteOutlined aria-hidden />}
              onClick={() => onChange(value.filter((_, j) => j !== i))}
              aria-label={t('plans.deadlines.remove', { prefix, n })}
            />
          </Flex>
        );
      })}
      <Button size="small" icon={<PlusOutlined aria-hidden />} onClick={() => onChange([...value, { text: '', date: null }])}>
        {t('plans.deadlines.add')}
      </Button>
    </div>
  );
}

export function TargetsEditor({ value, onChange, onLocate, prefix, title }: {
  value: Target[];
  onChange(next: Target[]): void;
  onLocate(t: Target): void;
  prefix: string;
  title?: string;
}) {
  const { t } = useTranslation();
  const set = (i: number, patch: Partial<Target>) => onChange(value.map((x, j) => (j === i ? { ...x, ...patch } : x)));
  const heading = title ?? t('plans.targets.title');
  return (
    <div role="group" aria-label={heading}>
      <Typography.Text strong style={{ display: 'block', marginBottom: 4 }}>
        {heading}
      </Typography.Text>
      {value.length === 0 && <Typography.Text type="secondary">{t('plans.targets.none')}</Typography.Text>}
      {value.map((x, i) => {
        const n = i + 1;
        return (
          <Flex key={i} gap={6} wrap align="center" style={{ marginBottom: 8, paddingBottom: 8, borderBottom: '1px dashed #e5e5e5' }}>
            <Input
              value={x.metric}
              onChange={(e) => set(i, { metric: e.target.value })}
              aria-label={t('plans.targets.metricLabel', { prefix, n })}
              placeholder={t('plans.targets.metric')}
              status={x.metric.trim() ? undefined : 'error'}
              style={{ flex: '1 1 180px', minWidth: 140 }}
            />
            <Select<TargetOp>
              value={x.op}
              onChange={(op) => set(i, { op })}
              aria-label={t('plans.targets.opLabel', { prefix, n })}
              options={TARGET_OPS.map((op) => ({ value: op, label: t(`plans.targets.ops.${op === '>=' ? 'ge' : op === '<=' ? 'le' : 'eq'}`) }))}
              popupMatchSelectWidth={false}
              style={{ width: 128 }}
            />
            <InputNumber
              value={x.value}
              onChange={(v) => set(i, { value: typeof v === 'number' ? v : 0 })}
              aria-label={t('plans.targets.valueLabel', { prefix, n })}
              style={{ width: 96 }}
            />
            <Input
              value={x.unit}
              onChange={(e) => set(i, { unit: e.target.value })}
              aria-label={t('plans.targets.unitLabel', { prefix, n })}
              placeholder={t('plans.targets.unit')}
              style={{ width: 90 }}
            />
            <DatePicker
              value={toDay(x.by)}
              onChange={(day) => set(i, { by: fromDay(day) })}
              aria-label={t('plans.targets.byLabel', { prefix, n })}
              placeholder={t('plans.targets.by')}
              style={{ width: 140 }}
            />
            <Button size="small" type="text" icon={<AimOutlined aria-hidden />} onClick={() => onLocate(x)} aria-label={t('plans.review.locateItem', { item: x.metric || x.text })} />
            <Button
              size="small"
              type="text"
              danger
              icon={<DeleteOutlined aria-hidden />}
              onClick={() => onChange(value.filter((_, j) => j !== i))}
              aria-label={t('plans.targets.remove', { prefix, n })}
            />
          </Flex>
        );
      })}
      <Button
        size="small"
        icon={<PlusOutlined aria-hidden />}
        onClick={() => onChange([...value, { text: '', metric: '', op: '>=', value: 0, unit: '', by: null }])}
      >
        {t('plans.targets.add')}
      </Button>
    </div>
  );
}
