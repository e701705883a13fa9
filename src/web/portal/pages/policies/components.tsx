import { CheckCircleFilled, CloseCircleFilled, QuestionCircleFilled } from '@ant-design/icons';
import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { GrantStatus, ItemMode, LeafTrace, Truth } from '../../../api/policies-portal.ts';

/** Amounts in 元 as the locale writes them (100,000). */
export const formatYuan = (n: number | null | undefined) => (n === null || n === undefined ? '—' : new Intl.NumberFormat('zh-CN', { maximumFractionDigits: 2 }).format(n));

const MODE_COLOR: Record<ItemMode, string> = { auto: 'green', fast: 'blue', info: 'default' };
export function ModeTag({ mode }: { mode: ItemMode }) {
  const { t } = useTranslation();
  return <Tag color={MODE_COLOR[mode]}>{t(`polp.mode.${mode}`)}</Tag>;
}

const STATUS_COLOR: Record<GrantStatus, string> = { proposed: 'default', awaiting_confirmation: 'orange', confirmed: 'blue', disbursed: 'green', refused: 'red', superseded: 'default' };
export function GrantStatusTag({ status }: { status: GrantStatus }) {
  const { t } = useTranslation();
  return <Tag color={STATUS_COLOR[status]}>{t(`polp.grants.status.${status}`)}</Tag>;
}

const ICON: Record<Truth, { icon: typeof CheckCircleFilled; color: string }> = {
  true: { icon: CheckCircleFilled, color: '#1a7f37' },
  false: { icon: CloseCircleFilled, color: '#c62828' },
  unknown: { icon: QuestionCircleFilled, color: '#ad6800' },
};

/** Each condition of a rule as evaluated: met or not, the value used with its source and as-of date, the legal basis, the gap. */
export function TraceList({ leaves }: { leaves: LeafTrace[] }) {
  const { t } = useTranslation();
  return (
    <ol className="polp-trace" aria-label={t('polp.grant.trace')}>
      {leaves.map((l) => {
        const { icon: Icon, color } = ICON[l.result];
        return (
          <li key={l.id} className={`polp-trace-item polp-trace-${l.result}`}>
            <div className="polp-trace-head">
              <Icon style={{ color, fontSize: 18 }} aria-hidden />
              <span className="polp-trace-label">{l.label}</span>
              <span className="polp-trace-result" style={{ color }}>{t(`polp.trace.result.${l.result}`)}</span>
            </div>
            <dl className="polp-trace-facts">
              <div><dt>{t('polp.trace.value')}</dt><dd>{l.value ?? t('polp.trace.none')}</dd></div>
              <div><dt>{t('polp.trace.source')}</dt><dd>{l.source ?? '—'}</dd></div>
              <div><dt>{t('polp.trace.asOf')}</dt><dd>{l.asOf ?? '—'}</dd></div>
              <div><dt>{t('polp.trace.ref')}</dt><dd>{l.ref}</dd></div>
              {l.gap && <div className="polp-trace-gap"><dt>{t('polp.trace.gap')}</dt><dd>{l.gap}</dd></div>}
            </dl>
          </li>
        );
      })}
    </ol>
  );
}
