import { CheckCircleOutlined, ClockCircleOutlined, ExclamationCircleOutlined, MinusCircleOutlined, WarningOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { Light } from '../../../api/supervision.ts';
import { StatusTag } from '../../../components/StatusTag.tsx';

const STATUS = { red: 'error', yellow: 'warning', green: 'success', grey: 'neutral', done: 'neutral' } as const;
const ICON = {
  red: <ExclamationCircleOutlined aria-hidden />,
  yellow: <WarningOutlined aria-hidden />,
  green: <ClockCircleOutlined aria-hidden />,
  grey: <MinusCircleOutlined aria-hidden />,
  done: <CheckCircleOutlined aria-hidden />,
};

/** A task's light as a tag with its name: colour is never the only signal. */
export function LightTag({ light }: { light: Light }) {
  const { t } = useTranslation();
  return (
    <StatusTag status={STATUS[light]} icon={ICON[light]}>
      {t(`sup.light.${light}`)}
    </StatusTag>
  );
}
