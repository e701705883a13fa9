import { useState } from 'react';
import { App, Button, Card, Col, Empty, Flex, Input, InputNumber, List, Row, Select, Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { indicatorsApi, type Round, type RoundUnitStatus } from '../../api/indicators.ts';
import { LoadError } from '../../components/LoadError.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { useErrorMessage } from '../../hooks/error-message.ts';
import { useRequest } from '../../hooks/use-request.ts';

const STATUS_COLOR: Record<RoundUnitStatus, string> = { pending: 'orange', submitted: 'blue', accepted: 'green', returned: 'red' };

/** 指标填报: a unit fills only its own leaves; the office follows the units, reviews and reminds. */
export default function RoundsPage() {
  const { t } = useTranslation();
  const rounds = useRequest(() => indicatorsApi.rounds(), []);
  const [selected, setSelected] = useState<string | undefined>();
  const id = selected ?? rounds.data?.items.find((r) => r.status === 'open')?.id ?? rounds.data?.items[0]?.id;
  const round = useRequest(() => (id ? indicatorsApi.round(id) : Promise.resolve(undefined)), [id]);

  return (
    <>
      <PageHeader title={t('ind.rounds.title')} intro={t('ind.rounds.intro')} extra={<OpenRoundButton onOpened={(r) => { void rounds.reload(); setSelected(r.id); }} />} />
      <LoadError error={rounds.error ?? round.error} onRetry={() => void Promise.all([rounds.reload(), round.reload()])} />
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={7}>
          <Card>
            <List
              dataSource={rounds.data?.items ?? []}
              locale={{ emptyText: t('ind.rounds.empty') }}
              renderItem={(r) => (
                <List.Item onClick={() => setSelected(r.id)} style={{ cursor: 'pointer', background: r.id === id ? 'rgba(22,119,255,0.06)' : undefined, paddingInline: 8 }}>
                  <List.Item.Meta
                    title={<Button type="link" size="small" style={{ padding: 0, height: 'auto' }} onClick={() => setSelected(r.id)}>{r.title}</Button>}
                    description={
                      <Flex gap={6} wrap>
                        <Tag>{t(`ind.rounds.roundStatus.${r.status}`)}</Tag>
                        {r.myStatus ? <Tag color={STATUS_COLOR[r.myStatus]}>{t(`ind.rounds.status.${r.myStatus}`)}</Tag> : <span>{t('ind.rounds.progress', { s: r.submitted, a: r.accepted, n: r.units })}</span>}
                      </Flex>
                    }
                  />
                </List.Item>
              )}
            />
          </Card>
        </Col>
        <Col xs={24} lg={17}>
          {round.data ? round.data.policies.fill || round.data.myStatus ? <FillCard round={round.data} onChange={() => void Promise.all([round.reload(), rounds.reload()])} /> : <ReviewCard round={round.data} onChange={() => void Promise.all([round.reload(), rounds.reload()])} /> : <Card><Empty description={t('ind.rounds.select')} /></Card>}
        </Col>
      </Row>
    </>
  );
}

function OpenRoundButton({ onOpened }: { onOpened(r: Round): void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const errorMessage = useErrorMessage();
  const systems = useRequest(() => indicatorsApi.systems(), []);
  const managed = systems.data?.items.filter((s) => s.policies.manage) ?? [];
  const [period, setPeriod] = useState(String(new Date().getFullYear()));
  if (managed.length === 0) return null;
  const handleOpen = async () => {
    try {
      const r = await indicatorsApi.openRound({ systemId: managed[0].id, period });
      message.success(t('ind.rounds.opened'));
      onOpened(r);
    } catch (err) {
      message.error(errorMessage(err));
    }
  };
  return (
    <Flex gap={8}>
      <Input aria-label={t('ind.rounds.period')} value={period} onChange={(e) => setPeriod(e.target.value)} style={{ width: 100 }} />
      <Button type="primary" onClick={() => void handleOpen()}>{t('ind.rounds.open')}</Button>
    </Flex>
  );
}

function FillCard({ round, onChange }: { round: Round; onChange(): void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const errorMessage = useErrorMessage();
  const [values, setValues] = useState<Record<string, number | null>>({});
  const key = (n: string, r: string) => `${n}|${r}`;
  const valueOf = (n: string, r: string) => (key(n, r) in values ? values[key(n, r)] : (round.entries.find((e) => e.nodeKey === n && e.regionId === r)?.value ?? null));
  const prev = (n: string, r: string) => round.entries.find((e) => e.nodeKey === n && e.regionId === r)?.previous;
  const handleSave = async (submit: boolean) => {
    const entries = round.leaves.flatMap((l) => round.regions.map((r) => ({ nodeKey: l.key, regionId: r.id, value: valueOf(l.key, r.id) }))).filter((e): e is { nodeKey: string; regionId: string; value: number } => e.value !== null);
    try {
      await indicatorsApi.fillRound(round.id, { entries, submit });
      message.success(submit ? t('ind.rounds.submitted') : t('ind.rounds.saved'));
      setValues({});
      onChange();
    } catch (err) {
      message.error(errorMessage(err));
    }
  };
  const mine = round.units.find((u) => u.status === round.myStatus);
  return (
    <Card
      title={round.title}
      extra={round.myStatus && <Tag color={STATUS_COLOR[round.myStatus]}>{t(`ind.rounds.status.${round.myStatus}`)}</Tag>}
    >
      {round.myStatus === 'returned' && mine?.reviewComment && <Typography.Paragraph type="danger">{t('ind.rounds.returnComment')}：{mine.reviewComment}</Typography.Paragraph>}
      <Table
        size="small"
        rowKey="key"
        pagination={false}
        scroll={{ x: 'max-content' }}
        dataSource={round.leaves}
        aria-label={round.title}
        columns={[
          { title: t('ind.systems.name'), key: 'name', fixed: 'left', render: (_, l) => <span>{l.name}<br /><Typography.Text type="secondary">{l.unitLabel}</Typography.Text></span> },
          ...round.regions.map((r) => ({
            title: r.name,
            key: r.id,
            render: (_: unknown, l: Round['leaves'][number]) => (
              <Flex vertical gap={2}>
                <InputNumber
                  aria-label={`${r.name} ${l.name}`}
                  size="small"
                  disabled={!round.policies.fill}
                  value={valueOf(l.key, r.id)}
                  onChange={(v) => setValues((s) => ({ ...s, [key(l.key, r.id)]: v }))}
                  style={{ width: 110 }}
                />
                {prev(l.key, r.id) != null && <Typography.Text type="secondary" style={{ fontSize: 12 }}>{t('ind.rounds.previous')} {prev(l.key, r.id)}</Typography.Text>}
              </Flex>
            ),
          })),
        ]}
      />
      {round.policies.fill && (
        <Flex gap={8} style={{ marginTop: 12 }}>
          <Button onClick={() => void handleSave(false)}>{t('ind.rounds.save')}</Button>
          <Button type="primary" onClick={() => void handleSave(true)}>{t('ind.rounds.submit')}</Button>
        </Flex>
      )}
    </Card>
  );
}

function ReviewCard({ round, onChange }: { round: Round; onChange(): void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const errorMessage = useErrorMessage();
  const [comment, setComment] = useState('');
  const act = async (fn: () => Promise<unknown>, ok: string) => {
    try {
      await fn();
      message.success(ok);
      onChange();
    } catch (err) {
      message.error(errorMessage(err));
    }
  };
  return (
    <Card
      title={round.title}
      extra={round.policies.remind && <Button onClick={() => void act(async () => message.info(t('ind.rounds.reminded', { n: (await indicatorsApi.remindRound(round.id)).reminded })), t('ind.rounds.reviewed'))}>{t('ind.rounds.remind')}</Button>}
    >
      <Table
        size="small"
        rowKey="unitId"
        pagination={false}
        dataSource={round.units}
        aria-label={t('ind.rounds.units')}
        columns={[
          { title: t('ind.rounds.units'), dataIndex: 'unitName', key: 'u' },
          { title: t('ind.rounds.leaves'), dataIndex: 'leaves', key: 'l' },
          { title: t('ind.rounds.title'), key: 's', render: (_, u) => <Tag color={STATUS_COLOR[u.status]}>{t(`ind.rounds.status.${u.status}`)}</Tag> },
          {
            title: '',
            key: 'a',
            render: (_, u) =>
              round.policies.review && u.status === 'submitted' ? (
                <Flex gap={6} wrap>
                  <Button size="small" type="primary" onClick={() => void act(() => indicatorsApi.reviewRound(round.id, u.unitId, { decision: 'accept' }), t('ind.rounds.reviewed'))}>{t('ind.rounds.accept')}</Button>
                  <Input size="small" aria-label={t('ind.rounds.returnComment')} placeholder={t('ind.rounds.returnComment')} value={comment} onChange={(e) => setComment(e.target.value)} style={{ width: 160 }} />
                  <Button size="small" danger disabled={!comment.trim()} onClick={() => void act(() => indicatorsApi.reviewRound(round.id, u.unitId, { decision: 'return', comment }), t('ind.rounds.reviewed'))}>{t('ind.rounds.return')}</Button>
                </Flex>
              ) : null,
          },
        ]}
      />
    </Card>
  );
}
