import { useEffect, useMemo, useState } from 'react';
import { Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { unitsApi } from '../api/endpoints.ts';
import { useRequest } from '../hooks/use-request.ts';

interface UnitSelectProps {
  id?: string;
  value?: string | null;
  onChange?(value: string | null): void;
  /** Name of the unit already chosen, shown before the search results arrive. */
  currentName?: string | null;
  placeholder?: string;
}

/** Picks a unit by searching the server (names, short names and aliases). */
export function UnitSelect({ id, value, onChange, currentName, placeholder }: UnitSelectProps) {
  const { t } = useTranslation();
  const [q, setQ] = useState('');
  const [debounced, setDebounced] = useState('');
  useEffect(() => {
    const timer = setTimeout(() => setDebounced(q.trim()), 250);
    return () => clearTimeout(timer);
  }, [q]);
  const units = useRequest(() => unitsApi.list({ q: debounced || undefined, pageSize: 50 }), [debounced]);
  const options = useMemo(() => {
    const found = (units.data?.items ?? []).map((u) => ({ value: u.id, label: u.regionName ? t('units.optionLabel', { name: u.name, region: u.regionName }) : u.name }));
    if (value && currentName && !found.some((o) => o.value === value)) found.unshift({ value, label: currentName });
    return found;
  }, [units.data, value, currentName, t]);

  return (
    <Select
      id={id}
      showSearch={{ filterOption: false, onSearch: setQ }}
      allowClear
      value={value ?? undefined}
      onChange={(v) => onChange?.(v ?? null)}
      options={options}
      loading={units.loading}
      placeholder={placeholder}
      style={{ width: '100%' }}
    />
  );
}
