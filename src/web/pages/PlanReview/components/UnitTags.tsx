import { useState } from 'react';
import { Button, Divider, Flex, Input, Popover, Space, Typography } from 'antd';
import { CheckCircleFilled, ExclamationCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { UnitRef, UnitResolutionItem } from '../../../api/plans.ts';
import { UnitSelect } from '../../../components/UnitSelect.tsx';

export interface UnitContext {
  /** resolve-units answers, by printed name. */
  resolutions: Map<string, UnitResolutionItem>;
  /** Registry names of units met so far, by id. */
  unitNames: Map<string, string>;
  rememberUnit(id: string, name: string): void;
  /** Opens the "新建单位" dialog; resolves to the created unit, or null if cancelled. */
  createUnit(printed: string): Promise<{ id: string; name: string } | null>;
  /** Looks a newly typed name up in the registry so that its chip can offer matches. */
  lookupUnit(printed: string): Promise<void>;
}

interface UnitTagsProps {
  /** Visible field name: 牵头单位, 配合单位, 默认责任单位. */
  label: string;
  value: UnitRef[];
  onChange(next: UnitRef[]): void;
  ctx: UnitContext;
  editable: boolean;
}

function UnitEditor({ unit, label, ctx, onChange, onRemove, onClose }: {
  unit: UnitRef;
  label: string;
  ctx: UnitContext;
  onChange(next: UnitRef): void;
  onRemove(): void;
  onClose(): void;
}) {
  const { t } = useTranslation();
  const [printed, setPrinted] = useState(unit.printed);
  const resolution = ctx.resolutions.get(unit.printed);
  const suggestions = (resolution?.suggestions ?? []).filter((s) => s.unitId !== unit.unitId);
  const name = unit.unitId ? (unit.unitName ?? ctx.unitNames.get(unit.unitId) ?? null) : null;

  const handlePick = (unitId: string | null, unitName?: string | null) => {
    if (unitId && unitName) ctx.rememberUnit(unitId, unitName);
    onChange({ ...unit, printed: printed.trim() || unit.printed, unitId, unitName: unitName ?? null });
  };

  // A corrected name is a different unit: its match is looked up again (the registry's exact name or alias).
  const handleApplyPrinted = () => {
    const next = printed.trim();
    if (!next || next === unit.printed) return;
    const known = ctx.resolutions.get(next)?.match;
    onChange({ printed: next, unitId: known?.unitId ?? null, unitName: known?.name ?? null });
    if (!known) void ctx.lookupUnit(next);
  };

  const handleCreate = async () => {
    const created = await ctx.createUnit(printed.trim() || unit.printed);
    if (created) handlePick(created.id, created.name);
  };

  const printedId = `unit-printed-${label}-${unit.printed}`;
  const matchId = `unit-match-${label}-${unit.printed}`;
  return (
    <div style={{ width: 300, maxWidth: '80vw' }}>
      <label htmlFor={printedId} style={{ display: 'block', marginBottom: 4 }}>
        {t('plans.units.printed')}
      </label>
      <Space.Compact style={{ width: '100%' }}>
        <Input
          id={printedId}
          value={printed}
          onChange={(e) => setPrinted(e.target.value)}
          onPressEnter={handleApplyPrinted}
        />
        <Button
          onClick={handleApplyPrinted}
          disabled={!printed.trim() || printed.trim() === unit.printed}
        >
          {t('plans.units.applyPrinted')}
        </Button>
      </Space.Compact>
      <Typography.Paragraph type="secondary" style={{ margin: '8px 0' }}>
        {name ? t('plans.units.matchedTo', { name }) : unit.unitId ? t('plans.units.matchedUnknown') : t('plans.units.notMatched')}
      </Typography.Paragraph>
      {suggestions.length > 0 && (
        <>
          <Typography.Text strong>{t('plans.units.suggestions')}</Typography.Text>
          <Flex vertical gap={4} style={{ margin: '4px 0 8px' }}>
            {suggestions.map((s) => (
              <Button key={s.unitId} size="small" style={{ justifyContent: 'flex-start' }} onClick={() => handlePick(s.unitId, s.name)}>
                {s.name ?? s.unitId}
                {s.score !== null && (
                  <Typography.Text type="secondary" style={{ marginInlineStart: 'auto' }}>
                    {t('plans.units.score', { score: Math.round(s.score * 100) })}
                  </Typography.Text>
                )}
              </Button>
            ))}
          </Flex>
        </>
      )}
      <label htmlFor={matchId} style={{ display: 'block', margin: '4px 0' }}>
        {t('plans.units.searchRegistry')}
      </label>
      {/* A grid cell stretches the select to the editor's width. */}
      <div style={{ display: 'grid' }}>
        <UnitSelect
          id={matchId}
          value={unit.unitId}
          currentName={name}
          placeholder={t('plans.units.searchPlaceholder')}
          onChange={(id) => handlePick(id, null)}
        />
      </div>
      <Divider style={{ margin: '12px 0' }} />
      <Flex gap={8} wrap justify="space-between">
        <Button icon={<PlusOutlined aria-hidden />} onClick={() => void handleCreate()}>
          {t('plans.units.createUnit')}
        </Button>
        <Space>
          <Button danger onClick={onRemove}>
            {t('plans.units.remove')}
          </Button>
          <Button type="primary" onClick={onClose}>
            {t('plans.units.done')}
          </Button>
        </Space>
      </Flex>
    </div>
  );
}

/**
 * Units of a measure as chips: green when resolved to the registry, dashed orange when not. A chip
 * opens an editor with the printed name, ranked suggestions, a registry search and "新建单位".
 */
export function UnitTags({ label, value, onChange, ctx, editable }: UnitTagsProps) {
  const { t } = useTranslation();
  const [open, setOpen] = useState<number | null>(null);
  const [adding, setAdding] = useState('');

  const handleAdd = () => {
    const names = adding
      .split(/[、，,；;]/)
      .map((s) => s.trim())
      .filter(Boolean)
      .filter((n) => !value.some((u) => u.printed === n));
    if (names.length) onChange([...value, ...names.map((printed) => ({ printed, unitId: ctx.resolutions.get(printed)?.match?.unitId ?? null }))]);
    for (const n of names) if (!ctx.resolutions.has(n)) void ctx.lookupUnit(n);
    setAdding('');
  };

  const addId = `unit-add-${label}`;
  return (
    <div role="group" aria-label={label}>
      <Typography.Text strong style={{ display: 'block', marginBottom: 4 }}>
        {label}
      </Typography.Text>
      <Flex wrap gap={6} align="center">
        {value.length === 0 && <Typography.Text type="secondary">{t('plans.units.none')}</Typography.Text>}
        {value.map((unit, i) => {
          const resolved = Boolean(unit.unitId);
          const name = unit.unitId ? (unit.unitName ?? ctx.unitNames.get(unit.unitId)) : undefined;
          const state = resolved ? t('plans.units.resolvedState', { name: name ?? '' }) : t('plans.units.unresolvedState');
          const chip = (
            <button
              type="button"
              className="ys-chip"
              data-state={resolved ? 'resolved' : 'unresolved'}
              aria-label={t('plans.units.chipLabel', { field: label, name: unit.printed, state })}
              title={state}
              disabled={!editable}
            >
              {resolved ? (
                <CheckCircleFilled aria-hidden style={{ color: '#237804' }} />
              ) : (
                <ExclamationCircleOutlined aria-hidden style={{ color: '#ad4e00' }} />
              )}
              {unit.printed}
            </button>
          );
          if (!editable) return <span key={`${unit.printed}-${i}`}>{chip}</span>;
          return (
            <Popover
              key={`${unit.printed}-${i}`}
              trigger="click"
              open={open === i}
              onOpenChange={(o) => setOpen(o ? i : null)}
              title={t('plans.units.editTitle', { name: unit.printed })}
              destroyOnHidden
              content={
                <UnitEditor
                  unit={unit}
                  label={label}
                  ctx={ctx}
                  onChange={(next) => onChange(value.map((u, j) => (j === i ? next : u)))}
                  onRemove={() => {
                    setOpen(null);
                    onChange(value.filter((_, j) => j !== i));
                  }}
                  onClose={() => setOpen(null)}
                />
              }
            >
              {chip}
            </Popover>
          );
        })}
        {editable && (
          <Space.Compact size="small">
            <Input
              id={addId}
              size="small"
              value={adding}
              onChange={(e) => setAdding(e.target.value)}
              onPressEnter={handleAdd}
              placeholder={t('plans.units.addPlaceholder')}
              aria-label={t('plans.units.addLabel', { field: label })}
              style={{ width: 150 }}
            />
            <Button size="small" icon={<PlusOutlined aria-hidden />} onClick={handleAdd} disabled={!adding.trim()} aria-label={t('plans.units.addLabel', { field: label })}>
              {t('plans.units.add')}
            </Button>
          </Space.Compact>
        )}
      </Flex>
    </div>
  );
}
