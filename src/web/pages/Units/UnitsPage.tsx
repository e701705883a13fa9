import { useMemo, useState } from 'react';
import { App, Button, Card, Empty, Flex, Form, Input, Popconfirm, Select, Space, Table, Tag, TreeSelect, Typography, type TableColumnsType } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { regionsApi, unitsApi } from '../../api/endpoints.ts';
import { UNIT_KINDS, type Unit, type UnitInput } from '../../api/types.ts';
import { FormModal } from '../../components/FormModal.tsx';
import { LoadError } from '../../components/LoadError.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { buildRegionTree, regionOptions } from '../../components/region-tree.ts';
import { useErrorMessage } from '../../hooks/error-message.ts';
import { can, canCreate } from '../../hooks/policies.ts';
import { useIsMobile } from '../../hooks/use-breakpoint.ts';
import { usePagination } from '../../hooks/use-pagination.ts';
import { useRequest } from '../../hooks/use-request.ts';

interface UnitFormValues {
  name: string;
  shortName?: string;
  kind: Unit['kind'];
  regionId: string;
  aliases?: string[];
}

type Editing = { mode: 'create' } | { mode: 'edit'; unit: Unit };

const ALIAS_SEPARATORS = [',', '，', '、', ';', '；'];

export default function UnitsPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const errorMessage = useErrorMessage();
  const mobile = useIsMobile();
  const [regionId, setRegionId] = useState<string | undefined>();
  const [q, setQ] = useState('');
  const { page, pageSize, setPage, pagination } = usePagination();
  const [editing, setEditing] = useState<Editing | null>(null);

  const regions = useRequest(() => regionsApi.list(), []);
  const regionTree = useMemo(() => buildRegionTree(regions.data?.items ?? []), [regions.data]);
  const list = useRequest(() => unitsApi.list({ regionId, q: q.trim() || undefined, page, pageSize }), [regionId, q, page, pageSize]);

  const handleSearch = (value: string) => {
    setQ(value);
    setPage(1);
  };

  const handleRegionChange = (value: string | undefined) => {
    setRegionId(value);
    setPage(1);
  };

  const handleDelete = async (unit: Unit) => {
    try {
      await unitsApi.remove(unit.id);
      void message.success(t('common.deleted'));
      await list.reload();
    } catch (err) {
      void message.error(errorMessage(err));
    }
  };

  const handleSubmit = async (values: UnitFormValues) => {
    const body: UnitInput = {
      name: values.name.trim(),
      shortName: values.shortName?.trim() || null,
      kind: values.kind,
      regionId: values.regionId,
      aliases: [...new Set((values.aliases ?? []).map((a) => a.trim()).filter(Boolean))],
    };
    if (editing?.mode === 'edit') await unitsApi.update(editing.unit.id, body);
    else await unitsApi.create(body);
    void message.success(t('common.saved'));
    await list.reload();
  };

  const columns: TableColumnsType<Unit> = [
    {
      title: t('units.name'),
      key: 'name',
      render: (_, unit) => (
        <div>
          <div>{unit.name}</div>
          {unit.shortName && <Typography.Text type="secondary">{unit.shortName}</Typography.Text>}
        </div>
      ),
    },
    { title: t('units.kind'), dataIndex: 'kind', key: 'kind', responsive: ['md'], render: (kind: string) => t(`units.kinds.${kind}`) },
    { title: t('units.region'), dataIndex: 'regionName', key: 'region', responsive: ['sm'] },
    {
      title: t('units.aliases'),
      dataIndex: 'aliases',
      key: 'aliases',
      render: (aliases: string[]) =>
        aliases.length ? (
          <Flex wrap gap={4}>
            {aliases.map((a) => (
              <Tag key={a} style={{ marginInlineEnd: 0 }}>
                {a}
              </Tag>
            ))}
          </Flex>
        ) : (
          t('common.none')
        ),
    },
    {
      title: t('common.actions'),
      key: 'actions',
      // Stays on screen when a phone scrolls the table sideways.
      fixed: 'right',
      render: (_, unit) => (
        <Space size={4} wrap>
          {can(unit.policies, 'update') && (
            <Button type="link" size="small" onClick={() => setEditing({ mode: 'edit', unit })} aria-label={`${t('common.edit')} ${unit.name}`}>
              {t('common.edit')}
            </Button>
          )}
          {can(unit.policies, 'delete') && (
            <Popconfirm
              title={t('common.confirmDelete', { name: unit.name })}
              okText={t('common.delete')}
              cancelText={t('common.cancel')}
              okButtonProps={{ danger: true }}
              onConfirm={() => handleDelete(unit)}
            >
              <Button type="link" size="small" danger aria-label={`${t('common.delete')} ${unit.name}`}>
                {t('common.delete')}
              </Button>
            </Popconfirm>
          )}
        </Space>
      ),
    },
  ];

  return (
    <>
      <PageHeader
        title={t('units.title')}
        intro={t('units.intro')}
        extra={
          canCreate(list.data) && (
            <Button
              type="primary"
              icon={<PlusOutlined aria-hidden />}
              // The form preselects a region, so it opens once the region tree is there.
              disabled={!regions.data}
              onClick={() => setEditing({ mode: 'create' })}
            >
              {t('units.create')}
            </Button>
          )
        }
      />
      <LoadError error={list.error ?? regions.error} onRetry={() => void Promise.all([list.reload(), regions.reload()])} />
      <Card size={mobile ? 'small' : undefined}>
        <Flex gap={12} wrap style={{ marginBottom: 16 }} role="search">
          <TreeSelect
            aria-label={t('units.regionFilter')}
            placeholder={t('units.regionFilter')}
            allowClear
            treeDefaultExpandAll
            value={regionId}
            onChange={handleRegionChange}
            treeData={regionOptions(regionTree)}
            style={{ width: mobile ? '100%' : 240 }}
          />
          <Input.Search
            aria-label={t('units.searchLabel')}
            placeholder={t('units.searchPlaceholder')}
            allowClear
            enterButton={t('common.search')}
            onSearch={handleSearch}
            style={{ width: mobile ? '100%' : 320 }}
          />
        </Flex>
        <Table<Unit>
          rowKey="id"
          columns={columns}
          dataSource={list.data?.items ?? []}
          loading={list.loading}
          size={mobile ? 'small' : 'middle'}
          scroll={{ x: 'max-content' }}
          locale={{ emptyText: <Empty description={t('units.empty')} /> }}
          pagination={pagination(list.data?.total ?? list.data?.items.length ?? 0)}
        />
      </Card>
      {editing && (
        <FormModal<UnitFormValues>
          title={editing.mode === 'edit' ? t('units.edit') : t('units.create')}
          initialValues={
            editing.mode === 'edit'
              ? {
                  name: editing.unit.name,
                  shortName: editing.unit.shortName ?? undefined,
                  kind: editing.unit.kind,
                  regionId: editing.unit.regionId,
                  aliases: editing.unit.aliases,
                }
              : { kind: 'department', regionId: regionId ?? regionTree[0]?.id, aliases: [] }
          }
          onSubmit={handleSubmit}
          onClose={() => setEditing(null)}
        >
          <Form.Item
            label={t('units.name')}
            name="name"
            rules={[{ required: true, whitespace: true, message: t('common.required', { field: t('units.name') }) }]}
          >
            <Input maxLength={200} />
          </Form.Item>
          <Form.Item label={t('units.shortName')} name="shortName">
            <Input maxLength={100} />
          </Form.Item>
          <Form.Item label={t('units.kind')} name="kind" rules={[{ required: true, message: t('common.requiredSelect', { field: t('units.kind') }) }]}>
            <Select options={UNIT_KINDS.map((k) => ({ value: k, label: t(`units.kinds.${k}`) }))} />
          </Form.Item>
          <Form.Item
            label={t('units.region')}
            name="regionId"
            rules={[{ required: true, message: t('common.requiredSelect', { field: t('units.region') }) }]}
          >
            <TreeSelect treeDefaultExpandAll treeData={regionOptions(regionTree)} />
          </Form.Item>
          <Form.Item label={t('units.aliases')} name="aliases" extra={t('units.aliasesHelp')}>
            <Select mode="tags" open={false} tokenSeparators={ALIAS_SEPARATORS} suffixIcon={null} />
          </Form.Item>
        </FormModal>
      )}
    </>
  );
}
