// Badges for a ticket's situation and deadline: colour, icon and word together, never colour alone.
import { Badge } from '@mantine/core';
import { IconAlertTriangle, IconCircleCheck, IconClockHour4, IconHourglass, IconSearch, IconTool } from '@tabler/icons-react';
import { DEADLINE_STATE_LABELS, TICKET_STATUS_LABELS, type DeadlineState, type TicketStatus } from '../../../shared/domain';
import { DEADLINE_COLORS, STATUS_COLORS } from '../lib/labels';

const STATUS_ICONS = { analise: IconSearch, producao: IconTool, concluida: IconCircleCheck } as const;
const DEADLINE_ICONS = {
  no_prazo: IconClockHour4,
  proximo: IconHourglass,
  atrasado: IconAlertTriangle,
  concluido: IconCircleCheck,
} as const;

export function StatusBadge({ status }: { status: TicketStatus }) {
  const Icon = STATUS_ICONS[status];
  return (
    <Badge color={STATUS_COLORS[status]} variant="light" tt="none" size="md" leftSection={<Icon size={13} aria-hidden />}>
      {TICKET_STATUS_LABELS[status]}
    </Badge>
  );
}

export function DeadlineBadge({ state }: { state: DeadlineState }) {
  const Icon = DEADLINE_ICONS[state];
  return (
    <Badge color={DEADLINE_COLORS[state]} variant="outline" tt="none" size="md" leftSection={<Icon size={13} aria-hidden />}>
      {DEADLINE_STATE_LABELS[state]}
    </Badge>
  );
}

export function PendingBadge() {
  return (
    <Badge color="orange" variant="dot" tt="none" title="Ainda não enviada ao servidor">
      aguardando envio
    </Badge>
  );
}
