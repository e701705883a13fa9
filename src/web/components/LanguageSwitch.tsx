import { Button, Tooltip } from 'antd';
import { GlobalOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { LANGUAGES, changeLanguage, currentLanguage } from '../i18n/index.ts';

/** One button naming the other language in its own words, as bilingual sites do. */
export function LanguageSwitch({ dark = false }: { dark?: boolean }) {
  const { t } = useTranslation();
  const next = LANGUAGES.find((l) => l.code !== currentLanguage()) ?? LANGUAGES[0];
  const handleClick = () => void changeLanguage(next.code);
  return (
    <Tooltip title={t('lang.switch')}>
      <Button
        type={dark ? 'text' : 'default'}
        icon={<GlobalOutlined aria-hidden />}
        lang={next.code}
        onClick={handleClick}
        style={dark ? { color: '#fff' } : undefined}
      >
        {next.label}
      </Button>
    </Tooltip>
  );
}
