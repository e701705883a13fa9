import { Card, Empty, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { enterprisesApi } from '../../api/enterprises.ts';
import { LoadError } from '../../components/LoadError.tsx';
import { useMe } from '../../hooks/session.tsx';
import { useRequest } from '../../hooks/use-request.ts';
import { CorrectionRequestButton } from './CorrectionRequestButton.tsx';

function Field({ label, value }: { label: string; value: React.ReactNode }) {
  return (
    <div className="portal-field">
      <dt>{label}</dt>
      <dd>{value ?? '—'}</dd>
    </div>
  );
}

/** 我的企业: the enterprise's own record as the registry holds it, with a way to ask the office to correct it. */
export default function MyEnterprisePage() {
  const { t } = useTranslation();
  const me = useMe();
  const id = me.enterprise?.id;
  const detail = useRequest(() => (id ? enterprisesApi.get(id) : Promise.resolve(undefined)), [id]);
  if (!id) return <Empty description={t('ent.portal.noEnterprise')} />;
  if (detail.error) return <LoadError error={detail.error} onRetry={() => void detail.reload()} />;
  const e = detail.data;
  const latest = e?.figures[0];
  return (
    <>
      <h2 style={{ fontSize: 20, margin: '4px 0 12px' }}>{t('ent.portal.nav.enterprise')}</h2>
      <Card className="portal-card" loading={!e} title={e?.name}>
        {e && (
          <dl style={{ margin: 0 }}>
            <Field label={t('ent.field.creditCode')} value={<span style={{ fontFamily: 'monospace' }}>{e.creditCode}</span>} />
            <Field label={t('ent.field.legalRep')} value={e.legalRepName} />
            <Field label={t('ent.field.region')} value={e.regionName} />
            <Field label={t('ent.field.establishedOn')} value={e.establishedOn} />
            <Field label={t('ent.field.registeredCapital')} value={e.registeredCapital === null ? null : t('ent.unit.wanYuan', { value: e.registeredCapital.toLocaleString() })} />
            <Field label={t('ent.field.industry')} value={e.industryCode ? `${e.industryCode} ${e.industryName ?? ''}` : null} />
            <Field label={t('ent.field.address')} value={e.address} />
            <Field label={t('ent.field.sizeClass')} value={e.sizeClass ? t(`ent.size.${e.sizeClass}`) : null} />
          </dl>
        )}
      </Card>
      {e && (
        <Card className="portal-card" title={t('ent.section.figures')}>
          {latest ? (
            <dl style={{ margin: 0 }}>
              <Field label={t('ent.field.year')} value={latest.year} />
              <Field label={t('ent.field.employees')} value={latest.employees} />
              <Field label={t('ent.field.revenue')} value={latest.revenue === null ? null : t('ent.unit.wanYuan', { value: latest.revenue.toLocaleString() })} />
              <Field label={t('ent.field.assets')} value={latest.assets === null ? null : t('ent.unit.wanYuan', { value: latest.assets.toLocaleString() })} />
              <Field label={t('ent.field.source')} value={t('ent.field.sourceAsOf', { source: latest.source, asOf: latest.asOf })} />
            </dl>
          ) : (
            <Empty description={t('ent.empty.figures')} />
          )}
        </Card>
      )}
      {e && (
        <Card className="portal-card" title={t('ent.section.tags')}>
          {e.tagsDetail.length === 0 && e.creditFlagsDetail.length === 0 ? (
            <Empty description={t('ent.empty.tags')} />
          ) : (
            <div style={{ display: 'flex', flexWrap: 'wrap', gap: 8 }}>
              {e.tagsDetail.filter((tag) => tag.current).map((tag) => (
                <Tag key={tag.id} color="blue" style={{ fontSize: 14, padding: '4px 8px' }}>
                  {tag.tag}
                  {tag.validTo ? ` · ${t('ent.validTo', { date: tag.validTo })}` : ''}
                </Tag>
              ))}
              {e.creditFlagsDetail.filter((f) => f.current).map((f) => (
                <Tag key={f.id} color="red" style={{ fontSize: 14, padding: '4px 8px' }}>
                  {t(`ent.flag.${f.kind}`)}
                </Tag>
              ))}
            </div>
          )}
        </Card>
      )}
      {e && e.policies.requestCorrection && <CorrectionRequestButton enterprise={e} onDone={() => void detail.reload()} />}
    </>
  );
}
