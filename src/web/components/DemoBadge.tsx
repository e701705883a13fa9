import { Tag, Tooltip } from 'antd';
import { ExperimentOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useSession } from '../hooks/session.tsx';

/**
 * Shown wherever the platform runs on demo data, so nobody mistakes it for real records. `compact` (phones) keeps
 * the icon only; the label stays for screen readers and in the tooltip.
 */
export function DemoBadge({ compact = false }: { compact?: boolean }) {
  const { t } = useTranslation();
  const { system } = useSession();
  if (!system?.demo) return null;
  return (
    <Tooltip title={t('app.demoBadgeHint')}>
      <Tag
        icon={<ExperimentOutlined aria-hidden />}
        color="#ad4e00"
        variant="solid"
        style={{ marginInlineEnd: 0, fontWeight: 600 }}
        role="status"
        aria-label={`${t('app.demoBadge')}: ${t('app.demoBadgeHint')}`}
      >
        {!compact && t('app.demoBadge')}
      </Tag>
    </Tooltip>
  );
}
