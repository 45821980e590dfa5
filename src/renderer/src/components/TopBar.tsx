// The top bar: organization, connection state, actions waiting to be sent, last successful
// sync with "Sincronizar agora", the current time and the user's menu.
import { useEffect, useState } from 'react';
import { EraseLocalDataDialog } from './shell/EraseLocalDataDialog';
import { Avatar, Badge, Button, Group, Menu, Select, Text, Tooltip, UnstyledButton } from '@mantine/core';
import {
  IconChevronDown,
  IconCloudCheck,
  IconCloudOff,
  IconLogout,
  IconRefresh,
  IconTrash,
  IconClock,
  IconAlertTriangle,
  IconClockExclamation,
} from '@tabler/icons-react';
import { Link } from 'react-router';
import { useMutation } from '@tanstack/react-query';
import { ROLE_LABELS } from '../../../shared/domain';
import { countOf, formatDate, formatDateTime, formatTime } from '../../../shared/format';
import type { SignedInSession, SyncStatus } from '../../../shared/ipc';
import { callSac, useSacQuery } from '../lib/sac';

function ConnectionBadge({ status }: { status: SyncStatus }) {
  if (status.connection === 'syncing') {
    const progress = status.progress;
    const count = (value: number) => value.toLocaleString('pt-BR');
    const detail = progress
      ? ` (${progress.phase === 'push' ? 'enviando' : 'recebendo'} ${count(progress.done)}${progress.total ? ` de ${count(progress.total)}` : ''})`
      : '';
    return (
      <Badge color="institutional" variant="light" size="lg" tt="none" leftSection={<IconRefresh size={14} aria-hidden />} style={{ flexShrink: 0, overflow: 'visible' }}>
        Sincronizando{detail}
      </Badge>
    );
  }
  if (status.connection === 'offline') {
    return (
      <Badge color="red" variant="light" size="lg" tt="none" leftSection={<IconCloudOff size={14} aria-hidden />} style={{ flexShrink: 0, overflow: 'visible' }}>
        Sem conexão
      </Badge>
    );
  }
  return (
    <Badge color="teal" variant="light" size="lg" tt="none" leftSection={<IconCloudCheck size={14} aria-hidden />} style={{ flexShrink: 0, overflow: 'visible' }}>
      Conectado
    </Badge>
  );
}

/** "hoje às 17:38" for a sync today, the full date and time otherwise. */
function describeLastSync(lastSuccessAt: string | null): string {
  if (!lastSuccessAt) return 'nunca';
  if (formatDate(lastSuccessAt) === formatDate(new Date())) return `hoje às ${formatTime(lastSuccessAt)}`;
  return formatDateTime(lastSuccessAt);
}

/** Describes a clock difference of more than five minutes, or returns null. */
export function describeClockSkew(offsetMs: number | null): string | null {
  if (offsetMs === null || Math.abs(offsetMs) < 5 * 60_000) return null;
  const minutes = Math.round(Math.abs(offsetMs) / 60_000);
  const amount =
    minutes >= 1_440
      ? countOf(Math.round(minutes / 1_440), 'dia', 'dias')
      : minutes >= 60
        ? countOf(Math.round(minutes / 60), 'hora', 'horas')
        : countOf(minutes, 'minuto', 'minutos');
  const direction = offsetMs < 0 ? 'adiantado' : 'atrasado';
  return `O relógio deste computador está ${amount} ${direction} em relação ao servidor SAC. As datas usam o horário do servidor; ajuste a data e a hora do sistema.`;
}

function CurrentTime() {
  const [now, setNow] = useState(() => new Date());
  useEffect(() => {
    const timer = setInterval(() => setNow(new Date()), 15_000);
    return () => clearInterval(timer);
  }, []);
  return (
    <Group gap={4} wrap="nowrap" c="dimmed" style={{ whiteSpace: 'nowrap' }} title="Hora atual">
      <IconClock size={16} aria-hidden />
      <Text size="sm" className="tabular">
        <span className="visually-hidden">Hora atual: </span>
        {formatTime(now)}
      </Text>
    </Group>
  );
}

function OrganizationSwitcher({ session }: { session: SignedInSession }) {
  const select = useMutation({
    mutationFn: (organizationId: string) => callSac('organization.select', { organizationId }),
  });
  const active = session.organizations.find((organization) => organization.id === session.activeOrganizationId);
  if (session.user.role !== 'consultor' || session.organizations.length < 2) {
    return (
      <Text fw={600} size="sm" truncate="end" maw={280} style={{ flexShrink: 0 }}>
        {active?.name ?? 'Organização'}
      </Text>
    );
  }
  return (
    <Select
      aria-label="Organização atendida"
      size="sm"
      w={240}
      allowDeselect={false}
      value={session.activeOrganizationId}
      data={session.organizations.map((organization) => ({ value: organization.id, label: organization.name }))}
      onChange={(value) => value && select.mutate(value)}
    />
  );
}

export function TopBar({ session }: { session: SignedInSession }) {
  const status = useSacQuery('sync.status', {}).data;
  const syncNow = useMutation({ mutationFn: () => callSac('sync.now', {}) });
  const logout = useMutation({ mutationFn: () => callSac('auth.logout', {}) });
  const [erasing, setErasing] = useState(false);

  return (
    <Group h="100%" px="md" justify="space-between" wrap="nowrap" gap="sm">
      <OrganizationSwitcher session={session} />
      <Group gap="sm" wrap="nowrap" role="status" aria-live="polite" aria-label="Estado da sincronização" style={{ whiteSpace: 'nowrap' }}>
        {status && <ConnectionBadge status={status} />}
        {status && (
          <div style={{ lineHeight: 1.25 }}>
            <Text size="sm" fw={status.pendingCount > 0 ? 600 : 400} c={status.pendingCount > 0 ? '#a8380b' : undefined}>
              {status.pendingCount === 0
                ? 'Nada a enviar'
                : status.pendingCount === 1
                  ? '1 ação a enviar'
                  : `${status.pendingCount} ações a enviar`}
            </Text>
            <Tooltip label={status.lastError?.message ?? 'Tudo sincronizado'} multiline w={320} withArrow>
              <Text size="xs" c="dimmed" className="tabular" tabIndex={0}>
                Última sincronização: {describeLastSync(status.lastSuccessAt)}
              </Text>
            </Tooltip>
          </div>
        )}
        {status && status.unsyncedCount > 0 && (
          <Button
            component={Link}
            to="/nao-sincronizado"
            size="xs"
            color="red"
            variant="light"
            style={{ flexShrink: 0 }}
            leftSection={<IconAlertTriangle size={16} aria-hidden />}
          >
            {status.unsyncedCount === 1 ? '1 não aceita' : `${status.unsyncedCount} não aceitas`}
          </Button>
        )}
        {status && describeClockSkew(status.clockOffsetMs) && (
          <Tooltip label={describeClockSkew(status.clockOffsetMs)} multiline w={320} withArrow>
            <Badge color="yellow" variant="light" tt="none" size="lg" tabIndex={0} leftSection={<IconClockExclamation size={14} aria-hidden />}>
              Relógio errado
            </Badge>
          </Tooltip>
        )}
        <Button
          size="xs"
          style={{ flexShrink: 0 }}
          variant="light"
          leftSection={<IconRefresh size={16} aria-hidden />}
          loading={syncNow.isPending || status?.connection === 'syncing'}
          onClick={() => syncNow.mutate()}
        >
          Sincronizar agora
        </Button>
      </Group>
      <Group gap="sm" wrap="nowrap">
        <div className="wide-only">
          <CurrentTime />
        </div>
        <Menu position="bottom-end" withinPortal>
          <Menu.Target>
            <UnstyledButton aria-label={`Menu do usuário ${session.user.name}`}>
              <Group gap={8} wrap="nowrap">
                <Avatar size={32} color="institutional" radius="xl" aria-hidden>
                  {session.user.name.slice(0, 1).toUpperCase()}
                </Avatar>
                <div className="wide-only" style={{ whiteSpace: 'nowrap' }}>
                  <Text size="sm" fw={600} lh={1.2} maw={150} truncate="end">
                    {session.user.name}
                  </Text>
                  <Text size="xs" c="dimmed" lh={1.2}>
                    {ROLE_LABELS[session.user.role]}
                  </Text>
                </div>
                <IconChevronDown size={16} aria-hidden />
              </Group>
            </UnstyledButton>
          </Menu.Target>
          <Menu.Dropdown>
            <Menu.Label>{session.user.email}</Menu.Label>
            <Menu.Item leftSection={<IconLogout size={16} aria-hidden />} onClick={() => logout.mutate()}>
              Sair
            </Menu.Item>
            <Menu.Item color="red" leftSection={<IconTrash size={16} aria-hidden />} onClick={() => setErasing(true)}>
              Sair e apagar dados deste computador
            </Menu.Item>
          </Menu.Dropdown>
        </Menu>
        <EraseLocalDataDialog opened={erasing} onClose={() => setErasing(false)} />
      </Group>
    </Group>
  );
}
