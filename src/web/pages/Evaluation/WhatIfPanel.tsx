import { useState } from 'react';
import { Button, Card, Flex, InputNumber, Select, Table, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { indicatorsApi, type Evaluation, type SimulationRow } from '../../api/indicators.ts';
import { useErrorMessage } from '../../hooks/error-message.ts';

interface Change {
  regionId: string;
  nodeKey: string;
  value: number;
}

/** What-if: change leaf values, see every region's index and rank move; nothing is stored. */
export function WhatIfPanel({ evaluation, systemId }: { evaluation: Evaluation; systemId: string }) {
  const { t } = useTranslation();
  const errorMessage = useErrorMessage();
  const [regionId, setRegionId] = useState<string | undefined>(evaluation.items[0]?.region.id);
  const [nodeKey, setNodeKey] = useState<string | undefined>();
  const [value, setValue] = useState<number | null>(null);
  const [changes, setChanges] = useState<Change[]>([]);
  const [rows, setRows] = useState<SimulationRow[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const leaves = evaluation.nodes.filter((n) => n.isLeaf);
  const nameOf = (k: string) => leaves.find((l) => l.key === k)?.name ?? k;
  const regionName = (id: string) => evaluation.items.find((i) => i.region.id === id)?.region.name ?? id;

  const handleRun = async (list: Change[]) => {
    setError(null);
    try {
      setRows((await indicatorsApi.simulate({ systemId, period: evaluation.period, changes: list })).items);
    } catch (err) {
      setError(errorMessage(err));
    }
  };
  const handleAdd = () => {
    if (!regionId || !nodeKey || value === null) return;
    const next = [...changes.filter((c) => !(c.regionId === regionId && c.nodeKey === nodeKey)), { regionId, nodeKey, value }];
    setChanges(next);
    void handleRun(next);
  };

  return (
    <Card title={t('ind.simulate.title')}>
      <Typography.Paragraph type="secondary">{t('ind.simulate.intro')}</Typography.Paragraph>
      <Flex gap={8} wrap style={{ marginBottom: 12 }}>
        <Select aria-label={t('ind.simulate.region')} style={{ minWidth: 160 }} value={regionId} onChange={setRegionId} options={evaluation.items.map((i) => ({ value: i.region.id, label: i.region.name }))} />
        <Select
          aria-label={t('ind.simulate.leaf')}
          placeholder={t('ind.simulate.leaf')}
          showSearch={{ optionFilterProp: 'label' }}
          style={{ minWidth: 220 }}
          value={nodeKey}
          onChange={setNodeKey}
          options={leaves.map((l) => ({ value: l.key, label: `${l.key} ${l.name}` }))}
        />
        <InputNumber aria-label={t('ind.simulate.value')} placeholder={t('ind.simulate.value')} value={value} onChange={(v) => setValue(v)} />
        <Button type="primary" onClick={handleAdd} disabled={!regionId || !nodeKey || value === null}>
          {t('ind.simulate.run')}
        </Button>
        {changes.length > 0 && (
          <Button onClick={() => { setChanges([]); setRows(null); }}>{t('ind.simulate.clear')}</Button>
        )}
      </Flex>
      {changes.length > 0 && (
        <Typography.Paragraph>
          {changes.map((c) => `${regionName(c.regionId)} · ${nameOf(c.nodeKey)} = ${c.value}`).join('；')}
        </Typography.Paragraph>
      )}
      {error && <Typography.Text type="danger" role="alert">{error}</Typography.Text>}
      {rows && (
        <Table<SimulationRow>
          size="small"
          rowKey={(r) => r.region.id}
          pagination={false}
          dataSource={rows}
          aria-label={t('ind.simulate.title')}
          columns={[
            { title: t('ind.simulate.region'), key: 'r', render: (_, r) => r.region.name },
            { title: t('ind.simulate.before'), key: 'b', render: (_, r) => r.before?.toFixed(2) ?? '—' },
            { title: t('ind.simulate.after'), key: 'a', render: (_, r) => <strong>{r.after?.toFixed(2) ?? '—'}</strong> },
            { title: t('ind.simulate.delta'), key: 'd', render: (_, r) => (r.delta === null ? '—' : `${r.delta > 0 ? '+' : ''}${r.delta.toFixed(2)}`) },
            { title: t('ind.simulate.rankBefore'), key: 'rb', render: (_, r) => r.rankBefore ?? '—' },
            { title: t('ind.simulate.rankAfter'), key: 'ra', render: (_, r) => r.rankAfter ?? '—' },
          ]}
        />
      )}
    </Card>
  );
}
