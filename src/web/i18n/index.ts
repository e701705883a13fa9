import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import zhCN from './zh-CN.ts';
import en from './en.ts';
import plansZhCN from './plans.zh-CN.ts';
import plansEn from './plans.en.ts';
import supEn from './supervision.en.ts';
import supZhCN from './supervision.zh-CN.ts';
import entEn from './enterprises.en.ts';
import entZhCN from './enterprises.zh-CN.ts';
import aplEn from './appeals.en.ts';
import aplZhCN from './appeals.zh-CN.ts';
import uxEn from './ux.en.ts';
import uxZhCN from './ux.zh-CN.ts';
import indEn from './indicators.en.ts';
import indZhCN from './indicators.zh-CN.ts';
import polpEn from './policies-portal.en.ts';
import polpZhCN from './policies-portal.zh-CN.ts';
import polEn from './policies.en.ts';
import polZhCN from './policies.zh-CN.ts';

export const LANGUAGES = [
  { code: 'zh-CN', label: '中文' },
  { code: 'en', label: 'English' },
] as const;
export type Language = (typeof LANGUAGES)[number]['code'];

const STORAGE_KEY = 'yingshang.lang';

function storedLanguage(): Language {
  try {
    const value = localStorage.getItem(STORAGE_KEY);
    if (LANGUAGES.some((l) => l.code === value)) return value as Language;
  } catch {
    // Storage can be unavailable (private mode); Chinese is the default anyway.
  }
  return 'zh-CN';
}

export function currentLanguage(): Language {
  return i18n.language === 'en' ? 'en' : 'zh-CN';
}

export async function changeLanguage(lang: Language): Promise<void> {
  try {
    localStorage.setItem(STORAGE_KEY, lang);
  } catch {
    // Not remembered across reloads then; the switch still applies.
  }
  await i18n.changeLanguage(lang);
}

i18n.on('languageChanged', (lng) => {
  document.documentElement.lang = lng;
});

void i18n.use(initReactI18next).init({
  resources: {
    'zh-CN': { translation: { ...zhCN, sup: supZhCN, plans: plansZhCN, ent: entZhCN, apl: aplZhCN, ux: uxZhCN, ind: indZhCN, pol: polZhCN, polp: polpZhCN, errors: { ...zhCN.errors, ...plansZhCN.errors, ...supZhCN.errors, ...indZhCN.errors, ...polZhCN.errors, ...polpZhCN.errors } } },
    en: { translation: { ...en, sup: supEn, plans: plansEn, ent: entEn, apl: aplEn, ux: uxEn, ind: indEn, pol: polEn, polp: polpEn, errors: { ...en.errors, ...plansEn.errors, ...supEn.errors, ...indEn.errors, ...polEn.errors, ...polpEn.errors } } },
  },
  lng: storedLanguage(),
  fallbackLng: 'zh-CN',
  interpolation: { escapeValue: false },
  returnNull: false,
});
document.documentElement.lang = i18n.language;

export default i18n;
