import { Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Reason } from '../../../api/supervision.ts';

/**
 * Why a light is what it is. The server writes Chinese sentences with the dates in them; English shows the
 * translated reason with its date.
 */
export function ReasonList({ reasons, max }: { reasons: Reason[]; max?: number }) {
  const { t, i18n } = useTranslation();
  const shown = max ? reasons.slice(0, max) : reasons;
  if (shown.length === 0) return null;
  const text = (r: Reason) => {
    if (i18n.language !== 'en') return r.message;
    const label = i18n.exists(`sup.reasonCodes.${r.code}`) ? t(`sup.reasonCodes.${r.code}`) : r.code;
    const date = Object.values(r.params ?? {}).find((v) => typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v));
    return date ? `${label} (${date})` : label;
  };
  return (
    <ul style={{ margin: 0, paddingInlineStart: 18 }}>
      {shown.map((r, i) => (
        <li key={`${r.code}-${i}`}>
          <Typography.Text type={r.severity === 'red' ? 'danger' : r.severity === 'yellow' ? 'warning' : undefined}>{text(r)}</Typography.Text>
        </li>
      ))}
    </ul>
  );
}
