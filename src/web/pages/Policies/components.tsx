import { Table, Tag, Typography, type TableColumnsType } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import type { GrantStatus, ItemMode, LeafTrace, Policy, TraceNode, Truth } from '../../api/policies.ts';
import { StatusTag } from '../../components/StatusTag.tsx';

export type PolicyState = 'draft' | 'published' | 'expired';

export function policyState(p: Pick<Policy, 'effectiveTo' | 'items'>): PolicyState {
  if (p.effectiveTo && p.effectiveTo < dayjs().format('YYYY-MM-DD')) return 'expired';
  return p.items.some((i) => i.status === 'published') ? 'published' : 'draft';
}

export function PolicyStatusTag({ state }: { state: PolicyState }) {
  const { t } = useTranslation();
  return <StatusTag status={state === 'published' ? 'success' : 'neutral'}>{t(`pol.state.${state}`)}</StatusTag>;
}

export function ItemStatusTag({ status }: { status: string }) {
  const { t } = useTranslation();
  return <StatusTag status={status === 'published' ? 'success' : 'neutral'}>{t(`pol.state.${status === 'published' ? 'published' : 'draft'}`)}</StatusTag>;
}

const MODE_COLOR: Record<ItemMode, string> = { auto: '#0958d9', fast: '#531dab', info: '#595959' };

export function ModeTag({ mode }: { mode: ItemMode }) {
  const { t } = useTranslation();
  return <Tag color={MODE_COLOR[mode]} variant="solid" style={{ marginInlineEnd: 0 }}>{t(`pol.mode.${mode}`)}</Tag>;
}

const GRANT_COLOR: Record<GrantStatus, 'success' | 'error' | 'warning' | 'neutral'> = {
  proposed: 'neutral',
  awaiting_confirmation: 'warning',
  confirmed: 'success',
  disbursed: 'success',
  refused: 'error',
  superseded: 'neutral',
};

export function GrantStatusTag({ status }: { status: GrantStatus }) {
  const { t } = useTranslation();
  return <StatusTag status={GRANT_COLOR[status] ?? 'neutral'}>{t(`pol.grantStatus.${status}`)}</StatusTag>;
}

export function TruthTag({ truth }: { truth: Truth }) {
  const { t } = useTranslation();
  return <StatusTag status={truth === 'true' ? 'success' : truth === 'false' ? 'error' : 'warning'}>{t(`pol.truth.${truth}`)}</StatusTag>;
}

/** The leaves of a trace tree, in rule order. */
export function traceLeaves(node: TraceNode | null | undefined): LeafTrace[] {
  if (!node) return [];
  if (node.kind === 'leaf') return [node.leaf];
  if (node.kind === 'not') return traceLeaves(node.item);
  return node.items.flatMap(traceLeaves);
}

/** Each condition of a decision: what it asks, the value used, its source and as-of date, and the gap. */
export function TraceTable({ leaves, compact }: { leaves: LeafTrace[]; compact?: boolean }) {
  const { t } = useTranslation();
  const columns: TableColumnsType<LeafTrace> = [
    {
      title: t('pol.trace.condition'),
      key: 'label',
      render: (_, l) => (
        <div style={{ minWidth: compact ? 120 : 160 }}>
          <div>{l.label}</div>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>{l.ref}</Typography.Text>
          {compact && <div style={{ marginTop: 4 }}><TruthTag truth={l.result} /></div>}
        </div>
      ),
    },
    ...(compact ? [] : [{ title: t('pol.trace.result'), key: 'result', width: 96, render: (_: unknown, l: LeafTrace) => <TruthTag truth={l.result} /> }]),
    {
      title: t('pol.trace.value'),
      key: 'value',
      render: (_, l) => (
        <div style={{ minWidth: compact ? 120 : 140 }}>
          <div>{l.value ?? t('pol.trace.missing')}</div>
          {l.gap && <div><Typography.Text type={l.result === 'false' ? 'danger' : 'warning'} style={{ fontSize: 12 }}>{l.gap}</Typography.Text></div>}
          {compact && (l.source || l.asOf) && <Typography.Text type="secondary" style={{ fontSize: 12 }}>{t('pol.trace.sourceLine', { source: l.source ?? '—', asOf: l.asOf ?? '—' })}</Typography.Text>}
        </div>
      ),
    },
    ...(compact
      ? []
      : [
          { title: t('pol.trace.source'), key: 'source', width: 150, render: (_: unknown, l: LeafTrace) => l.source ?? '—' },
          { title: t('pol.trace.asOf'), key: 'asOf', width: 110, render: (_: unknown, l: LeafTrace) => l.asOf ?? '—' },
          { title: t('pol.trace.check'), key: 'machine', width: 110, render: (_: unknown, l: LeafTrace) => <CheckKindTag machine={l.machine} /> },
        ]),
  ];
  return <Table<LeafTrace> size="small" rowKey="id" columns={columns} dataSource={leaves} pagination={false} scroll={compact ? undefined : { x: 860 }} />;
}

export function CheckKindTag({ machine }: { machine: boolean }) {
  const { t } = useTranslation();
  return <Tag color={machine ? 'blue' : 'orange'} style={{ marginInlineEnd: 0 }}>{t(machine ? 'pol.check.machine' : 'pol.check.person')}</Tag>;
}

/** A hash shortened for reading, whole in the tooltip and for copying. */
export function Hash({ value }: { value: string | null | undefined }) {
  if (!value) return <>—</>;
  return (
    <Typography.Text code copyable={{ text: value }} title={value} style={{ wordBreak: 'break-all' }}>
      {value.slice(0, 16)}…
    </Typography.Text>
  );
}
