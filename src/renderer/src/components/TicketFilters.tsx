// Filters of the ticket list: situação, tipo, severity, department, a creation date range typed
// as dd/mm/aaaa, "somente atrasadas" and the order.
import { useState } from 'react';
import { Button, Checkbox, Group, Select, TextInput } from '@mantine/core';
import {
  SEVERITIES,
  SEVERITY_LABELS,
  TICKET_STATUS_LABELS,
  TICKET_STATUSES,
  TICKET_TYPE_LABELS,
  TICKET_TYPES,
  type Severity,
  type TicketStatus,
  type TicketType,
} from '../../../shared/domain';
import { formatCalendarDate, parseBrazilianDate } from '../../../shared/format';
import type { TicketFilter } from '../../../shared/ipc';
import { useSacQuery } from '../lib/sac';

const SORTS = [
  { value: 'date:desc', label: 'Data (mais recentes)' },
  { value: 'date:asc', label: 'Data (mais antigas)' },
  { value: 'protocol:desc', label: 'Protocolo (maior primeiro)' },
  { value: 'protocol:asc', label: 'Protocolo (menor primeiro)' },
  { value: 'deadline:asc', label: 'Prazo (mais urgente)' },
  { value: 'deadline:desc', label: 'Prazo (mais distante)' },
];

/** A dd/mm/aaaa field that reports a valid date (YYYY-MM-DD), or an error, once the user leaves it. */
function DateField({ label, value, onChange }: { label: string; value: string | undefined; onChange: (iso: string | undefined) => void }) {
  const [text, setText] = useState(value ? formatCalendarDate(value) : '');
  const [error, setError] = useState<string | null>(null);
  const commit = () => {
    if (!text.trim()) {
      setError(null);
      onChange(undefined);
      return;
    }
    const iso = parseBrazilianDate(text);
    if (!iso) {
      setError('Use o formato dd/mm/aaaa, por exemplo 05/03/2026.');
      return;
    }
    setError(null);
    onChange(iso);
  };
  return (
    <TextInput
      label={label}
      placeholder="dd/mm/aaaa"
      w={130}
      value={text}
      error={error}
      inputMode="numeric"
      onChange={(event) => setText(event.currentTarget.value)}
      onBlur={commit}
      onKeyDown={(event) => event.key === 'Enter' && commit()}
    />
  );
}

export function TicketFilters({ value, onChange }: { value: TicketFilter; onChange: (filter: TicketFilter) => void }) {
  const departments = useSacQuery('tickets.departments', {}).data ?? [];
  const [resetKey, setResetKey] = useState(0);
  const set = (patch: Partial<TicketFilter>) => {
    const next: TicketFilter = { ...value, ...patch };
    for (const key of Object.keys(next) as Array<keyof TicketFilter>) if (next[key] === undefined) delete next[key];
    onChange(next);
  };
  const sortValue = `${value.sort ?? 'date'}:${value.direction ?? (value.sort === 'deadline' ? 'asc' : 'desc')}`;

  return (
    <Group gap="sm" mb="md" align="flex-end" key={resetKey}>
      <Select
        label="Situação"
        w={130}
        placeholder="Todas"
        clearable
        value={value.status ?? null}
        onChange={(status) => set({ status: (status as TicketStatus) ?? undefined })}
        data={TICKET_STATUSES.map((status) => ({ value: status, label: TICKET_STATUS_LABELS[status] }))}
      />
      <Select
        label="Tipo"
        w={140}
        placeholder="Todos"
        clearable
        value={value.type ?? null}
        onChange={(type) => set({ type: (type as TicketType) ?? undefined })}
        data={TICKET_TYPES.map((type) => ({ value: type, label: TICKET_TYPE_LABELS[type] }))}
      />
      <Select
        label="Severidade"
        w={190}
        placeholder="Todas"
        clearable
        value={value.severity ?? null}
        onChange={(severity) => set({ severity: (severity as Severity) ?? undefined })}
        data={SEVERITIES.map((severity) => ({ value: severity, label: SEVERITY_LABELS[severity] }))}
      />
      <Select
        label="Departamento"
        w={150}
        placeholder="Todos"
        clearable
        searchable
        value={value.department ?? null}
        onChange={(department) => set({ department: department ?? undefined })}
        data={departments}
        nothingFoundMessage="Nenhum departamento"
      />
      <DateField label="Aberta de" value={value.createdFrom} onChange={(createdFrom) => set({ createdFrom })} />
      <DateField label="até" value={value.createdTo} onChange={(createdTo) => set({ createdTo })} />
      <Select
        label="Ordenar por"
        w={210}
        allowDeselect={false}
        value={sortValue}
        onChange={(sort) => {
          const [field, direction] = (sort ?? 'date:desc').split(':') as [TicketFilter['sort'], TicketFilter['direction']];
          set({ sort: field, direction });
        }}
        data={SORTS}
      />
      <Checkbox
        label="Somente atrasadas"
        mb={8}
        checked={value.lateOnly ?? false}
        onChange={(event) => set({ lateOnly: event.currentTarget.checked || undefined })}
      />
      {Object.keys(value).length > 0 && (
        <Button
          variant="subtle"
          mb={2}
          onClick={() => {
            onChange({});
            setResetKey((key) => key + 1);
          }}
        >
          Limpar filtros
        </Button>
      )}
    </Group>
  );
}
