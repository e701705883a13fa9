import { useTranslation } from 'react-i18next';
import type { PlanStatus } from '../../api/plans.ts';
import { StatusTag } from '../../components/StatusTag.tsx';

const STATUS_COLOR = { draft: 'warning', published: 'success', archived: 'neutral' } as const;

export function PlanStatusTag({ status }: { status: PlanStatus }) {
  const { t } = useTranslation();
  return <StatusTag status={STATUS_COLOR[status] ?? 'neutral'}>{t(`plans.status.${status}`)}</StatusTag>;
}
