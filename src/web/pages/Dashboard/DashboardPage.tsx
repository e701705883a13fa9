import { Link } from 'react-router-dom';
import { Button, Card, Col, Flex, Row, Tag, Typography } from 'antd';
import { ArrowRightOutlined, ClockCircleOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { modulesFor, type AppModule } from '../../app-modules.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { StatusTag } from '../../components/StatusTag.tsx';
import { useMe } from '../../hooks/session.tsx';

function ModuleCard({ module }: { module: AppModule }) {
  const { t } = useTranslation();
  const entry = module.pages[0];
  const headingId = `module-${module.key}`;
  return (
    <section aria-labelledby={headingId} style={{ height: '100%' }}>
    <Card
      style={{ height: '100%' }}
      styles={{ body: { height: '100%', display: 'flex', flexDirection: 'column', gap: 12 } }}
    >
      <Flex align="center" justify="space-between" gap={8} wrap>
        <Flex align="center" gap={10}>
          <span className="ys-module-icon" aria-hidden>
            {module.icon}
          </span>
          <Typography.Title level={2} id={headingId} style={{ fontSize: 17, margin: 0 }}>
            {t(module.labelKey)}
          </Typography.Title>
        </Flex>
        {entry ? (
          <StatusTag status="success">{t('dashboard.available')}</StatusTag>
        ) : (
          <Tag icon={<ClockCircleOutlined aria-hidden />}>{t('dashboard.comingSoon')}</Tag>
        )}
      </Flex>
      <Typography.Paragraph style={{ margin: 0, flex: 1 }}>{t(module.descriptionKey)}</Typography.Paragraph>
      {entry ? (
        <div>
          <Link to={entry.path}>
            <Button type="primary" ghost icon={<ArrowRightOutlined aria-hidden />} iconPlacement="end">
              {t('dashboard.enter')} {t(module.labelKey)}
            </Button>
          </Link>
        </div>
      ) : (
        <Typography.Text type="secondary">{t('dashboard.notYet')}</Typography.Text>
      )}
    </Card>
    </section>
  );
}

/**
 * The landing page: one card per capability. Capabilities still to be built say what they will do
 * and show no numbers, so nothing here can be mistaken for real figures.
 */
export default function DashboardPage() {
  const { t } = useTranslation();
  const me = useMe();
  const modules = modulesFor(me.role);
  return (
    <>
      <PageHeader title={t('dashboard.title')} intro={`${t('dashboard.greeting', { name: me.displayName })}${t('dashboard.intro')}`} />
      <Row gutter={[16, 16]}>
        {modules.map((m) => (
          <Col key={m.key} xs={24} md={12} xl={8}>
            <ModuleCard module={m} />
          </Col>
        ))}
      </Row>
    </>
  );
}
