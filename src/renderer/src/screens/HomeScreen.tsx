// Início: what needs attention now: actions waiting to be sent, open tickets and their
// deadlines, and checklist progress.
import { Button, Group, Paper, Progress, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { Link } from 'react-router';
import { formatDate } from '../../../shared/format';
import type { SignedInSession } from '../../../shared/ipc';
import { DeadlineBadge, PendingBadge, StatusBadge } from '../components/badges';
import { PageHeader } from '../components/PageHeader';
import { useSacQuery } from '../lib/sac';

function Metric({ label, value, hint }: { label: string; value: string | number; hint?: string }) {
  return (
    <Paper withBorder radius="md" p="md">
      <Text size="sm" c="dimmed">
        {label}
      </Text>
      <Text fw={700} fz={28} className="tabular">
        {value}
      </Text>
      {hint && (
        <Text size="xs" c="dimmed">
          {hint}
        </Text>
      )}
    </Paper>
  );
}

export function HomeScreen({ session }: { session: SignedInSession }) {
  const status = useSacQuery('sync.status', {}).data;
  const open = useSacQuery('tickets.list', { status: 'analise', limit: 5 }).data;
  const production = useSacQuery('tickets.list', { status: 'producao', limit: 5 }).data;
  // The open tickets of both cards, newest first: what the user is waiting for.
  const inProgress = open && production ? [...open.items, ...production.items].sort((a, b) => b.createdAt.localeCompare(a.createdAt)).slice(0, 5) : undefined;
  const checklist = useSacQuery('checklist.get', {}).data;
  const done = checklist?.items.filter((item) => item.done).length ?? 0;

  return (
    <>
      <PageHeader title={`Olá, ${session.user.name.split(' ')[0]}`} description="Resumo do atendimento e da implantação." />
      <Stack gap="lg">
        <SimpleGrid cols={4} spacing="md">
          <Metric label="Ações aguardando envio" value={status?.pendingCount ?? 0} hint="Enviadas quando houver conexão" />
          <Metric label="Solicitações em análise" value={open?.total ?? 0} />
          <Metric label="Solicitações em produção" value={production?.total ?? 0} />
          <Metric label="Checklist" value={`${done} de 7`} hint="Atividades concluídas" />
        </SimpleGrid>
        <Paper withBorder radius="md" p="lg">
          <Group justify="space-between" mb="sm">
            <Title order={2} size="h4">
              Em andamento
            </Title>
            <Button component={Link} to="/solicitacoes" variant="subtle" size="xs">
              Ver todas
            </Button>
          </Group>
          {inProgress && inProgress.length > 0 ? (
            <Table verticalSpacing="xs" aria-label="Solicitações em andamento">
              <Table.Tbody>
                {inProgress.map((ticket) => (
                  <Table.Tr key={ticket.id}>
                    <Table.Td className="tabular" w={110} fw={600}>
                      {ticket.protocol ?? <PendingBadge />}
                    </Table.Td>
                    <Table.Td>
                      <Link to={`/solicitacoes/${ticket.id}`}>{ticket.subject}</Link>
                    </Table.Td>
                    <Table.Td w={110} className="tabular">
                      {formatDate(ticket.createdAt)}
                    </Table.Td>
                    <Table.Td w={130}>
                      <StatusBadge status={ticket.status} />
                    </Table.Td>
                    <Table.Td w={150}>
                      <DeadlineBadge state={ticket.deadline} />
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          ) : (
            <Text c="dimmed">Nenhuma solicitação em análise ou em produção.</Text>
          )}
        </Paper>
        <Paper withBorder radius="md" p="lg">
          <Group justify="space-between" mb="sm">
            <Title order={2} size="h4">
              Checklist de implantação
            </Title>
            <Button component={Link} to="/checklist" variant="subtle" size="xs">
              Abrir checklist
            </Button>
          </Group>
          <Progress value={(done / 7) * 100} aria-label="Progresso do checklist" />
          <Text size="sm" c="dimmed" mt="xs">
            {done === 7 ? 'Todas as atividades concluídas.' : 7 - done === 1 ? 'Falta 1 atividade.' : `Faltam ${7 - done} atividades.`}
          </Text>
        </Paper>
      </Stack>
    </>
  );
}
