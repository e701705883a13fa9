import { useMemo, useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { Button, Card, Flex, Input, Select, Space, Table, Tag, TreeSelect, Typography, type TableColumnsType } from 'antd';
import { UploadOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { enterprisesApi, industryApi, type CreditFlagKind, type EnterpriseSummary, type SizeClass } from '../../api/enterprises.ts';
import { regionsApi } from '../../api/endpoints.ts';
import { LoadError } from '../../components/LoadError.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { buildRegionTree, regionOptions } from '../../components/region-tree.ts';
import { useDocumentTitle } from '../../hooks/document-title.ts';
import { can } from '../../hooks/policies.ts';
import { usePagination } from '../../hooks/use-pagination.ts';
import { useRequest } from '../../hooks/use-request.ts';

const SIZES: SizeClass[] = ['large', 'medium', 'small', 'micro'];
const FLAGS: CreditFlagKind[] = ['dishonest', 'abnormal'];
const TAGS = ['高新技术企业', '专精特新', '规上', '外资', '科技型中小企业', '小巨人'];

export default function EnterprisesPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('ent.nav.list'));
  const navigate = useNavigate();
  const [regionId, setRegionId] = useState<string>();
  const [industry, setIndustry] = useState<string>();
  const [sizeClass, setSizeClass] = useState<SizeClass>();
  const [tag, setTag] = useState<string>();
  const [creditFlag, setCreditFlag] = useState<CreditFlagKind>();
  const [q, setQ] = useState('');
  const { page, pageSize, setPage, pagination } = usePagination();

  const regions = useRequest(() => regionsApi.list(), []);
  const regionTree = useMemo(() => buildRegionTree(regions.data?.items ?? []), [regions.data]);
  const industries = useRequest(() => industryApi.list(), []);
  const industryTree = useMemo(() => {
    const items = industries.data?.items ?? [];
    return items
      .filter((i) => i.level === 'section')
      .map((s) => ({
        value: s.code,
        title: `${s.code} ${s.name}`,
        children: items.filter((d) => d.level === 'division' && d.code.startsWith(s.code)).map((d) => ({ value: d.code, title: `${d.code.slice(1)} ${d.name}` })),
      }));
  }, [industries.data]);
  const list = useRequest(
    () => enterprisesApi.list({ regionId, industry, sizeClass, tag, creditFlag, q: q.trim() || undefined, page, pageSize }),
    [regionId, industry, sizeClass, tag, creditFlag, q, page, pageSize],
  );
  const filter = <T,>(set: (v: T) => void) => (v: T) => {
    set(v);
    setPage(1);
  };

  const columns: TableColumnsType<EnterpriseSummary> = [
    {
      title: t('ent.field.name'),
      key: 'name',
      render: (_, e) => (
        <div style={{ minWidth: 180 }}>
          <Link to={`/enterprises/${e.id}`}>{e.name}</Link>
          <div>
            <Typography.Text type="secondary" style={{ fontFamily: 'monospace', fontSize: 12 }}>
              {e.creditCode}
            </Typography.Text>
          </div>
        </div>
      ),
    },
    { title: t('ent.field.region'), dataIndex: 'regionName', key: 'region', responsive: ['md'], width: 120 },
    {
      title: t('ent.field.industry'),
      key: 'industry',
      responsive: ['lg'],
      render: (_, e) => (e.industryCode ? `${e.industryCode} ${e.industryName ?? ''}` : t('common.none')),
    },
    { title: t('ent.field.sizeClass'), key: 'size', width: 96, render: (_, e) => (e.sizeClass ? t(`ent.size.${e.sizeClass}`) : t('ent.size.unknown')) },
    {
      title: t('ent.field.tags'),
      key: 'tags',
      responsive: ['sm'],
      render: (_, e) => (
        <Flex wrap gap={4}>
          {e.creditFlags.map((f) => (
            <Tag key={f} color="red" style={{ marginInlineEnd: 0 }}>
              {t(`ent.flag.${f}`)}
            </Tag>
          ))}
          {e.tags.map((x) => (
            <Tag key={x} color="blue" style={{ marginInlineEnd: 0 }}>
              {x}
            </Tag>
          ))}
        </Flex>
      ),
    },
  ];

  return (
    <>
      <PageHeader
        title={t('ent.nav.list')}
        intro={t('ent.list.intro')}
        extra={
          can(list.data?.policies, 'import') && (
            <Button icon={<UploadOutlined />} onClick={() => navigate('/enterprises/import')}>
              {t('ent.nav.import')}
            </Button>
          )
        }
      />
      <Card>
        <Space wrap style={{ marginBottom: 16 }}>
          <Input.Search allowClear placeholder={t('ent.list.search')} aria-label={t('ent.list.search')} onSearch={filter(setQ)} style={{ width: 260 }} />
          <TreeSelect
            allowClear
            placeholder={t('ent.field.region')}
            aria-label={t('ent.field.region')}
            treeData={regionOptions(regionTree)}
            value={regionId}
            onChange={filter(setRegionId)}
            style={{ width: 180 }}
            treeDefaultExpandAll
          />
          <TreeSelect
            allowClear
            showSearch
            treeNodeFilterProp="title"
            placeholder={t('ent.list.industry')}
            aria-label={t('ent.list.industry')}
            treeData={industryTree}
            value={industry}
            onChange={filter(setIndustry)}
            style={{ width: 220 }}
            popupMatchSelectWidth={360}
          />
          <Select allowClear placeholder={t('ent.field.sizeClass')} aria-label={t('ent.field.sizeClass')} value={sizeClass} onChange={filter(setSizeClass)} style={{ width: 120 }} options={SIZES.map((s) => ({ value: s, label: t(`ent.size.${s}`) }))} />
          <Select allowClear placeholder={t('ent.field.tags')} aria-label={t('ent.field.tags')} value={tag} onChange={filter(setTag)} style={{ width: 150 }} options={TAGS.map((x) => ({ value: x, label: x }))} />
          <Select allowClear placeholder={t('ent.field.creditFlags')} aria-label={t('ent.field.creditFlags')} value={creditFlag} onChange={filter(setCreditFlag)} style={{ width: 130 }} options={FLAGS.map((f) => ({ value: f, label: t(`ent.flag.${f}`) }))} />
        </Space>
        {list.error ? (
          <LoadError error={list.error} onRetry={() => void list.reload()} />
        ) : (
          <Table rowKey="id" columns={columns} dataSource={list.data?.items ?? []} loading={list.loading} pagination={pagination(list.data?.total ?? 0)} scroll={{ x: 'max-content' }} />
        )}
      </Card>
    </>
  );
}
