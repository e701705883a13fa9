import { Tag, Tooltip } from 'antd';
import { ExperimentOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useSession } from '../hooks/session.tsx';

/** Shown wherever the platform runs on demo data, so nobody mistakes it for real records. */
export function DemoBadge() {
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
        {t('app.demoBadge')}
      </Tag>
    </Tooltip>
  );
}
