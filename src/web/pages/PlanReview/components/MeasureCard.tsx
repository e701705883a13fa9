import { memo, useRef } from 'react';
import { Button, Flex, Input, Popconfirm, Space, Tag, Typography } from 'antd';
import { AimOutlined, MergeCellsOutlined, ScissorOutlined, WarningFilled, DeleteOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { Deadline, PlanIssue, Target } from '../../../api/plans.ts';
import type { DraftMeasure } from '../plan-draft.ts';
import { DeadlinesEditor, TargetsEditor, targetSummary } from './ItemsEditors.tsx';
import { UnitTags, type UnitContext } from './UnitTags.tsx';

export interface MeasureCardProps {
  measure: DraftMeasure;
  index: number;
  isLast: boolean;
  selected: boolean;
  editable: boolean;
  issues: PlanIssue[];
  ctx: UnitContext;
  onSelect(index: number): void;
  onChange(index: number, next: DraftMeasure): void;
  onSplit(index: number, offset: number): void;
  onMerge(index: number): void;
  onRemove(index: number): void;
  onLocate(index: number, item?: { text: string; span?: { start: number; end: number } | null; label: string }): void;
}

function MeasureCardImpl(props: MeasureCardProps) {
  const { measure: m, index, isLast, selected, editable, issues, ctx, onSelect, onChange, onSplit, onMerge, onRemove, onLocate } = props;
  const { t, i18n } = useTranslation();
  const textRef = useRef<HTMLTextAreaElement | null>(null);
  const unnamedTargets = m.targets.filter((x) => !x.metric.trim()).length;
  const flagged = m.flags.length > 0 || issues.length > 0 || unnamedTargets > 0 || (m.leadUnits.length === 0 && m.cooperatingUnits.length === 0);
  const prefix = t('plans.review.measureLabel', { number: m.number });
  const headingId = `measure-${m.key}-head`;
  const bodyId = `measure-${m.key}-body`;
  const set = (patch: Partial<DraftMeasure>) => onChange(index, { ...m, ...patch });
  const byLabel = (date: string) => t('plans.targets.byShort', { date });
  const flagText = (flag: string) => (i18n.exists(`plans.flags.${flag}`) ? t(`plans.flags.${flag}`) : flag);

  const handleSplit = () => {
    const el = textRef.current;
    const offset = el ? el.selectionStart : -1;
    if (offset <= 0 || offset >= m.text.length) {
      onSplit(index, -1);
      return;
    }
    onSplit(index, offset);
  };

  const locateDeadline = (d: Deadline) => onLocate(index, { text: d.text, span: d.span, label: t('plans.review.deadlineItem', { text: d.text }) });
  const locateTarget = (x: Target) => onLocate(index, { text: x.text || x.metric, span: x.span, label: t('plans.review.targetItem', { text: x.metric }) });

  return (
    <article className="ys-measure" id={`measure-${m.key}`} data-selected={selected} data-flagged={flagged} aria-labelledby={headingId}>
      <h3 style={{ margin: 0, fontSize: 'inherit', fontWeight: 'inherit' }}>
        <button
          type="button"
          id={headingId}
          className="ys-measure-head"
          aria-expanded={selected}
          aria-controls={bodyId}
          onClick={() => onSelect(index)}
        >
          <span className="ys-measure-no">{m.number}</span>
          <span style={{ flex: 1, minWidth: 0 }}>
            <span style={{ fontWeight: 600 }}>{m.title || m.text.slice(0, 40)}</span>
            {!selected && m.title && (
              <Typography.Text type="secondary" style={{ display: 'block', fontSize: 13 }} ellipsis>
                {m.text}
              </Typography.Text>
            )}
          </span>
          {flagged && (
            <Tag color="#ad4e00" variant="solid" icon={<WarningFilled aria-hidden />} style={{ marginInlineEnd: 0 }}>
              {t('plans.review.flagged')}
            </Tag>
          )}
        </button>
      </h3>
      <div className="ys-measure-body" id={bodyId}>
        {(m.flags.length > 0 || issues.length > 0 || unnamedTargets > 0) && (
          <Flex wrap gap={4} style={{ marginBottom: 8 }} role="list" aria-label={t('plans.review.flagsLabel')}>
            {m.flags.map((f) => (
              <span role="listitem" key={f}>
                <Tag color="#ad4e00" variant="outlined">{flagText(f)}</Tag>
              </span>
            ))}
            {unnamedTargets > 0 && (
              <span role="listitem">
                <Tag color="#ad4e00" variant="outlined">{t('plans.review.unnamedTargets', { count: unnamedTargets })}</Tag>
              </span>
            )}
            {issues.map((issue, i) => (
              <span role="listitem" key={`issue-${i}`}>
                <Tag color="#ad4e00" variant="outlined">{issue.message}</Tag>
              </span>
            ))}
          </Flex>
        )}
        {!selected ? (
          <Flex wrap gap={6}>
            {m.leadUnits.length > 0 && (
              <Typography.Text>
                {t('plans.review.listed', { field: t('plans.units.lead'), items: m.leadUnits.map((u) => u.printed).join(t('plans.review.listSeparator')) })}
              </Typography.Text>
            )}
            {m.leadUnits.length === 0 && m.cooperatingUnits.length === 0 && (
              <Typography.Text style={{ color: '#873800' }}>{t('plans.units.missing')}</Typography.Text>
            )}
            {m.deadlines.map((d, i) => (
              <button key={`d${i}`} type="button" className="ys-chip" onClick={() => locateDeadline(d)} aria-label={t('plans.review.locateItem', { item: d.text })}>
                {t('plans.deadlines.chip', { text: d.text, date: d.date ?? t('plans.deadlines.noDate') })}
              </button>
            ))}
            {m.targets.map((x, i) => (
              <button key={`t${i}`} type="button" className="ys-chip" onClick={() => locateTarget(x)} aria-label={t('plans.review.locateItem', { item: targetSummary(x, byLabel) })}>
                {targetSummary(x, byLabel)}
              </button>
            ))}
          </Flex>
        ) : (
          <Flex vertical gap={12}>
            <Flex gap={8} wrap>
              <div style={{ width: 110 }}>
                <label htmlFor={`${m.key}-number`}>{t('plans.review.number')}</label>
                <Input id={`${m.key}-number`} value={m.number} onChange={(e) => set({ number: e.target.value })} disabled={!editable} />
              </div>
              <div style={{ flex: '1 1 200px' }}>
                <label htmlFor={`${m.key}-title`}>{t('plans.review.measureTitle')}</label>
                <Input id={`${m.key}-title`} value={m.title ?? ''} onChange={(e) => set({ title: e.target.value || null })} disabled={!editable} />
              </div>
            </Flex>
            <div>
              <label htmlFor={`${m.key}-text`}>{t('plans.review.measureText')}</label>
              <Input.TextArea
                id={`${m.key}-text`}
                ref={(el) => {
                  textRef.current = el?.resizableTextArea?.textArea ?? null;
                }}
                value={m.text}
                onChange={(e) => set({ text: e.target.value })}
                autoSize={{ minRows: 3, maxRows: 14 }}
                disabled={!editable}
              />
            </div>
            <UnitTags label={t('plans.units.lead')} value={m.leadUnits} onChange={(leadUnits) => set({ leadUnits })} ctx={ctx} editable={editable} />
            <UnitTags
              label={t('plans.units.cooperating')}
              value={m.cooperatingUnits}
              onChange={(cooperatingUnits) => set({ cooperatingUnits })}
              ctx={ctx}
              editable={editable}
            />
            {editable ? (
              <>
                <DeadlinesEditor value={m.deadlines} onChange={(deadlines) => set({ deadlines })} onLocate={locateDeadline} prefix={prefix} />
                <TargetsEditor value={m.targets} onChange={(targets) => set({ targets })} onLocate={locateTarget} prefix={prefix} />
              </>
            ) : (
              <Flex wrap gap={6}>
                {m.deadlines.map((d, i) => (
                  <button key={`d${i}`} type="button" className="ys-chip" onClick={() => locateDeadline(d)}>
                    {t('plans.deadlines.chip', { text: d.text, date: d.date ?? t('plans.deadlines.noDate') })}
                  </button>
                ))}
                {m.targets.map((x, i) => (
                  <button key={`t${i}`} type="button" className="ys-chip" onClick={() => locateTarget(x)}>
                    {targetSummary(x, byLabel)}
                  </button>
                ))}
              </Flex>
            )}
            <Space wrap>
              <Button icon={<AimOutlined aria-hidden />} onClick={() => onLocate(index)}>
                {t('plans.review.locate')}
              </Button>
              {editable && (
                <>
                  <Button icon={<ScissorOutlined aria-hidden />} onClick={handleSplit}>
                    {t('plans.review.split')}
                  </Button>
                  <Button icon={<MergeCellsOutlined aria-hidden />} onClick={() => onMerge(index)} disabled={isLast}>
                    {t('plans.review.merge')}
                  </Button>
                  <Popconfirm
                    title={t('plans.review.removeConfirm', { number: m.number })}
                    okText={t('common.delete')}
                    cancelText={t('common.cancel')}
                    okButtonProps={{ danger: true }}
                    onConfirm={() => onRemove(index)}
                  >
                    <Button danger icon={<DeleteOutlined aria-hidden />}>
                      {t('plans.review.removeMeasure')}
                    </Button>
                  </Popconfirm>
                </>
              )}
            </Space>
          </Flex>
        )}
      </div>
    </article>
  );
}

/** One measure: a summary row, or the full editor when selected. Memoised: a long plan re-renders only the edited card. */
export const MeasureCard = memo(MeasureCardImpl);
