import { Button, Tooltip } from 'antd';
import { GlobalOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { LANGUAGES, changeLanguage, currentLanguage } from '../i18n/index.ts';

/** Short labels for a phone's top bar; the button's accessible name stays the full one. */
const SHORT: Record<string, string> = { 'zh-CN': '中', en: 'EN' };

/** One button naming the other language in its own words, as bilingual sites do. */
export function LanguageSwitch({ dark = false, compact = false }: { dark?: boolean; compact?: boolean }) {
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
        aria-label={compact ? next.label : undefined}
        style={dark ? { color: '#fff', ...(compact ? { paddingInline: 6 } : {}) } : undefined}
      >
        {compact ? SHORT[next.code] : next.label}
      </Button>
    </Tooltip>
  );
}
