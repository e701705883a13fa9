import { useMemo, useState } from 'react';
import { App, Button, Card, Empty, Form, Input, Popconfirm, Select, Space, Table, TreeSelect, type TableColumnsType } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { regionsApi } from '../../api/endpoints.ts';
import { REGION_KINDS, type Region, type RegionInput } from '../../api/types.ts';
import { FormModal } from '../../components/FormModal.tsx';
import { LoadError } from '../../components/LoadError.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { buildRegionTree, regionOptions, subtreeIds, type RegionNode } from '../../components/region-tree.ts';
import { useErrorMessage } from '../../hooks/error-message.ts';
import { useIsMobile } from '../../hooks/use-breakpoint.ts';
import { can, canCreate } from '../../hooks/policies.ts';
import { useRequest } from '../../hooks/use-request.ts';

interface RegionFormValues {
  name: string;
  code?: string;
  kind: Region['kind'];
  parentId?: string | null;
}

type Editing = { mode: 'create'; parentId?: string } | { mode: 'edit'; region: Region };

export default function RegionsPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const errorMessage = useErrorMessage();
  const mobile = useIsMobile();
  const list = useRequest(() => regionsApi.list(), []);
  const [editing, setEditing] = useState<Editing | null>(null);
  const regions = useMemo(() => list.data?.items ?? [], [list.data]);
  const tree = useMemo(() => buildRegionTree(regions), [regions]);

  const handleDelete = async (region: Region) => {
    try {
      await regionsApi.remove(region.id);
      void message.success(t('common.deleted'));
      await list.reload();
    } catch (err) {
      void message.error(errorMessage(err));
    }
  };

  const handleSubmit = async (values: RegionFormValues) => {
    const body: RegionInput = {
      name: values.name.trim(),
      code: values.code?.trim() || null,
      kind: values.kind,
      parentId: values.parentId ?? null,
    };
    if (editing?.mode === 'edit') await regionsApi.update(editing.region.id, body);
    else await regionsApi.create(body);
    void message.success(t('common.saved'));
    await list.reload();
  };

  const columns: TableColumnsType<RegionNode> = [
    { title: t('regions.name'), dataIndex: 'name', key: 'name' },
    { title: t('regions.kind'), dataIndex: 'kind', key: 'kind', render: (kind: string) => t(`regions.kinds.${kind}`) },
    { title: t('regions.code'), dataIndex: 'code', key: 'code', responsive: ['sm'], render: (code: string | null) => code ?? t('common.none') },
    {
      title: t('common.actions'),
      key: 'actions',
      render: (_, region) => (
        <Space size={4} wrap>
          {can(region.policies, 'update') && (
            <Button type="link" size="small" onClick={() => setEditing({ mode: 'edit', region })}>
              {t('common.edit')}
            </Button>
          )}
          {can(region.policies, 'delete') && (
            <Popconfirm
              title={t('common.confirmDelete', { name: region.name })}
              okText={t('common.delete')}
              cancelText={t('common.cancel')}
              okButtonProps={{ danger: true }}
              onConfirm={() => handleDelete(region)}
            >
              <Button type="link" size="small" danger>
                {t('common.delete')}
              </Button>
            </Popconfirm>
          )}
        </Space>
      ),
    },
  ];

  const editedSubtree = editing?.mode === 'edit' ? subtreeIds(regions, editing.region.id) : undefined;

  return (
    <>
      <PageHeader
        title={t('regions.title')}
        intro={t('regions.intro')}
        extra={
          canCreate(list.data) && (
            <Button type="primary" icon={<PlusOutlined aria-hidden />} onClick={() => setEditing({ mode: 'create' })}>
              {t('regions.create')}
            </Button>
          )
        }
      />
      <LoadError error={list.error} onRetry={() => void list.reload()} />
      <Card size={mobile ? 'small' : undefined}>
        <Table<RegionNode>
          rowKey="id"
          columns={columns}
          dataSource={tree}
          loading={list.loading}
          pagination={false}
          size={mobile ? 'small' : 'middle'}
          expandable={{ defaultExpandAllRows: true }}
          key={tree.length === 0 ? 'empty' : 'loaded'}
          locale={{ emptyText: <Empty description={t('regions.empty')} /> }}
          scroll={{ x: 'max-content' }}
        />
      </Card>
      {editing && (
        <FormModal<RegionFormValues>
          title={editing.mode === 'edit' ? t('regions.edit') : t('regions.create')}
          initialValues={
            editing.mode === 'edit'
              ? { name: editing.region.name, code: editing.region.code ?? undefined, kind: editing.region.kind, parentId: editing.region.parentId }
              : { kind: 'county', parentId: editing.parentId ?? tree[0]?.id }
          }
          onSubmit={handleSubmit}
          onClose={() => setEditing(null)}
        >
          <Form.Item
            label={t('regions.name')}
            name="name"
            rules={[{ required: true, whitespace: true, message: t('common.required', { field: t('regions.name') }) }]}
          >
            <Input maxLength={100} />
          </Form.Item>
          <Form.Item
            label={t('regions.kind')}
            name="kind"
            rules={[{ required: true, message: t('common.requiredSelect', { field: t('regions.kind') }) }]}
          >
            <Select options={REGION_KINDS.map((k) => ({ value: k, label: t(`regions.kinds.${k}`) }))} />
          </Form.Item>
          <Form.Item label={t('regions.parent')} name="parentId">
            <TreeSelect
              allowClear
              treeDefaultExpandAll
              placeholder={t('regions.noParent')}
              treeData={regionOptions(tree, editedSubtree)}
            />
          </Form.Item>
          <Form.Item label={t('regions.code')} name="code">
            <Input maxLength={32} />
          </Form.Item>
        </FormModal>
      )}
    </>
  );
}
