import { useMemo, useState } from 'react';
import { Alert, App, Button, Card, Flex, InputNumber, Select, Table, Tag, Upload, type TableColumnsType } from 'antd';
import { DownloadOutlined, UploadOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { getCsrfToken } from '../../api/client.ts';
import { indicatorsApi, type IndicatorNode } from '../../api/indicators.ts';
import { LoadError } from '../../components/LoadError.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { useErrorMessage } from '../../hooks/error-message.ts';
import { useRequest } from '../../hooks/use-request.ts';

interface TreeRow extends IndicatorNode {
  children?: TreeRow[];
}

/** 指标体系: the tree of a version; edit weights and fixed frontiers, save as a new version; Excel in and out. */
export default function IndicatorSystemsPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const errorMessage = useErrorMessage();
  const systems = useRequest(() => indicatorsApi.systems(), []);
  const [systemId, setSystemId] = useState<string | undefined>();
  const sid = systemId ?? systems.data?.items[0]?.id;
  const detail = useRequest(() => (sid ? indicatorsApi.system(sid) : Promise.resolve(undefined)), [sid]);
  const [edits, setEdits] = useState<Record<string, Partial<IndicatorNode>>>({});
  const [busy, setBusy] = useState(false);
  const manage = detail.data?.policies.manage ?? false;

  const tree = useMemo(() => {
    const nodes = (detail.data?.nodes ?? []).map((n) => ({ ...n, ...edits[n.key] })) as TreeRow[];
    const by = new Map<string, TreeRow>(nodes.map((n) => [n.key, { ...n }]));
    const roots: TreeRow[] = [];
    for (const n of by.values()) {
      const p = n.parentKey ? by.get(n.parentKey) : undefined;
      if (p) (p.children ??= []).push(n);
      else roots.push(n);
    }
    return roots;
  }, [detail.data, edits]);

  const edit = (key: string, patch: Partial<IndicatorNode>) => setEdits((e) => ({ ...e, [key]: { ...e[key], ...patch } }));

  const handleTemplate = async () => {
    setBusy(true);
    try {
      const s = await indicatorsApi.createSystem({ template: 'ndrc-default' });
      message.success(t('ind.systems.created'));
      await systems.reload();
      setSystemId(s.id);
    } catch (err) {
      message.error(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };

  const handleSaveVersion = async () => {
    if (!detail.data) return;
    setBusy(true);
    try {
      const nodes = detail.data.nodes.map((n) => {
        const m = { ...n, ...edits[n.key] };
        return {
          key: m.key, parentKey: m.parentKey, name: m.name, weight: m.weight, aggregation: m.aggregation, isLeaf: m.isLeaf, component: m.component, unitLabel: m.unitLabel,
          direction: m.direction, frontierMode: m.frontierMode, best: m.best, worst: m.worst, transform: m.transform, exponent: m.exponent, dataSource: m.dataSource,
          provider: m.provider, cycle: m.cycle, responsibleUnitId: m.responsibleUnit?.id ?? null,
        };
      });
      const s = await indicatorsApi.createSystem({ basedOnId: detail.data.id, nodes });
      message.success(t('ind.systems.saved', { v: s.version }));
      setEdits({});
      await systems.reload();
      setSystemId(s.id);
    } catch (err) {
      message.error(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };

  const columns: TableColumnsType<TreeRow> = [
    { title: t('ind.systems.name'), key: 'name', render: (_, n) => <span>{n.name} <Tag>{n.key}</Tag></span> },
    {
      title: t('ind.systems.weight'),
      key: 'weight',
      width: 110,
      render: (_, n) => (manage ? <InputNumber aria-label={`${n.name} ${t('ind.systems.weight')}`} size="small" min={0} value={n.weight} onChange={(v) => v !== null && edit(n.key, { weight: v })} /> : n.weight),
    },
    { title: t('ind.systems.component'), dataIndex: 'component', key: 'component', width: 80 },
    { title: t('ind.systems.unitLabel'), dataIndex: 'unitLabel', key: 'unitLabel', width: 110 },
    { title: t('ind.systems.direction'), key: 'dir', width: 100, render: (_, n) => (n.direction ? t(`ind.explain.${n.direction}`) : '') },
    ...(['best', 'worst'] as const).map((f) => ({
      title: t(`ind.systems.${f}`),
      key: f,
      width: 120,
      render: (_: unknown, n: TreeRow) =>
        n.isLeaf && n.frontierMode === 'fixed' ? (manage ? <InputNumber aria-label={`${n.name} ${t(`ind.systems.${f}`)}`} size="small" value={n[f]} onChange={(v) => v !== null && edit(n.key, { [f]: v })} /> : n[f]) : '',
    })),
    { title: t('ind.systems.source'), key: 'src', width: 100, render: (_, n) => (n.isLeaf ? <Tag color={n.dataSource === 'computed' ? 'blue' : undefined}>{t(`ind.systems.${n.dataSource === 'import' ? 'imported' : n.dataSource}`)}</Tag> : '') },
    { title: t('ind.systems.responsible'), key: 'unit', width: 200, ellipsis: { showTitle: true }, render: (_, n) => n.responsibleUnit?.name ?? '' },
  ];

  return (
    <>
      <PageHeader
        title={t('ind.systems.title')}
        intro={t('ind.systems.intro')}
        extra={
          <>
            <Button onClick={() => void handleTemplate()} loading={busy}>{t('ind.systems.fromTemplate')}</Button>
            {sid && <Button icon={<DownloadOutlined aria-hidden />} href={indicatorsApi.treeUrl(sid)} download>{t('ind.systems.export')}</Button>}
            <Upload
              accept=".xlsx,.csv"
              showUploadList={false}
              action="/api/v1/indicator-systems/import"
              headers={{ 'x-csrf-token': getCsrfToken() ?? '' }}
              onChange={(info) => {
                if (info.file.status === 'done') {
                  message.success(t('ind.systems.created'));
                  void systems.reload();
                  setSystemId((info.file.response as { id: string }).id);
                } else if (info.file.status === 'error') message.error((info.file.response as { error?: { message?: string } })?.error?.message ?? t('errors.IND_TREE_INVALID'));
              }}
            >
              <Button icon={<UploadOutlined aria-hidden />}>{t('ind.systems.import')}</Button>
            </Upload>
            {manage && Object.keys(edits).length > 0 && <Button type="primary" onClick={() => void handleSaveVersion()} loading={busy}>{t('ind.systems.saveVersion')}</Button>}
          </>
        }
      />
      <LoadError error={systems.error ?? detail.error} onRetry={() => void Promise.all([systems.reload(), detail.reload()])} />
      <Card>
        <Flex gap={12} wrap style={{ marginBottom: 12 }}>
          <Select
            aria-label={t('ind.common.system')}
            style={{ minWidth: 360, maxWidth: '100%' }}
            value={sid}
            onChange={(v) => { setSystemId(v); setEdits({}); }}
            options={(systems.data?.items ?? []).map((s) => ({ value: s.id, label: `${s.name} · ${t('ind.common.version', { v: s.version })}` }))}
          />
        </Flex>
        {detail.data?.isTemplate && <Alert type="warning" showIcon title={t('ind.systems.templateNote')} description={detail.data.description} style={{ marginBottom: 12 }} />}
        {detail.data && <Alert type="info" title={detail.data.frontierNote} style={{ marginBottom: 12 }} />}
        <Table<TreeRow> size="small" rowKey="key" dataSource={tree} columns={columns} pagination={false} scroll={{ x: 1100 }} aria-label={t('ind.systems.title')} />
      </Card>
    </>
  );
}
