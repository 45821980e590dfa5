// Visão do consultor: for each organization the consultant serves, every participant with their
// checklist progress, the items still open and the days each item took, with printing of every
// participant's page at once. Only consultants reach it; the main process refuses clients too.
import { Fragment, useState } from 'react';
import { Alert, Anchor, Badge, Button, Group, Paper, Progress, Stack, Table, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconChevronDown, IconChevronRight, IconFileTypePdf, IconPrinter } from '@tabler/icons-react';
import { useMutation } from '@tanstack/react-query';
import { Link } from 'react-router';
import { formatCalendarDate } from '../../../shared/format';
import type { OrganizationProgress, ParticipantProgress } from '../../../shared/ipc';
import { PageHeader } from '../components/PageHeader';
import { callSac, SacCallError, useSacQuery } from '../lib/sac';

const plural = (days: number) => `${days} ${days === 1 ? 'dia' : 'dias'}`;

/**
 * "Imprimir" and "Salvar PDF" for one organization, or for every participant when no
 * organization is given. Each accessible name contains the visible label and names what is printed.
 */
function PrintButtons({ organization }: { organization?: { id: string; name: string } }) {
  const organizationId = organization?.id;
  const input = organizationId ? { organizationId } : {};
  const labels = organization
    ? {
        print: 'Imprimir',
        save: 'Salvar PDF',
        printName: `Imprimir os checklists de ${organization.name}`,
        saveName: `Salvar PDF dos checklists de ${organization.name}`,
      }
    : {
        print: 'Imprimir todos',
        save: 'Salvar PDF de todos',
        printName: 'Imprimir todos os checklists',
        saveName: 'Salvar PDF de todos os checklists',
      };
  const print = useMutation<{ printed: boolean }, SacCallError>({
    mutationFn: () => callSac('checklist.printOverview', input),
    onError: (error) => notifications.show({ color: 'red', title: 'Não foi possível imprimir', message: error.message }),
  });
  const save = useMutation<{ savedTo: string | null }, SacCallError>({
    mutationFn: () => callSac('checklist.saveOverviewPdf', input),
    onSuccess: (result) => {
      if (result.savedTo) notifications.show({ color: 'teal', title: 'PDF salvo', message: result.savedTo });
    },
    onError: (error) => notifications.show({ color: 'red', title: 'Não foi possível salvar o PDF', message: error.message }),
  });
  return (
    <Group gap="xs">
      <Button
        variant="default"
        size={organizationId ? 'xs' : 'sm'}
        leftSection={<IconPrinter size={16} aria-hidden />}
        loading={print.isPending}
        onClick={() => print.mutate()}
        aria-label={labels.printName}
      >
        {labels.print}
      </Button>
      <Button
        size={organizationId ? 'xs' : 'sm'}
        leftSection={<IconFileTypePdf size={16} aria-hidden />}
        loading={save.isPending}
        onClick={() => save.mutate()}
        aria-label={labels.saveName}
      >
        {labels.save}
      </Button>
    </Group>
  );
}

function ItemDetails({ participant }: { participant: ParticipantProgress }) {
  return (
    <Table withTableBorder verticalSpacing={4} fz="sm" aria-label={`Atividades de ${participant.name}`} bg="white">
      <Table.Thead>
        <Table.Tr>
          <Table.Th>Atividade</Table.Th>
          <Table.Th>Concluída em</Table.Th>
          <Table.Th>Levou</Table.Th>
          <Table.Th>Observação</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {participant.items.map((item) => (
          <Table.Tr key={item.itemId}>
            <Table.Td>
              {item.itemId} – {item.title}
            </Table.Td>
            <Table.Td className="tabular">{item.completedOn ? formatCalendarDate(item.completedOn) : 'em aberto'}</Table.Td>
            <Table.Td className="tabular">
              {!item.done
                ? '—'
                : item.daysSincePrevious === null
                  ? 'primeira atividade'
                  : item.daysSincePrevious === 0
                    ? 'no mesmo dia da anterior'
                    : `${plural(item.daysSincePrevious)} após a anterior`}
            </Table.Td>
            <Table.Td style={{ overflowWrap: 'anywhere' }}>{item.note ?? ''}</Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

function ParticipantRow({ participant }: { participant: ParticipantProgress }) {
  const [open, setOpen] = useState(false);
  const percent = Math.round((participant.done / participant.total) * 100);
  const detailsId = `detalhes-${participant.userId}`;
  return (
    <Fragment>
      <Table.Tr>
        <Table.Td>
          <Anchor component={Link} to={`/checklist/${participant.userId}`} fw={600}>
            {participant.name}
          </Anchor>
        </Table.Td>
        <Table.Td w={190}>
          <Group gap="xs" wrap="nowrap">
            <Progress value={percent} w={80} aria-label={`Progresso de ${participant.name}`} />
            <Text size="sm" className="tabular" style={{ whiteSpace: 'nowrap' }}>
              {participant.done} de {participant.total}
            </Text>
          </Group>
        </Table.Td>
        <Table.Td>
          {participant.openItemIds.length === 0 ? (
            <Badge color="green" variant="light" tt="none">
              Todas concluídas
            </Badge>
          ) : (
            <Group gap={4}>
              {participant.openItemIds.map((itemId) => (
                <Badge key={itemId} color="gray" variant="outline" tt="none" title={participant.items.find((item) => item.itemId === itemId)?.title}>
                  {itemId}
                </Badge>
              ))}
            </Group>
          )}
        </Table.Td>
        <Table.Td className="tabular" style={{ whiteSpace: 'nowrap' }}>
          {participant.first && participant.last && participant.days !== null
            ? `${formatCalendarDate(participant.first)} a ${formatCalendarDate(participant.last)} (${plural(participant.days)})`
            : 'nenhuma atividade concluída'}
        </Table.Td>
        <Table.Td w={130}>
          <Button
            variant="subtle"
            size="compact-sm"
            leftSection={open ? <IconChevronDown size={14} aria-hidden /> : <IconChevronRight size={14} aria-hidden />}
            aria-expanded={open}
            aria-controls={detailsId}
            aria-label={`${open ? 'Ocultar' : 'Mostrar'} atividades de ${participant.name}`}
            onClick={() => setOpen(!open)}
          >
            Atividades
          </Button>
        </Table.Td>
      </Table.Tr>
      {open && (
        <Table.Tr id={detailsId}>
          <Table.Td colSpan={5} bg="gray.0">
            <ItemDetails participant={participant} />
          </Table.Td>
        </Table.Tr>
      )}
    </Fragment>
  );
}

function OrganizationSection({ organization }: { organization: OrganizationProgress }) {
  const done = organization.participants.reduce((sum, participant) => sum + participant.done, 0);
  const total = organization.participants.length * 7;
  return (
    <Paper withBorder radius="md" p="lg">
      <Group justify="space-between" mb="sm" align="flex-start">
        <Stack gap={2}>
          <Title order={2} size="h4">
            {organization.name}
          </Title>
          <Text size="sm" c="dimmed">
            {organization.participants.length === 1 ? '1 participante' : `${organization.participants.length} participantes`}
            {total > 0 ? ` · ${done} de ${total} atividades concluídas` : ''}
          </Text>
        </Stack>
        {organization.participants.length > 0 && <PrintButtons organization={organization} />}
      </Group>
      {organization.participants.length === 0 ? (
        <Text c="dimmed">Nenhum participante desta organização se cadastrou no SAC ainda.</Text>
      ) : (
        <Table verticalSpacing="sm" aria-label={`Participantes de ${organization.name}`}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Participante</Table.Th>
              <Table.Th>Progresso</Table.Th>
              <Table.Th>Em aberto</Table.Th>
              <Table.Th>Período</Table.Th>
              <Table.Th>
                <span className="visually-hidden">Detalhes</span>
              </Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {organization.participants.map((participant) => (
              <ParticipantRow key={participant.userId} participant={participant} />
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Paper>
  );
}

export function ConsultantOverviewScreen() {
  const overview = useSacQuery('checklist.overview', {});
  const session = useSacQuery('session.get', {}).data;
  const activeId = session?.signedIn ? session.activeOrganizationId : null;
  // The organization chosen in the top bar comes first; the others follow in name order.
  const organizations = [...(overview.data?.organizations ?? [])].sort(
    (a, b) => Number(b.id === activeId) - Number(a.id === activeId),
  );
  return (
    <>
      <PageHeader
        title="Visão do consultor"
        description="O checklist de implantação de cada participante das organizações que você atende: o progresso, as atividades em aberto e quanto tempo cada uma levou."
        actions={<PrintButtons />}
      />
      {overview.error && (
        <Alert color="red" role="alert">
          {overview.error.message}
        </Alert>
      )}
      <Stack gap="lg">
        {organizations.map((organization) => (
          <OrganizationSection key={organization.id} organization={organization} />
        ))}
      </Stack>
    </>
  );
}
