import { useState } from 'react';
import dayjs from 'dayjs';
import { Button, Card, Empty, Flex, Select, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import { auditApi } from '../../api/endpoints.ts';
import type { AuditEntry } from '../../api/types.ts';
import { LoadError } from '../../components/LoadError.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { StatusTag } from '../../components/StatusTag.tsx';
import { useIsMobile } from '../../hooks/use-breakpoint.ts';
import { usePagination } from '../../hooks/use-pagination.ts';
import { useRequest } from '../../hooks/use-request.ts';
import { diffSnapshots, formatValue, type FieldChange } from './audit-diff.ts';

const ENTITIES = ['region', 'unit', 'user'] as const;

function AuditDiff({ entry }: { entry: AuditEntry }) {
  const { t } = useTranslation();
  const rows = diffSnapshots(entry.before, entry.after);
  const columns: TableColumnsType<FieldChange> = [
    {
      title: t('audit.field'),
      dataIndex: 'field',
      key: 'field',
      render: (field: string, row) => (
        <Flex gap={6} align="center">
          <code>{field}</code>
          {row.changed && <StatusTag status="warning">{t('audit.changed')}</StatusTag>}
        </Flex>
      ),
    },
    {
      title: t('audit.before'),
      dataIndex: 'before',
      key: 'before',
      render: (value: unknown, row) => <span className={row.changed ? 'ys-diff-before' : undefined}>{formatValue(value)}</span>,
    },
    {
      title: t('audit.after'),
      dataIndex: 'after',
      key: 'after',
      render: (value: unknown, row) => <span className={row.changed ? 'ys-diff-after' : undefined}>{formatValue(value)}</span>,
    },
  ];
  if (rows.length === 0) return <Typography.Text type="secondary">{t('audit.noChanges')}</Typography.Text>;
  return <Table<FieldChange> rowKey="field" size="small" columns={columns} dataSource={rows} pagination={false} scroll={{ x: 'max-content' }} />;
}

function label(t: (key: string) => string, exists: (key: string) => boolean, group: string, value: string): string {
  const key = `audit.${group}.${value}`;
  if (exists(key)) return t(key);
  // Keys of the supervision and plan modules (and system actors) are labelled in the ux strings.
  return exists(`ux.audit.${group}.${value}`) ? t(`ux.audit.${group}.${value}`) : value;
}

export default function AuditPage() {
  const { t, i18n } = useTranslation();
  const mobile = useIsMobile();
  const [entity, setEntity] = useState<string | undefined>();
  const [actor, setActor] = useState<{ id: string; name: string } | undefined>();
  const { page, pageSize, setPage, pagination } = usePagination();
  const list = useRequest(() => auditApi.list({ entity, actorId: actor?.id, page, pageSize }), [entity, actor, page, pageSize]);
  const exists = (key: string) => i18n.exists(key);

  const columns: TableColumnsType<AuditEntry> = [
    { title: t('audit.at'), dataIndex: 'at', key: 'at', render: (at: string) => dayjs(at).format('YYYY-MM-DD HH:mm:ss') },
    {
      title: t('audit.actor'),
      dataIndex: 'actorName',
      key: 'actor',
      render: (name: string | null, entry) =>
        entry.actorId ? (
          <Button
            type="link"
            size="small"
            style={{ padding: 0 }}
            title={t('audit.filterActor')}
            onClick={() => {
              setActor({ id: entry.actorId!, name: name ?? entry.actorId! });
              setPage(1);
            }}
          >
            {name ?? entry.actorId}
          </Button>
        ) : name ? (
          label(t, exists, 'actors', name)
        ) : (
          t('audit.system')
        ),
    },
    { title: t('audit.action'), dataIndex: 'action', key: 'action', render: (action: string) => label(t, exists, 'actions', action) },
    { title: t('audit.entity'), dataIndex: 'entity', key: 'entity', render: (e: string) => label(t, exists, 'entities', e) },
    {
      title: t('audit.entityId'),
      dataIndex: 'entityId',
      key: 'entityId',
      responsive: ['lg'],
      render: (id: string | null) => (id ? <Typography.Text code>{id}</Typography.Text> : t('common.none')),
    },
  ];

  return (
    <>
      <PageHeader title={t('audit.title')} intro={t('audit.intro')} />
      <LoadError error={list.error} onRetry={() => void list.reload()} />
      <Card size={mobile ? 'small' : undefined}>
        <Flex gap={12} wrap style={{ marginBottom: 16 }} role="search">
          <Select
            aria-label={t('audit.filterEntity')}
            placeholder={t('audit.filterEntity')}
            allowClear
            value={entity}
            onChange={(value?: string) => {
              setEntity(value);
              setPage(1);
            }}
            options={ENTITIES.map((e) => ({ value: e, label: t(`audit.entities.${e}`) }))}
            style={{ width: mobile ? '100%' : 220 }}
          />
          {actor && (
            <Tag
              closable
              closeIcon={<span aria-label={t('audit.clearActor')}>×</span>}
              onClose={() => {
                setActor(undefined);
                setPage(1);
              }}
              style={{ alignSelf: 'center', fontSize: 14, padding: '4px 8px' }}
            >
              {t('audit.actor')}: {actor.name}
            </Tag>
          )}
        </Flex>
        <Table<AuditEntry>
          rowKey="id"
          columns={columns}
          dataSource={list.data?.items ?? []}
          loading={list.loading}
          size={mobile ? 'small' : 'middle'}
          scroll={{ x: 'max-content' }}
          expandable={{ expandedRowRender: (entry) => <AuditDiff entry={entry} /> }}
          locale={{ emptyText: <Empty description={t('audit.empty')} /> }}
          pagination={pagination(list.data?.total ?? list.data?.items.length ?? 0)}
        />
      </Card>
    </>
  );
}
