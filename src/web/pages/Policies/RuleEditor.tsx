import { Fragment, useMemo, useState } from 'react';
import { Alert, App, Button, Card, Checkbox, Col, DatePicker, Empty, Flex, Input, InputNumber, List, Row, Select, Space, Table, Typography } from 'antd';
import { DeleteOutlined, ExperimentOutlined, PlusOutlined, ThunderboltOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client.ts';
import { policiesApi, type Benefit, type DraftCondition, type PolicyItem, type RuleLeaf, type SituationResult, type SituationTestInput, type Truth } from '../../api/policies.ts';
import { useErrorMessage } from '../../hooks/error-message.ts';
import { COMPARATORS, CREDIT_FLAG_KINDS, FIGURE_NAMES, SIZE_CLASSES, type Comparator } from '../../../core/rules/rule-types.ts';
import { CheckKindTag, Hash, TruthTag } from './components.tsx';
import { CMP_KEY, benefitWords, describeLeafT, leavesOfRule, proposeTests } from './rule-words.ts';

export function BenefitText({ benefit }: { benefit: Benefit }) {
  const { t } = useTranslation();
  return <>{benefitWords(t, benefit)}</>;
}

interface Proposal {
  leaf: RuleLeaf;
  span: DraftCondition['span'] | null;
  include: boolean;
}

interface TestRow extends SituationTestInput {
  key: number;
  profileText: string;
  profileError?: boolean;
}

const today = () => dayjs().format('YYYY-MM-DD');
let testKey = 0;
const toRow = (test: SituationTestInput): TestRow => ({ ...test, key: ++testKey, profileText: JSON.stringify(test.profile, null, 2) });

/**
 * The rule editor of an item: paste 申报条件 → proposed conditions with the words they came from (machine-checkable or
 * person-verified) → confirm or edit → benefit and validity → situation tests → publish. The server runs the tests
 * and refuses the version when one fails; the refusal shows here, test by test.
 */
export function RuleEditor({ item, regionId, defaultRef, defaultFrom, onPublished }: { item: PolicyItem; regionId: string; defaultRef: string; defaultFrom: string; onPublished(): Promise<void> }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const errorMessage = useErrorMessage();
  const latest = item.versions.at(-1);
  const [text, setText] = useState(item.conditionsText);
  const [ref, setRef] = useState(defaultRef);
  const [proposals, setProposals] = useState<Proposal[]>(() => (latest ? leavesOfRule(latest.rule).map((leaf) => ({ leaf, span: null, include: true })) : []));
  const [benefit, setBenefit] = useState<Benefit>(latest?.benefit ?? (item.mode === 'info' ? { kind: 'none' } : { kind: 'fixed', amount: 100_000 }));
  const [validFrom, setValidFrom] = useState(latest ? today() > latest.validFrom ? today() : latest.validFrom : defaultFrom);
  const [validTo, setValidTo] = useState<string | null>(latest?.validTo ?? null);
  const [tests, setTests] = useState<TestRow[]>(() => (latest?.tests ?? []).map((x) => toRow({ name: x.name, asOf: x.asOf, profile: x.profile, expected: x.expected, expectedAmount: x.expectedAmount })));
  const [drafting, setDrafting] = useState(false);
  const [publishing, setPublishing] = useState(false);
  const [refusal, setRefusal] = useState<{ text: string; results: SituationResult[]; issues: string[] } | null>(null);
  const [focus, setFocus] = useState<number | null>(null);

  const included = proposals.filter((p) => p.include).map((p) => p.leaf);
  const machine = included.length > 0 && included.every((l) => l.kind !== 'manual');
  const autoBlocked = item.mode === 'auto' && !machine && included.length > 0;

  const draft = async () => {
    setDrafting(true);
    try {
      const res = await policiesApi.draftRules({ text, regionId, ref: ref.trim() || undefined });
      setProposals(res.drafts.map((d) => ({ leaf: d.leaf, span: d.span, include: true })));
      setRefusal(null);
      if (res.drafts.length === 0) message.info(t('pol.rule.nothingFound'));
    } catch (err) {
      message.error(errorMessage(err));
    } finally {
      setDrafting(false);
    }
  };

  const update = (i: number, patch: Partial<RuleLeaf>) => setProposals((ps) => ps.map((p, j) => (j === i ? { ...p, leaf: { ...p.leaf, ...patch } as RuleLeaf } : p)));

  const publish = async () => {
    const parsed: SituationTestInput[] = [];
    let bad = false;
    const checked = tests.map((row) => {
      try {
        const profile = JSON.parse(row.profileText) as Record<string, unknown>;
        parsed.push({ name: row.name, asOf: row.asOf, profile, expected: row.expected, ...(row.expectedAmount === undefined || row.expectedAmount === null ? {} : { expectedAmount: row.expectedAmount }) });
        return { ...row, profileError: false };
      } catch {
        bad = true;
        return { ...row, profileError: true };
      }
    });
    setTests(checked);
    if (bad) {
      message.error(t('pol.test.badJson'));
      return;
    }
    setPublishing(true);
    setRefusal(null);
    try {
      const res = await policiesApi.publishVersion(item.id, { validFrom, validTo, rule: { kind: 'all', items: included }, benefit, tests: parsed });
      message.success(t('pol.rule.published', { n: res.testResults.length, pushed: res.pushed }));
      await onPublished();
    } catch (err) {
      const results = err instanceof ApiError && err.code === 'POL_SITUATION_TESTS_FAILED' && Array.isArray(err.details) ? (err.details as SituationResult[]) : [];
      const issues = err instanceof ApiError && err.code === 'POL_RULE_INVALID' && Array.isArray(err.details) ? (err.details as Array<{ path?: string; message?: string }>).map((d) => [d.path, d.message].filter(Boolean).join(': ')) : [];
      setRefusal({ text: errorMessage(err), results, issues });
    } finally {
      setPublishing(false);
    }
  };

  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }}>
      <Card title={t('pol.rule.step1')} size="small">
        <Row gutter={[16, 16]}>
          <Col xs={24} lg={12}>
            <label htmlFor="pol-conditions-text"><Typography.Text strong>{t('pol.item.conditionsText')}</Typography.Text></label>
            <Input.TextArea id="pol-conditions-text" rows={7} value={text} onChange={(e) => setText(e.target.value)} placeholder={t('pol.rule.pastePlaceholder')} style={{ marginTop: 6 }} />
            <Flex gap={8} wrap style={{ marginTop: 8 }} align="center">
              <Input aria-label={t('pol.rule.ref')} addonBefore={t('pol.rule.ref')} value={ref} onChange={(e) => setRef(e.target.value)} style={{ flex: '1 1 240px' }} />
              <Button type="primary" icon={<ThunderboltOutlined />} loading={drafting} disabled={!text.trim()} onClick={() => void draft()}>{t('pol.rule.draft')}</Button>
            </Flex>
          </Col>
          <Col xs={24} lg={12}>
            <Typography.Text strong>{t('pol.rule.source')}</Typography.Text>
            <SourceText text={text} proposals={proposals} focus={focus} />
          </Col>
        </Row>
      </Card>

      <Card title={t('pol.rule.step2')} size="small">
        <Flex justify="flex-end" style={{ marginBottom: 8 }}>
          <Button size="small" icon={<PlusOutlined />} onClick={() => setProposals((ps) => [...ps, { leaf: { kind: 'manual', id: `m${Date.now() % 100000}`, ref, text: '' }, span: null, include: true }])}>{t('pol.rule.addManual')}</Button>
        </Flex>
        {proposals.length === 0 ? (
          <Empty description={t('pol.rule.noProposals')} />
        ) : (
          <List
            dataSource={proposals}
            renderItem={(p, i) => (
              <List.Item key={`${p.leaf.id}-${i}`} onMouseEnter={() => setFocus(i)} onMouseLeave={() => setFocus(null)} style={{ display: 'block', opacity: p.include ? 1 : 0.55 }}>
                <Flex gap={8} wrap align="center" style={{ marginBottom: 6 }}>
                  <Checkbox checked={p.include} onChange={(e) => setProposals((ps) => ps.map((x, j) => (j === i ? { ...x, include: e.target.checked } : x)))} aria-label={t('pol.rule.include', { n: i + 1 })} />
                  <Typography.Text strong>{i + 1}. {describeLeafT(t, p.leaf)}</Typography.Text>
                  <CheckKindTag machine={p.leaf.kind !== 'manual'} />
                </Flex>
                {p.span && (
                  <Typography.Paragraph type="secondary" style={{ margin: '0 0 6px 24px', fontSize: 13 }}>
                    {t('pol.rule.fromWords')}<mark style={{ background: '#fff1b8', padding: '0 2px' }}>{p.span.text}</mark>
                  </Typography.Paragraph>
                )}
                <div style={{ marginLeft: 24 }}>
                  <LeafFields leaf={p.leaf} n={i + 1} onChange={(patch) => update(i, patch)} />
                </div>
              </List.Item>
            )}
          />
        )}
        {autoBlocked && <Alert type="warning" showIcon style={{ marginTop: 12 }} title={t('pol.rule.autoNeedsMachine')} />}
      </Card>

      <Card title={t('pol.rule.step3')} size="small">
        <Flex gap={16} wrap align="flex-end">
          <Labeled label={t('pol.benefit.kind')}>
            <Select
              aria-label={t('pol.benefit.kind')}
              style={{ width: 180 }}
              value={benefit.kind}
              onChange={(kind) => setBenefit(kind === 'fixed' ? { kind, amount: 100_000 } : kind === 'percent' ? { kind, figure: 'revenue', yearOffset: -1, percent: 1, cap: 500_000 } : { kind: 'none' })}
              options={(['fixed', 'percent', 'none'] as const).map((k) => ({ value: k, label: t(`pol.benefit.${k}`) }))}
            />
          </Labeled>
          {benefit.kind === 'fixed' && <Labeled label={t('pol.benefit.amount')}><InputNumber aria-label={t('pol.benefit.amount')} min={0} step={10_000} value={benefit.amount} onChange={(v) => setBenefit({ kind: 'fixed', amount: Number(v ?? 0) })} style={{ width: 180 }} /></Labeled>}
          {benefit.kind === 'percent' && (
            <>
              <Labeled label={t('pol.benefit.figure')}>
                <Select aria-label={t('pol.benefit.figure')} style={{ width: 150 }} value={benefit.figure} onChange={(figure) => setBenefit({ ...benefit, figure })} options={FIGURE_NAMES.map((f) => ({ value: f, label: t(`pol.figure.${f}`) }))} />
              </Labeled>
              <Labeled label={t('pol.benefit.year')}>
                <Select aria-label={t('pol.benefit.year')} style={{ width: 120 }} value={benefit.yearOffset} onChange={(yearOffset) => setBenefit({ ...benefit, yearOffset })} options={[0, -1, -2].map((o) => ({ value: o, label: t(`pol.year.offset${-o}`) }))} />
              </Labeled>
              <Labeled label={t('pol.benefit.percentRate')}><InputNumber aria-label={t('pol.benefit.percentRate')} min={0} max={100} value={benefit.percent} onChange={(v) => setBenefit({ ...benefit, percent: Number(v ?? 0) })} suffix="%" style={{ width: 120 }} /></Labeled>
              <Labeled label={t('pol.benefit.cap')}><InputNumber aria-label={t('pol.benefit.cap')} min={0} step={10_000} value={benefit.cap} onChange={(v) => setBenefit({ ...benefit, cap: v === null ? null : Number(v) })} style={{ width: 160 }} /></Labeled>
            </>
          )}
          <Labeled label={t('pol.rule.validFrom')}><DatePicker aria-label={t('pol.rule.validFrom')} allowClear={false} value={dayjs(validFrom)} onChange={(d) => d && setValidFrom(d.format('YYYY-MM-DD'))} /></Labeled>
          <Labeled label={t('pol.rule.validTo')}><DatePicker aria-label={t('pol.rule.validTo')} value={validTo ? dayjs(validTo) : null} placeholder={t('pol.openEnded')} onChange={(d) => setValidTo(d ? d.format('YYYY-MM-DD') : null)} /></Labeled>
        </Flex>
        <Typography.Paragraph type="secondary" style={{ margin: '12px 0 0' }}>{benefitWords(t, benefit)}</Typography.Paragraph>
      </Card>

      <Card title={t('pol.rule.step4')} size="small">
        <Typography.Paragraph type="secondary">{t('pol.test.intro')}</Typography.Paragraph>
        <Flex gap={8} wrap style={{ marginBottom: 12 }}>
          <Button size="small" icon={<ExperimentOutlined />} disabled={included.length === 0} onClick={() => setTests(proposeTests(t, included, benefit, today()).map(toRow))}>{t('pol.test.propose')}</Button>
          <Button size="small" icon={<PlusOutlined />} onClick={() => setTests((ts) => [...ts, toRow({ name: t('pol.test.newName', { n: ts.length + 1 }), asOf: today(), profile: {}, expected: 'true' })])}>{t('pol.test.add')}</Button>
        </Flex>
        {tests.length === 0 ? <Empty description={t('pol.test.none')} /> : <TestsTable tests={tests} onChange={setTests} results={refusal?.results ?? []} />}
      </Card>

      {refusal && (
        <Alert
          type="error"
          showIcon
          role="alert"
          title={refusal.text}
          description={
            refusal.results.length > 0 ? (
              <ul style={{ margin: 0, paddingInlineStart: 18 }}>
                {refusal.results.filter((r) => !r.passed).map((r) => <li key={r.name}><Typography.Text strong>{r.name}</Typography.Text>：{r.message}</li>)}
              </ul>
            ) : refusal.issues.length > 0 ? (
              <ul style={{ margin: 0, paddingInlineStart: 18 }}>{refusal.issues.map((x) => <li key={x}>{x}</li>)}</ul>
            ) : undefined
          }
        />
      )}
      <Flex gap={12} wrap align="center">
        <Button type="primary" size="large" loading={publishing} disabled={included.length === 0 || tests.length === 0} onClick={() => void publish()}>{t('pol.rule.publish')}</Button>
        <Typography.Text type="secondary">{t('pol.rule.publishHint')}</Typography.Text>
      </Flex>
    </Space>
  );
}

function Labeled({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div>
      <Typography.Text aria-hidden>{label}</Typography.Text>
      <div style={{ marginTop: 4 }}>{children}</div>
    </div>
  );
}

/** The pasted text with the words each proposal came from marked and numbered. */
function SourceText({ text, proposals, focus }: { text: string; proposals: Proposal[]; focus: number | null }) {
  const { t } = useTranslation();
  const marks = proposals.map((p, i) => ({ ...p.span!, n: i + 1, machine: p.leaf.kind !== 'manual', i })).filter((m) => m.start !== undefined && proposals[m.i].span).sort((a, b) => a.start - b.start);
  const parts: React.ReactNode[] = [];
  let at = 0;
  for (const m of marks) {
    if (m.start < at) continue;
    if (m.start > at) parts.push(<Fragment key={`t${at}`}>{text.slice(at, m.start)}</Fragment>);
    parts.push(
      <mark key={`m${m.start}`} style={{ background: m.i === focus ? '#ffd666' : m.machine ? '#d6e4ff' : '#ffe7ba', padding: '0 2px', borderRadius: 2 }}>
        {text.slice(m.start, m.end)}
        <sup style={{ fontWeight: 600, color: '#1f1f1f' }}>{m.n}</sup>
      </mark>,
    );
    at = m.end;
  }
  if (at < text.length) parts.push(<Fragment key="tail">{text.slice(at)}</Fragment>);
  return (
    <div style={{ marginTop: 6, padding: 12, border: '1px solid #d9d9d9', borderRadius: 6, minHeight: 150, whiteSpace: 'pre-wrap', lineHeight: 1.9, background: '#fafafa' }}>
      {text ? parts : <Typography.Text type="secondary">{t('pol.rule.sourceEmpty')}</Typography.Text>}
      {marks.length > 0 && (
        <Flex gap={12} wrap style={{ marginTop: 8, fontSize: 12 }}>
          <span><mark style={{ background: '#d6e4ff' }}>{t('pol.check.machine')}</mark></span>
          <span><mark style={{ background: '#ffe7ba' }}>{t('pol.check.person')}</mark></span>
        </Flex>
      )}
    </div>
  );
}

/** The parameters of one condition, by kind. */
function LeafFields({ leaf, n, onChange }: { leaf: RuleLeaf; n: number; onChange(patch: Partial<RuleLeaf>): void }) {
  const { t } = useTranslation();
  const cmp = (value: Comparator) => (
    <Select aria-label={t('pol.rule.cmp', { n })} size="small" style={{ width: 110 }} value={value} onChange={(c) => onChange({ cmp: c } as Partial<RuleLeaf>)} options={COMPARATORS.map((c) => ({ value: c, label: t(`pol.cmp.${CMP_KEY[c]}`) }))} />
  );
  let fields: React.ReactNode = null;
  switch (leaf.kind) {
    case 'figure':
      fields = (
        <>
          <Select aria-label={t('pol.benefit.year')} size="small" style={{ width: 100 }} value={leaf.yearOffset ?? -1} onChange={(yearOffset) => onChange({ yearOffset, year: undefined } as Partial<RuleLeaf>)} options={[0, -1, -2].map((o) => ({ value: o, label: t(`pol.year.offset${-o}`) }))} />
          <Select aria-label={t('pol.benefit.figure')} size="small" style={{ width: 120 }} value={leaf.figure} onChange={(figure) => onChange({ figure } as Partial<RuleLeaf>)} options={FIGURE_NAMES.map((f) => ({ value: f, label: t(`pol.figure.${f}`) }))} />
          {cmp(leaf.cmp)}
          <InputNumber aria-label={t('pol.rule.value', { n })} size="small" min={0} value={leaf.value} onChange={(v) => onChange({ value: Number(v ?? 0) } as Partial<RuleLeaf>)} suffix={t(`pol.unit.${leaf.figure}`)} style={{ width: 150 }} />
        </>
      );
      break;
    case 'age':
      fields = (
        <>
          {cmp(leaf.cmp)}
          <InputNumber aria-label={t('pol.rule.value', { n })} size="small" min={0} value={leaf.years} onChange={(v) => onChange({ years: Number(v ?? 0) } as Partial<RuleLeaf>)} suffix={t('pol.unit.years')} style={{ width: 110 }} />
        </>
      );
      break;
    case 'tag':
      fields = <Input aria-label={t('pol.rule.tag', { n })} size="small" value={leaf.tag} onChange={(e) => onChange({ tag: e.target.value } as Partial<RuleLeaf>)} style={{ width: 200 }} />;
      break;
    case 'size':
      fields = <Select aria-label={t('pol.rule.sizes', { n })} size="small" mode="multiple" value={leaf.classes} onChange={(classes) => onChange({ classes } as Partial<RuleLeaf>)} options={SIZE_CLASSES.map((c) => ({ value: c, label: t(`pol.size.${c}`) }))} style={{ minWidth: 220 }} />;
      break;
    case 'industry':
      fields = <Select aria-label={t('pol.rule.industries', { n })} size="small" mode="tags" value={leaf.prefixes} onChange={(prefixes) => onChange({ prefixes } as Partial<RuleLeaf>)} style={{ minWidth: 220 }} />;
      break;
    case 'credit_clear':
      fields = <Select aria-label={t('pol.rule.flags', { n })} size="small" mode="multiple" value={leaf.flags} onChange={(flags) => onChange({ flags } as Partial<RuleLeaf>)} options={CREDIT_FLAG_KINDS.map((c) => ({ value: c, label: t(`pol.credit.${c}`) }))} style={{ minWidth: 200 }} />;
      break;
    case 'manual':
      fields = <Input aria-label={t('pol.rule.manualText', { n })} size="small" value={leaf.text} onChange={(e) => onChange({ text: e.target.value } as Partial<RuleLeaf>)} style={{ width: 320, maxWidth: '100%' }} />;
      break;
    case 'region':
      break;
  }
  return (
    <Flex gap={8} wrap align="center">
      {fields}
      <Input aria-label={t('pol.rule.refOf', { n })} size="small" addonBefore={t('pol.rule.ref')} value={leaf.ref} onChange={(e) => onChange({ ref: e.target.value })} style={{ width: 300, maxWidth: '100%' }} />
    </Flex>
  );
}

function TestsTable({ tests, onChange, results }: { tests: TestRow[]; onChange(rows: TestRow[]): void; results: SituationResult[] }) {
  const { t } = useTranslation();
  const set = (key: number, patch: Partial<TestRow>) => onChange(tests.map((r) => (r.key === key ? { ...r, ...patch } : r)));
  const resultOf = useMemo(() => new Map(results.map((r) => [r.name, r])), [results]);
  return (
    <Table<TestRow>
      size="small"
      rowKey="key"
      pagination={false}
      dataSource={tests}
      scroll={{ x: 760 }}
      expandable={{
        expandedRowRender: (r) => (
          <div>
            <Typography.Text type="secondary">{t('pol.test.profileHint')}</Typography.Text>
            <Input.TextArea aria-label={t('pol.test.profile')} status={r.profileError ? 'error' : undefined} rows={8} value={r.profileText} onChange={(e) => set(r.key, { profileText: e.target.value })} style={{ fontFamily: 'monospace', fontSize: 12, marginTop: 4 }} />
          </div>
        ),
        columnTitle: <span className="ys-visually-hidden">{t('pol.test.profile')}</span>,
      }}
      columns={[
        { title: t('pol.test.name'), key: 'name', render: (_, r) => <Input aria-label={t('pol.test.name')} size="small" value={r.name} onChange={(e) => set(r.key, { name: e.target.value })} style={{ minWidth: 200 }} /> },
        { title: t('pol.test.asOf'), key: 'asOf', width: 140, render: (_, r) => <DatePicker aria-label={t('pol.test.asOf')} size="small" allowClear={false} value={dayjs(r.asOf)} onChange={(d) => d && set(r.key, { asOf: d.format('YYYY-MM-DD') })} /> },
        {
          title: t('pol.test.expected'),
          key: 'expected',
          width: 130,
          render: (_, r) => <Select aria-label={t('pol.test.expected')} size="small" style={{ width: 110 }} value={r.expected} onChange={(expected: Truth) => set(r.key, { expected })} options={(['true', 'false', 'unknown'] as const).map((v) => ({ value: v, label: t(`pol.truth.${v}`) }))} />,
        },
        { title: t('pol.test.amount'), key: 'amount', width: 140, render: (_, r) => <InputNumber aria-label={t('pol.test.amount')} size="small" min={0} value={r.expectedAmount ?? null} onChange={(v) => set(r.key, { expectedAmount: v === null ? undefined : Number(v) })} style={{ width: 120 }} /> },
        {
          title: t('pol.test.outcome'),
          key: 'outcome',
          width: 120,
          render: (_, r) => {
            const res = resultOf.get(r.name);
            if (!res) return '—';
            return res.passed ? <Typography.Text type="success">{t('pol.test.passed')}</Typography.Text> : <Flex gap={4} align="center"><Typography.Text type="danger">{t('pol.test.failed')}</Typography.Text><TruthTag truth={res.actual} /></Flex>;
          },
        },
        { title: <span className="ys-visually-hidden">{t('common.actions')}</span>, key: 'del', width: 56, render: (_, r) => <Button size="small" type="text" danger icon={<DeleteOutlined />} aria-label={t('pol.test.remove', { name: r.name })} onClick={() => onChange(tests.filter((x) => x.key !== r.key))} /> },
      ]}
    />
  );
}

/** A published rule version: its conditions, benefit, period, hash and the situation tests it passed. */
export function VersionSummary({ version }: { version: PolicyItem['versions'][number] }) {
  const { t } = useTranslation();
  return (
    <div>
      <Flex gap={12} wrap style={{ marginBottom: 8 }}>
        <Typography.Text>{`${version.validFrom} ~ ${version.validTo ?? t('pol.openEnded')}`}</Typography.Text>
        <Typography.Text>{benefitWords(t, version.benefit)}</Typography.Text>
        <span>{t('pol.ruleHash')} <Hash value={version.hash} /></span>
      </Flex>
      <ol style={{ margin: '0 0 8px', paddingInlineStart: 20 }}>
        {leavesOfRule(version.rule).map((l) => (
          <li key={l.id}>
            {describeLeafT(t, l)} <CheckKindTag machine={l.kind !== 'manual'} /> <Typography.Text type="secondary" style={{ fontSize: 12 }}>{l.ref}</Typography.Text>
          </li>
        ))}
      </ol>
      <Typography.Text type="secondary">{t('pol.test.passedAll', { n: version.testResults.filter((r) => r.passed).length, total: version.testResults.length })}</Typography.Text>
    </div>
  );
}
