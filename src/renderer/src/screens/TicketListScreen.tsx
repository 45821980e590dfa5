// "Minhas solicitações": the organization's tickets with Protocolo, Assunto, Data, Situação and
// the deadline, a search, a situation filter, "Nova" and "Exibir detalhes".
import { useState } from 'react';
import { Button, Group, Paper, SegmentedControl, Table, Text, TextInput } from '@mantine/core';
import { IconPlus, IconSearch } from '@tabler/icons-react';
import { Link } from 'react-router';
import { TICKET_STATUS_LABELS, TICKET_STATUSES, type TicketStatus } from '../../../shared/domain';
import { formatDate } from '../../../shared/format';
import { DeadlineBadge, PendingBadge, StatusBadge } from '../components/badges';
import { PageHeader } from '../components/PageHeader';
import { useSacQuery } from '../lib/sac';

export function TicketListScreen() {
  const [search, setSearch] = useState('');
  const [status, setStatus] = useState<TicketStatus | 'todas'>('todas');
  const tickets = useSacQuery('tickets.list', {
    ...(search.trim() ? { search } : {}),
    ...(status !== 'todas' ? { status } : {}),
  });

  return (
    <>
      <PageHeader
        title="Minhas solicitações"
        description="Solicite, elogie, faça sugestões e, se for o caso, reclame. Nossa equipe tratará sua manifestação o mais rápido possível e manterá você informado."
        actions={
          <Button component={Link} to="/solicitacoes/nova" leftSection={<IconPlus size={18} aria-hidden />}>
            Nova
          </Button>
        }
      />
      <Paper withBorder radius="md" p="md">
        <Group mb="md" gap="md" wrap="nowrap">
          <TextInput
            aria-label="Buscar por protocolo ou assunto"
            placeholder="Buscar por protocolo ou assunto"
            leftSection={<IconSearch size={16} aria-hidden />}
            value={search}
            onChange={(event) => setSearch(event.currentTarget.value)}
            w={360}
          />
          <SegmentedControl
            aria-label="Filtrar por situação"
            value={status}
            onChange={(value) => setStatus(value as TicketStatus | 'todas')}
            data={[{ value: 'todas', label: 'Todas' }, ...TICKET_STATUSES.map((value) => ({ value, label: TICKET_STATUS_LABELS[value] }))]}
          />
          <Text size="sm" c="dimmed" ml="auto" aria-live="polite">
            {tickets.data ? `${tickets.data.total} solicitação(ões)` : ''}
          </Text>
        </Group>
        <Table striped highlightOnHover verticalSpacing="sm" aria-label="Solicitações">
          <Table.Thead>
            <Table.Tr>
              <Table.Th w={120}>Protocolo</Table.Th>
              <Table.Th>Assunto</Table.Th>
              <Table.Th w={120}>Data</Table.Th>
              <Table.Th w={140}>Situação</Table.Th>
              <Table.Th w={150}>Prazo</Table.Th>
              <Table.Th w={150}>
                <span className="visually-hidden">Ações</span>
              </Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {tickets.data?.items.map((ticket) => (
              <Table.Tr key={ticket.id}>
                <Table.Td className="tabular" fw={600}>
                  {ticket.protocol ?? <PendingBadge />}
                </Table.Td>
                <Table.Td>{ticket.subject}</Table.Td>
                <Table.Td className="tabular">{formatDate(ticket.createdAt)}</Table.Td>
                <Table.Td>
                  <StatusBadge status={ticket.status} />
                </Table.Td>
                <Table.Td>
                  <DeadlineBadge state={ticket.deadline} />
                </Table.Td>
                <Table.Td ta="right">
                  <Button
                    component={Link}
                    to={`/solicitacoes/${ticket.id}`}
                    variant="subtle"
                    size="xs"
                    aria-label={`Exibir detalhes da solicitação ${ticket.protocol ?? ticket.subject}`}
                  >
                    Exibir detalhes
                  </Button>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
        {tickets.data && tickets.data.items.length === 0 && (
          <Text c="dimmed" ta="center" py="xl">
            Nenhuma solicitação encontrada.
          </Text>
        )}
      </Paper>
    </>
  );
}
