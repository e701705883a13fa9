import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { Alert, App, Button, Card, Col, DatePicker, Empty, Flex, Form, Input, InputNumber, Modal, Row, Skeleton, Space, Tabs, Tooltip, TreeSelect, Typography } from 'antd';
import { DownloadOutlined, FileTextOutlined, ReloadOutlined, SaveOutlined, WarningFilled } from '@ant-design/icons';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client.ts';
import { regionsApi, unitsApi } from '../../api/endpoints.ts';
import { plansApi, type PlanDetail, type PlanIssue, type Span, type UnitResolutionItem } from '../../api/plans.ts';
import { FormModal } from '../../components/FormModal.tsx';
import { LoadError } from '../../components/LoadError.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { buildRegionTree, regionOptions } from '../../components/region-tree.ts';
import { useErrorMessage } from '../../hooks/error-message.ts';
import { can } from '../../hooks/policies.ts';
import { useMe } from '../../hooks/session.tsx';
import { useIsMobile } from '../../hooks/use-breakpoint.ts';
import { PlanStatusTag } from '../Plans/PlanStatusTag.tsx';
import { MeasureCard } from './components/MeasureCard.tsx';
import { TargetsEditor } from './components/ItemsEditors.tsx';
import { SourcePane, type Highlight } from './components/SourcePane.tsx';
import { UnitTags, type UnitContext } from './components/UnitTags.tsx';
import { clearStoredDraft, loadStoredDraft, storeDraft, type StoredDraft } from './draft-store.ts';
import { draftFromPlan, groupByChapter, mergeWithNext, splitMeasure, toSaveInput, type DraftMeasure, type PlanDraft } from './plan-draft.ts';
import { rebaseYear } from './rebase-year.ts';
import './plan-review.css';

type Conflict = { latest: PlanDetail | null };
type NewUnitRequest = { printed: string; resolve(unit: { id: string; name: string } | null): void };

/** Finds an item's words in the source when it carries no span: inside its measure first. */
function findSpan(source: string, text: string, within: Span | null): Span | null {
  const needle = text.trim();
  if (!needle) return null;
  const from = within?.start ?? 0;
  let at = source.indexOf(needle, from);
  if (at < 0 || (within && at > within.end)) at = source.indexOf(needle);
  return at >= 0 ? { start: at, end: at + needle.length } : null;
}

/** What the server would refuse, found before sending so the user sees which measure to fix. */
function findProblem(draft: PlanDraft): { index: number; key: string } | null {
  for (const [index, m] of draft.measures.entries()) {
    if (!m.text.trim()) return { index, key: 'plans.review.problemText' };
    if (m.targets.some((x) => !x.metric.trim())) return { index, key: 'plans.review.problemMetric' };
    if ([...m.leadUnits, ...m.cooperatingUnits].some((u) => !u.printed.trim())) return { index, key: 'plans.review.problemUnit' };
  }
  if (draft.goals.some((x) => !x.metric.trim())) return { index: -1, key: 'plans.review.problemGoal' };
  return null;
}

export default function PlanReviewPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const { message, modal } = App.useApp();
  const errorMessage = useErrorMessage();
  const mobile = useIsMobile();
  const me = useMe();

  const [plan, setPlan] = useState<PlanDetail | null>(null);
  const [loadError, setLoadError] = useState<unknown>(null);
  const [draft, setDraft] = useState<PlanDraft | null>(null);
  /** Server version the draft is based on; a save sends it. */
  const [baseVersion, setBaseVersion] = useState(0);
  const [restored, setRestored] = useState<StoredDraft | null>(null);
  const [staleStored, setStaleStored] = useState<StoredDraft | null>(null);
  const [storageFailed, setStorageFailed] = useState(false);
  const [selected, setSelected] = useState<number | null>(null);
  const [highlight, setHighlight] = useState<Highlight | null>(null);
  const [tab, setTab] = useState<'plan' | 'source'>('plan');
  const [saving, setSaving] = useState(false);
  const [saveError, setSaveError] = useState<string | null>(null);
  const [conflict, setConflict] = useState<Conflict | null>(null);
  const [resolutions, setResolutions] = useState<Map<string, UnitResolutionItem>>(new Map());
  const [unitNames, setUnitNames] = useState<Map<string, string>>(new Map());
  const [newUnit, setNewUnit] = useState<NewUnitRequest | null>(null);
  const savedJson = useRef('');
  const tabsRef = useRef<HTMLDivElement>(null);
  /** On a phone the panes are tabs: switching shows the top of the source, or returns to the open measure. */
  const showTab = useCallback((key: 'plan' | 'source') => {
    setTab(key);
    requestAnimationFrame(() => {
      const measure = key === 'plan' ? document.querySelector('article[data-selected="true"]') : null;
      (measure ?? tabsRef.current)?.scrollIntoView({ block: 'start' });
    });
  }, []);


  const applyServerPlan = useCallback((next: PlanDetail, keepDraft?: PlanDraft) => {
    const fresh = draftFromPlan(next);
    savedJson.current = JSON.stringify(fresh);
    setPlan(next);
    setBaseVersion(next.version);
    setDraft(keepDraft ?? fresh);
  }, []);

  const load = useCallback(async () => {
    setLoadError(null);
    try {
      const detail = await plansApi.get(id);
      const stored = loadStoredDraft(id);
      if (stored && stored.baseVersion === detail.version) {
        applyServerPlan(detail, stored.draft);
        setRestored(stored);
      } else {
        applyServerPlan(detail);
        if (stored) setStaleStored(stored);
      }
    } catch (err) {
      setLoadError(err);
    }
  }, [id, applyServerPlan]);

  useEffect(() => {
    void load();
  }, [load]);

  const loadResolutions = useCallback(async () => {
    try {
      const items = await plansApi.resolveUnits(id);
      setResolutions(new Map(items.map((r) => [r.printed, r])));
      setUnitNames((prev) => {
        const next = new Map(prev);
        for (const r of items) {
          if (r.match?.name) next.set(r.match.unitId, r.match.name);
          for (const s of r.suggestions) if (s.name) next.set(s.unitId, s.name);
        }
        return next;
      });
    } catch {
      // Suggestions are a help, not a requirement: the registry search still works without them.
    }
  }, [id]);

  useEffect(() => {
    if (plan && (can(plan.policies, 'resolveUnits') || can(plan.policies, 'update'))) void loadResolutions();
  }, [plan, loadResolutions]);

  const dirty = useMemo(() => (draft ? JSON.stringify(draft) !== savedJson.current : false), [draft]);

  // Every edit goes to localStorage before anything else can fail.
  useEffect(() => {
    if (!draft || !plan) return;
    if (!dirty) {
      clearStoredDraft(id);
      return;
    }
    setStorageFailed(!storeDraft(id, baseVersion, draft));
  }, [draft, dirty, id, baseVersion, plan]);

  useEffect(() => {
    if (!dirty) return;
    const handler = (e: BeforeUnloadEvent) => {
      e.preventDefault();
    };
    window.addEventListener('beforeunload', handler);
    return () => window.removeEventListener('beforeunload', handler);
  }, [dirty]);

  const editable = plan ? (plan.policies ? can(plan.policies, 'update') : plan.status === 'draft') : false;
  const sourceText = plan?.sourceText ?? '';

  const issuesByMeasure = useMemo(() => {
    const map = new Map<string, PlanIssue[]>();
    for (const issue of plan?.issues ?? []) {
      if (!issue.measureId) continue;
      map.set(issue.measureId, [...(map.get(issue.measureId) ?? []), issue]);
    }
    return map;
  }, [plan]);
  const planIssues = useMemo(() => (plan?.issues ?? []).filter((i) => !i.measureId), [plan]);
  const noIssues = useMemo<PlanIssue[]>(() => [], []);

  const updateMeasures = useCallback((fn: (ms: DraftMeasure[]) => DraftMeasure[]) => {
    setDraft((d) => (d ? { ...d, measures: fn(d.measures) } : d));
  }, []);

  const draftRef = useRef(draft);
  draftRef.current = draft;
  const label = useCallback((m: DraftMeasure) => t('plans.review.measureLabel', { number: m.number }), [t]);

  const handleLocate = useCallback(
    (index: number, item?: { text: string; span?: Span | null; label: string }) => {
      const m = draftRef.current?.measures[index];
      if (!m) return;
      const span = item ? (item.span ?? findSpan(sourceText, item.text, m.span)) : (m.span ?? findSpan(sourceText, m.text.slice(0, 30), null));
      if (span) setHighlight({ span, label: item?.label ?? label(m) });
      else void message.info(t('plans.review.notInSource'));
      if (mobile) showTab('source');
    },
    [sourceText, label, message, t, mobile, showTab],
  );

  const handleSelect = useCallback(
    (index: number) => {
      setSelected((cur) => (cur === index ? null : index));
      const m = draftRef.current?.measures[index];
      if (m?.span) setHighlight({ span: m.span, label: label(m) });
    },
    [label],
  );

  const handleChange = useCallback((index: number, next: DraftMeasure) => updateMeasures((ms) => ms.map((m, i) => (i === index ? next : m))), [updateMeasures]);

  const handleSplit = useCallback(
    (index: number, offset: number) => {
      if (offset < 0) {
        void message.warning(t('plans.review.splitHint'));
        return;
      }
      updateMeasures((ms) => splitMeasure(ms, index, offset, sourceText));
      void message.success(t('plans.review.splitDone'));
    },
    [updateMeasures, sourceText, message, t],
  );

  const handleMerge = useCallback(
    (index: number) => {
      updateMeasures((ms) => mergeWithNext(ms, index));
      void message.success(t('plans.review.mergeDone'));
    },
    [updateMeasures, message, t],
  );

  const handleRemove = useCallback(
    (index: number) => {
      updateMeasures((ms) => ms.filter((_, i) => i !== index));
      setSelected(null);
    },
    [updateMeasures],
  );

  const rememberUnit = useCallback((unitId: string, name: string) => {
    setUnitNames((prev) => (prev.get(unitId) === name ? prev : new Map(prev).set(unitId, name)));
  }, []);
  const createUnit = useCallback((printed: string) => new Promise<{ id: string; name: string } | null>((resolve) => setNewUnit({ printed, resolve })), []);
  // Names typed during review are not in the stored plan yet: the registry search stands in for
  // resolve-units (an exact name or alias is a match, the rest are suggestions).
  const lookupUnit = useCallback(async (printed: string) => {
    try {
      const found = await unitsApi.list({ q: printed, pageSize: 5 });
      const exact = found.items.find((u) => u.name === printed || u.aliases.includes(printed) || u.shortName === printed);
      const item: UnitResolutionItem = {
        printed,
        match: exact ? { unitId: exact.id, name: exact.name } : null,
        suggestions: exact ? [] : found.items.map((u) => ({ unitId: u.id, name: u.name, score: null })),
      };
      setResolutions((prev) => new Map(prev).set(printed, item));
      setUnitNames((prev) => {
        const next = new Map(prev);
        for (const u of found.items) next.set(u.id, u.name);
        return next;
      });
      if (exact) {
        const link = (refs: DraftMeasure['leadUnits']) => refs.map((u) => (u.printed === printed && !u.unitId ? { ...u, unitId: exact.id } : u));
        setDraft((d) =>
          d && {
            ...d,
            defaultUnits: link(d.defaultUnits),
            measures: d.measures.map((m) => ({ ...m, leadUnits: link(m.leadUnits), cooperatingUnits: link(m.cooperatingUnits) })),
          },
        );
      }
    } catch {
      // The chip stays "未匹配"; the reviewer can still search or create the unit.
    }
  }, []);
  const ctx = useMemo<UnitContext>(
    () => ({ resolutions, unitNames, rememberUnit, createUnit, lookupUnit }),
    [resolutions, unitNames, rememberUnit, createUnit, lookupUnit],
  );

  const handleSave = async () => {
    if (!draft || !plan) return;
    const problem = findProblem(draft);
    if (problem) {
      const m = draft.measures[problem.index];
      if (m) {
        setSelected(problem.index);
        requestAnimationFrame(() => document.getElementById(`measure-${m.key}`)?.scrollIntoView({ block: 'start', behavior: 'smooth' }));
      }
      setSaveError(t(problem.key, { number: m?.number ?? '' }));
      return;
    }
    setSaving(true);
    setSaveError(null);
    try {
      const saved = await plansApi.save(id, toSaveInput(draft, baseVersion));
      clearStoredDraft(id);
      applyServerPlan(saved);
      setRestored(null);
      setStaleStored(null);
      void message.success(t('plans.review.saved', { version: saved.version }));
      void loadResolutions();
    } catch (err) {
      if (err instanceof ApiError && err.code === 'PLAN_VERSION_CONFLICT') {
        setConflict({ latest: null });
        plansApi.get(id).then((latest) => setConflict({ latest }), () => undefined);
      } else {
        setSaveError(`${errorMessage(err)} ${t('plans.review.keptLocally')}`);
      }
    } finally {
      setSaving(false);
    }
  };

  const handleKeepMine = () => {
    if (!conflict?.latest || !draft) return;
    // The user's edits stay; the next save is based on (and overwrites) the newer version.
    const mine = draft;
    applyServerPlan(conflict.latest, mine);
    setConflict(null);
    void message.info(t('plans.review.conflictKept'));
  };

  const handleTakeTheirs = () => {
    if (!conflict?.latest) return;
    modal.confirm({
      title: t('plans.review.discardConfirm'),
      okText: t('plans.review.discard'),
      okButtonProps: { danger: true },
      cancelText: t('common.cancel'),
      onOk: () => {
        clearStoredDraft(id);
        applyServerPlan(conflict.latest!);
        setConflict(null);
        setRestored(null);
      },
    });
  };

  const handleDiscardRestored = () => {
    if (!plan) return;
    clearStoredDraft(id);
    applyServerPlan(plan);
    setRestored(null);
  };

  const handleRestoreStale = () => {
    if (!staleStored) return;
    setDraft(staleStored.draft);
    setStaleStored(null);
    void message.info(t('plans.review.conflictKept'));
  };

  useEffect(() => {
    const handler = (e: KeyboardEvent) => {
      if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 's') {
        e.preventDefault();
        document.getElementById('plan-save')?.click();
      }
    };
    window.addEventListener('keydown', handler);
    return () => window.removeEventListener('keydown', handler);
  }, []);

  if (loadError) {
    return (
      <>
        <PageHeader title={t('plans.review.title')} />
        <LoadError error={loadError} onRetry={() => void load()} />
        <Link to="/plans">{t('plans.review.backToList')}</Link>
      </>
    );
  }
  if (!plan || !draft) {
    return (
      <>
        <PageHeader title={t('plans.review.title')} />
        <Skeleton active paragraph={{ rows: 10 }} />
      </>
    );
  }

  const setMeta = (patch: Partial<PlanDraft>) => setDraft((d) => (d ? { ...d, ...patch } : d));
  const flaggedCount = draft.measures.filter(
    (m) => m.flags.length > 0 || m.targets.some((x) => !x.metric.trim()) || (m.leadUnits.length === 0 && m.cooperatingUnits.length === 0),
  ).length;
  const unresolvedCount = new Set(
    draft.measures.flatMap((m) => [...m.leadUnits, ...m.cooperatingUnits]).filter((u) => !u.unitId).map((u) => u.printed),
  ).size;
  const groups = groupByChapter(draft.measures);
  const selectedMeasure = selected !== null ? draft.measures[selected] : undefined;

  const metaCard = (
    <Card title={<h2 style={{ fontSize: 16, margin: 0 }}>{t('plans.meta.title')}</h2>} size="small" style={{ marginBottom: 12 }}>
      <Form layout="vertical" disabled={!editable} component="div">
        <Form.Item label={t('plans.meta.planTitle')} htmlFor="plan-title" style={{ marginBottom: 8 }}>
          <Input id="plan-title" value={draft.title ?? ''} onChange={(e) => setMeta({ title: e.target.value })} />
        </Form.Item>
        <Row gutter={8}>
          <Col xs={24} sm={12}>
            <Form.Item label={t('plans.meta.issuer')} htmlFor="plan-issuer" style={{ marginBottom: 8 }}>
              <Input id="plan-issuer" value={draft.issuer ?? ''} onChange={(e) => setMeta({ issuer: e.target.value })} />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item label={t('plans.meta.region')} htmlFor="plan-region" style={{ marginBottom: 8 }}>
              <Input id="plan-region" value={draft.regionName ?? ''} onChange={(e) => setMeta({ regionName: e.target.value })} />
            </Form.Item>
          </Col>
          <Col xs={12} sm={12}>
            <Form.Item label={t('plans.meta.issuedOn')} htmlFor="plan-issued" style={{ marginBottom: 8 }}>
              <DatePicker
                id="plan-issued"
                value={draft.issuedOn ? dayjs(draft.issuedOn) : null}
                onChange={(d) => setMeta({ issuedOn: d ? d.format('YYYY-MM-DD') : null })}
                style={{ width: '100%' }}
              />
            </Form.Item>
          </Col>
          <Col xs={12} sm={12}>
            <Form.Item
              label={t('plans.meta.baseYear')}
              htmlFor="plan-year"
              style={{ marginBottom: 8 }}
              validateStatus={draft.baseYear ? undefined : 'warning'}
              help={draft.baseYear ? undefined : t('plans.meta.baseYearMissing')}
            >
              <InputNumber
                id="plan-year"
                min={1990}
                max={2100}
                value={draft.baseYear}
                onChange={(v) => setDraft((d) => (d ? rebaseYear(d, typeof v === 'number' ? v : null) : d))}
                style={{ width: '100%' }}
              />
            </Form.Item>
          </Col>
        </Row>
      </Form>
      <UnitTags label={t('plans.meta.defaultUnits')} value={draft.defaultUnits} onChange={(defaultUnits) => setMeta({ defaultUnits })} ctx={ctx} editable={editable} />
      {(draft.goals.length > 0 || editable) && (
        <div style={{ marginTop: 12 }}>
          {editable ? (
            <TargetsEditor
              title={t('plans.meta.goals')}
              value={draft.goals}
              onChange={(goals) => setMeta({ goals })}
              prefix={t('plans.meta.goals')}
              onLocate={(x) => {
                const span = x.span ?? findSpan(sourceText, x.text || x.metric, null);
                if (span) setHighlight({ span, label: t('plans.review.targetItem', { text: x.metric }) });
                if (mobile) showTab('source');
              }}
            />
          ) : (
            <Typography.Text>
              {t('plans.review.listed', { field: t('plans.meta.goals'), items: draft.goals.map((g) => g.metric).join(t('plans.review.listSeparator')) })}
            </Typography.Text>
          )}
        </div>
      )}
    </Card>
  );

  const measuresPanel = (
    <section aria-labelledby="measures-heading">
      <Flex justify="space-between" align="baseline" wrap gap={8}>
        <h2 id="measures-heading" style={{ fontSize: 16, margin: '4px 0 8px' }}>
          {t('plans.review.measuresHeading', { count: draft.measures.length })}
        </h2>
        <Typography.Text type="secondary">{t('plans.review.clickHint')}</Typography.Text>
      </Flex>
      {draft.measures.length === 0 && <Empty description={t('plans.review.noMeasures')} />}
      {groups.map((g, gi) => (
        <div key={`${g.chapter ?? ''}-${gi}`}>
          {g.chapter && <h3 className="ys-chapter">{g.chapter}</h3>}
          {g.items.map(({ measure, index }) => (
            <MeasureCard
              key={measure.key}
              measure={measure}
              index={index}
              isLast={index === draft.measures.length - 1}
              selected={selected === index}
              editable={editable}
              issues={issuesByMeasure.get(measure.id ?? '') ?? issuesByMeasure.get(measure.number) ?? noIssues}
              ctx={ctx}
              onSelect={handleSelect}
              onChange={handleChange}
              onSplit={handleSplit}
              onMerge={handleMerge}
              onRemove={handleRemove}
              onLocate={handleLocate}
            />
          ))}
        </div>
      ))}
    </section>
  );

  const sourcePanel = (
    <section aria-labelledby="source-heading">
      <h2 id="source-heading" style={{ fontSize: 16, margin: '4px 0 8px' }}>
        <FileTextOutlined aria-hidden /> {t('plans.review.sourceHeading', { name: plan.sourceName ?? t(`plans.formats.${plan.sourceFormat}`) })}
      </h2>
      <SourcePane text={sourceText} highlight={highlight} height={mobile ? 'calc(100vh - 220px)' : undefined} />
      {mobile && (
        <Button block style={{ marginTop: 8 }} onClick={() => showTab('plan')}>
          {selectedMeasure ? t('plans.review.backToMeasure', { number: selectedMeasure.number }) : t('plans.review.backToPlan')}
        </Button>
      )}
    </section>
  );

  const exportsBlock = (
    <Space wrap>
      <Tooltip title={dirty ? t('plans.review.exportSavedOnly') : undefined}>
        <Button icon={<DownloadOutlined aria-hidden />} href={plansApi.breakdownUrl(id)} download>
          {t('plans.review.exportXlsx')}
        </Button>
      </Tooltip>
      <Button icon={<DownloadOutlined aria-hidden />} href={plansApi.jsonUrl(id)} download>
        {t('plans.review.exportJson')}
      </Button>
    </Space>
  );

  return (
    <>
      <PageHeader
        title={draft.title || t('plans.review.untitled')}
        intro={t('plans.review.intro')}
        extra={
          <>
            {exportsBlock}
            {editable && (
              <Button id="plan-save" type="primary" icon={<SaveOutlined aria-hidden />} loading={saving} disabled={!dirty} onClick={() => void handleSave()}>
                {t('plans.review.save')}
              </Button>
            )}
          </>
        }
      />
      <Flex gap={12} wrap align="center" style={{ marginBottom: 12 }}>
        <PlanStatusTag status={plan.status} />
        <Typography.Text type="secondary">{t('plans.review.version', { version: baseVersion })}</Typography.Text>
        {dirty ? (
          <Typography.Text style={{ color: '#873800' }} role="status">
            {t('plans.review.unsaved')}
          </Typography.Text>
        ) : (
          <Typography.Text type="secondary" role="status">
            {t('plans.review.allSaved')}
          </Typography.Text>
        )}
        {flaggedCount > 0 && (
          <Typography.Text style={{ color: '#873800' }}>
            <WarningFilled aria-hidden /> {t('plans.review.flaggedCount', { count: flaggedCount })}
          </Typography.Text>
        )}
        {unresolvedCount > 0 && <Typography.Text style={{ color: '#873800' }}>{t('plans.review.unresolvedCount', { count: unresolvedCount })}</Typography.Text>}
        {!editable && <Typography.Text type="secondary">{t('plans.review.readOnly')}</Typography.Text>}
      </Flex>
      {saveError && <Alert type="error" showIcon role="alert" title={t('common.saveFailed')} description={saveError} style={{ marginBottom: 12 }} closable={{ onClose: () => setSaveError(null) }} />}
      {storageFailed && <Alert type="warning" showIcon title={t('plans.review.storageFailed')} style={{ marginBottom: 12 }} />}
      {restored && (
        <Alert
          type="info"
          showIcon
          title={t('plans.review.restored', { time: dayjs(restored.savedAt).format('YYYY-MM-DD HH:mm') })}
          action={<Button size="small" onClick={handleDiscardRestored}>{t('plans.review.discardLocal')}</Button>}
          style={{ marginBottom: 12 }}
        />
      )}
      {staleStored && (
        <Alert
          type="warning"
          showIcon
          title={t('plans.review.staleLocal', { mine: staleStored.baseVersion, theirs: plan.version })}
          action={
            <Space wrap>
              <Button size="small" type="primary" onClick={handleRestoreStale}>{t('plans.review.restoreMine')}</Button>
              <Button size="small" onClick={() => { clearStoredDraft(id); setStaleStored(null); }}>{t('plans.review.discardLocal')}</Button>
            </Space>
          }
          style={{ marginBottom: 12 }}
        />
      )}
      {planIssues.length > 0 && (
        <Alert
          type="warning"
          showIcon
          title={t('plans.review.issuesTitle')}
          description={
            <ul style={{ margin: 0, paddingInlineStart: 18 }}>
              {planIssues.map((issue, i) => (
                <li key={i}>{issue.message}</li>
              ))}
            </ul>
          }
          style={{ marginBottom: 12 }}
        />
      )}
      {mobile ? (
        <div ref={tabsRef} style={{ scrollMarginTop: 64 }}>
        <Tabs
          activeKey={tab}
          onChange={(k) => setTab(k as 'plan' | 'source')}
          items={[
            { key: 'plan', label: t('plans.review.tabPlan'), children: <>{metaCard}{measuresPanel}</> },
            { key: 'source', label: t('plans.review.tabSource'), children: sourcePanel },
          ]}
        />
        </div>
      ) : (
        <div className="ys-plan-columns">
          <div>
            {metaCard}
            {measuresPanel}
          </div>
          <div className="ys-plan-sticky">{sourcePanel}</div>
        </div>
      )}
      <Modal
        open={Boolean(conflict)}
        title={t('plans.review.conflictTitle')}
        onCancel={() => setConflict(null)}
        footer={
          <Space wrap>
            <Button onClick={() => setConflict(null)}>{t('common.close')}</Button>
            <Button danger onClick={handleTakeTheirs} disabled={!conflict?.latest}>
              {t('plans.review.takeTheirs')}
            </Button>
            <Button type="primary" icon={<ReloadOutlined aria-hidden />} onClick={handleKeepMine} disabled={!conflict?.latest}>
              {t('plans.review.keepMine')}
            </Button>
          </Space>
        }
      >
        <Typography.Paragraph>{t('plans.review.conflictText', { version: conflict?.latest?.version ?? '…' })}</Typography.Paragraph>
      </Modal>
      {newUnit && (
        <NewUnitModal
          printed={newUnit.printed}
          defaultRegionId={me.region?.id}
          onDone={(unit) => {
            if (unit) rememberUnit(unit.id, unit.name);
            newUnit.resolve(unit);
            setNewUnit(null);
          }}
        />
      )}
    </>
  );
}

interface NewUnitValues {
  name: string;
  regionId: string;
  aliases?: string[];
}

/** "新建单位" from a printed name: the unit goes into the registry with the printed name as alias. */
function NewUnitModal({ printed, defaultRegionId, onDone }: { printed: string; defaultRegionId?: string; onDone(unit: { id: string; name: string } | null): void }) {
  const { t } = useTranslation();
  const created = useRef<{ id: string; name: string } | null>(null);
  const [regions, setRegions] = useState<ReturnType<typeof buildRegionTree>>([]);
  useEffect(() => {
    regionsApi.list().then((r) => setRegions(buildRegionTree(r.items)), () => undefined);
  }, []);
  return (
    <FormModal<NewUnitValues>
      title={t('plans.units.createTitle')}
      okText={t('plans.units.createOk')}
      initialValues={{ name: printed, regionId: defaultRegionId, aliases: [] }}
      onSubmit={async (v) => {
        const name = v.name.trim();
        const aliases = [...new Set([...(v.aliases ?? []), ...(printed !== name ? [printed] : [])])];
        const unit = await unitsApi.create({ name, kind: 'department', regionId: v.regionId, aliases });
        created.current = { id: unit.id, name: unit.name };
      }}
      onClose={() => onDone(created.current)}
    >
      <Form.Item label={t('units.name')} name="name" rules={[{ required: true, whitespace: true, message: t('common.required', { field: t('units.name') }) }]}>
        <Input maxLength={200} />
      </Form.Item>
      <Form.Item label={t('units.region')} name="regionId" rules={[{ required: true, message: t('common.requiredSelect', { field: t('units.region') }) }]}>
        <TreeSelect treeDefaultExpandAll treeData={regionOptions(regions)} />
      </Form.Item>
      <Typography.Paragraph type="secondary">{t('plans.units.createHint', { printed })}</Typography.Paragraph>
    </FormModal>
  );
}
