import type { ReactNode } from 'react';
import { Card, Flex, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { DemoBadge } from './DemoBadge.tsx';
import { LanguageSwitch } from './LanguageSwitch.tsx';
import { useDocumentTitle } from '../hooks/document-title.ts';
import './auth-frame.css';

/** The frame of the pages shown before logging in: brand, language switch, one card. */
export function AuthFrame({ title, children }: { title: string; children: ReactNode }) {
  const { t } = useTranslation();
  useDocumentTitle(title);
  return (
    <div className="ys-auth">
      <header className="ys-auth-top">
        <Flex align="center" gap={10}>
          <span className="ys-auth-mark" aria-hidden>
            营
          </span>
          <span className="ys-auth-brand">
            {t('app.name')} · {t('app.fullName')}
          </span>
        </Flex>
        <Flex align="center" gap={8}>
          <DemoBadge />
          <LanguageSwitch dark />
        </Flex>
      </header>
      <main className="ys-auth-main">
        <Card className="ys-auth-card">
          <Typography.Title level={1} style={{ fontSize: 22, marginTop: 0, textAlign: 'center' }}>
            {title}
          </Typography.Title>
          {children}
        </Card>
      </main>
      <footer className="ys-auth-footer">{t('app.footer')}</footer>
    </div>
  );
}
