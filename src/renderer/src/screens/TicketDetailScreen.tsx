// A ticket's detail with the tabs Básico, Manifestação, Anexos, Histórico and Solução, the
// "Rejeitar" action for concluded tickets and, for consultants, status changes and the solution.
import { useEffect, useState, type ReactNode } from 'react';
import {
  Alert,
  Anchor,
  Badge,
  Button,
  Group,
  Image,
  Modal,
  Paper,
  Select,
  Stack,
  Table,
  Tabs,
  Text,
  Textarea,
  TextInput,
  Timeline,
  Title,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import {
  IconArrowBackUp,
  IconArrowLeft,
  IconDownload,
  IconCircleCheck,
  IconExternalLink,
  IconFilePlus,
  IconRefresh,
  IconFileTypePdf,
  IconMessage,
  IconPaperclip,
  IconPhone,
  IconPrinter,
} from '@tabler/icons-react';
import { useMutation } from '@tanstack/react-query';
import { Link, useParams } from 'react-router';
import {
  SEVERITY_LABELS,
  TICKET_STATUS_LABELS,
  TICKET_STATUSES,
  TICKET_TYPE_LABELS,
  type TicketStatus,
} from '../../../shared/domain';
import { countOf, formatDate, formatDateTime, formatFileSize } from '../../../shared/format';
import type { SignedInSession, TicketDetail, TicketEventView } from '../../../shared/ipc';
import { DeadlineBadge, PendingBadge, StatusBadge } from '../components/badges';
import { callSac, SacCallError, useSacQuery } from '../lib/sac';

function Field({ label, children }: { label: string; children: ReactNode }) {
  return (
    <Text size="sm">
      <Text span fw={600}>
        {label}:
      </Text>{' '}
      {children}
    </Text>
  );
}

function BasicTab({ ticket }: { ticket: TicketDetail }) {
  return (
    <Stack gap="xs">
      <Field label="Protocolo">{ticket.protocol ?? 'aguardando envio'}</Field>
      <Field label="Departamento">{ticket.department ?? '—'}</Field>
      <Field label="Data">{formatDateTime(ticket.createdAt)}</Field>
      <Field label="Assunto">{ticket.subject}</Field>
      <Field label="Quantidade de rejeições">{ticket.rejectionCount}</Field>
      <Field label="Situação">{TICKET_STATUS_LABELS[ticket.status]}</Field>
      <Field label="Prazo de atendimento">
        {formatDateTime(ticket.dueAt)}
        {ticket.protocol === null && ' (estimado: o prazo começa a contar quando a solicitação chega ao servidor)'}
      </Field>
      <Field label="Aberta por">{ticket.createdByName}</Field>
    </Stack>
  );
}

function ManifestationTab({ ticket }: { ticket: TicketDetail }) {
  return (
    <Stack gap="xs">
      <Field label="Tipo">{TICKET_TYPE_LABELS[ticket.type]}</Field>
      <Field label="Severidade">{SEVERITY_LABELS[ticket.severity]}</Field>
      <Text size="sm" fw={600}>
        Descrição:
      </Text>
      <Paper withBorder p="md" bg="gray.0">
        <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
          {ticket.description || 'Sem descrição.'}
        </Text>
      </Paper>
    </Stack>
  );
}

function AttachmentPreview({ sha256, fileName }: { sha256: string; fileName: string }) {
  const preview = useSacQuery('attachments.preview', { sha256 }).data;
  if (!preview?.dataUrl) return <IconPaperclip size={16} aria-hidden />;
  return <Image src={preview.dataUrl} alt={`Pré-visualização de ${fileName}`} w={96} h={72} fit="contain" radius="sm" bg="gray.1" />;
}

function AttachmentsTab({ ticket }: { ticket: TicketDetail }) {
  const save = useMutation<{ savedTo: string | null }, SacCallError, { sha256: string; fileName: string }>({
    mutationFn: (attachment) => callSac('attachments.save', attachment),
    onSuccess: (result) => {
      if (result.savedTo) notifications.show({ color: 'teal', title: 'Anexo salvo', message: result.savedTo });
    },
    onError: (error) => notifications.show({ color: 'red', title: 'Não foi possível salvar o anexo', message: error.message }),
  });
  const open = useMutation<{ opened: boolean; path: string }, SacCallError, { sha256: string; fileName: string }>({
    mutationFn: (attachment) => callSac('attachments.open', attachment),
    onError: (error) => notifications.show({ color: 'red', title: 'Não foi possível abrir o anexo', message: error.message }),
  });
  if (ticket.attachments.length === 0) return <Text c="dimmed">Nenhum anexo.</Text>;
  return (
    <Table verticalSpacing="sm" aria-label="Anexos">
      <Table.Thead>
        <Table.Tr>
          <Table.Th>Arquivo</Table.Th>
          <Table.Th w={120}>Tamanho</Table.Th>
          <Table.Th w={220}>
            <span className="visually-hidden">Ações</span>
          </Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {ticket.attachments.map((attachment) => (
          <Table.Tr key={attachment.sha256}>
            <Table.Td>
              <Group gap={12} wrap="nowrap">
                <AttachmentPreview sha256={attachment.sha256} fileName={attachment.fileName} />
                <Stack gap={0}>
                  <Text size="sm" data-testid="attachment-name">
                    {attachment.fileName}
                  </Text>
                  {!attachment.availableOffline && (
                    <Text size="xs" c="dimmed">
                      Ainda não baixado: é preciso conexão para abrir ou salvar.
                    </Text>
                  )}
                </Stack>
              </Group>
            </Table.Td>
            <Table.Td className="tabular">{formatFileSize(attachment.size)}</Table.Td>
            <Table.Td ta="right">
              <Group gap="xs" justify="flex-end" wrap="nowrap">
                <Button
                  size="xs"
                  variant="light"
                  leftSection={<IconExternalLink size={14} aria-hidden />}
                  loading={open.isPending && open.variables?.sha256 === attachment.sha256}
                  onClick={() => open.mutate({ sha256: attachment.sha256, fileName: attachment.fileName })}
                  aria-label={`Abrir ${attachment.fileName}`}
                >
                  Abrir
                </Button>
                <Button
                  size="xs"
                  variant="light"
                  leftSection={<IconDownload size={14} aria-hidden />}
                  loading={save.isPending && save.variables?.sha256 === attachment.sha256}
                  onClick={() => save.mutate({ sha256: attachment.sha256, fileName: attachment.fileName })}
                  aria-label={`Salvar ${attachment.fileName}`}
                >
                  Salvar
                </Button>
              </Group>
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

const HISTORY_ICONS = {
  created: IconFilePlus,
  status: IconRefresh,
  solved: IconCircleCheck,
  rejected: IconArrowBackUp,
  comment: IconMessage,
} as const;

function HistoryIcon({ kind }: { kind: TicketEventView['kind'] }) {
  const Icon = HISTORY_ICONS[kind] ?? IconMessage;
  return <Icon size={14} aria-hidden />;
}

function HistoryTab({ ticket }: { ticket: TicketDetail }) {
  const [text, setText] = useState('');
  const comment = useMutation<TicketDetail, SacCallError>({
    mutationFn: () => callSac('tickets.comment', { ticketId: ticket.id, text }),
    onSuccess: () => setText(''),
  });
  return (
    <Stack gap="lg">
      <Timeline bulletSize={26} lineWidth={2} active={ticket.events.length}>
        {ticket.events.map((event) => (
          <Timeline.Item
            key={event.id}
            bullet={<HistoryIcon kind={event.kind} />}
            title={
              <Group gap={8}>
                <Text size="sm" fw={600}>
                  {event.actorName}
                </Text>
                <Text size="xs" c="dimmed" className="tabular">
                  {formatDateTime(event.at)}
                </Text>
                {event.pendingSync && <PendingBadge />}
              </Group>
            }
          >
            <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
              {event.text}
            </Text>
          </Timeline.Item>
        ))}
      </Timeline>
      <Stack gap="xs">
        <Textarea
          label="Adicionar comentário"
          autosize
          minRows={2}
          value={text}
          onChange={(event) => setText(event.currentTarget.value)}
          error={comment.error?.message}
        />
        <Group justify="flex-end">
          <Button
            leftSection={<IconMessage size={16} aria-hidden />}
            disabled={!text.trim()}
            loading={comment.isPending}
            onClick={() => comment.mutate()}
          >
            Comentar
          </Button>
        </Group>
      </Stack>
    </Stack>
  );
}

function SolutionForm({ ticket }: { ticket: TicketDetail }) {
  const [result, setResult] = useState('Finalizado');
  const [text, setText] = useState('');
  const solve = useMutation<TicketDetail, SacCallError>({
    mutationFn: () => callSac('tickets.solve', { ticketId: ticket.id, result, text }),
    onSuccess: () => notifications.show({ color: 'teal', title: 'Solução registrada', message: 'A solicitação foi concluída.' }),
  });
  return (
    <Paper withBorder p="md" radius="md">
      <Stack gap="sm">
        <Title order={3} size="h5">
          Registrar solução
        </Title>
        <TextInput label="Resultado" required value={result} onChange={(event) => setResult(event.currentTarget.value)} />
        <Textarea
          label="Descrição da solução"
          description="O cliente lê este texto para saber o que foi feito."
          required
          autosize
          minRows={3}
          value={text}
          onChange={(event) => setText(event.currentTarget.value)}
        />
        {solve.error && <Alert color="red">{solve.error.message}</Alert>}
        <Group justify="flex-end">
          <Button disabled={!result.trim() || !text.trim()} loading={solve.isPending} onClick={() => solve.mutate()}>
            Concluir com esta solução
          </Button>
        </Group>
      </Stack>
    </Paper>
  );
}

function SolutionTab({ ticket, isConsultant }: { ticket: TicketDetail; isConsultant: boolean }) {
  return (
    <Stack gap="md">
      {ticket.solution ? (
        <Stack gap="xs">
          <Field label="Término">{formatDateTime(ticket.solution.finishedAt)}</Field>
          <Field label="Resultado">{ticket.solution.result}</Field>
          {ticket.solution.authorName && <Field label="Responsável">{ticket.solution.authorName}</Field>}
          {ticket.solution.text && (
            <Paper withBorder p="md" bg="gray.0">
              <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
                {ticket.solution.text}
              </Text>
            </Paper>
          )}
        </Stack>
      ) : (
        <Text c="dimmed">Nenhuma solução registrada ainda.</Text>
      )}
      {isConsultant && ticket.status !== 'concluida' && <SolutionForm ticket={ticket} />}
    </Stack>
  );
}

function RejectAction({ ticket }: { ticket: TicketDetail }) {
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const reject = useMutation<TicketDetail, SacCallError>({
    mutationFn: () => callSac('tickets.reject', { ticketId: ticket.id, reason }),
    onSuccess: () => {
      setOpen(false);
      setReason('');
      notifications.show({ color: 'orange', title: 'Solicitação reaberta', message: 'A rejeição será enviada ao servidor.' });
    },
  });
  return (
    <>
      <Button color="red" variant="light" leftSection={<IconArrowBackUp size={16} aria-hidden />} onClick={() => setOpen(true)}>
        Rejeitar
      </Button>
      <Modal opened={open} onClose={() => setOpen(false)} title="Rejeitar a solução" centered>
        <Stack gap="sm">
          <Text size="sm">
            A solicitação volta para Análise e o prazo de atendimento recomeça. Explique o que ainda não está resolvido.
          </Text>
          <Textarea
            label="Motivo da rejeição"
            required
            autosize
            minRows={3}
            data-autofocus
            value={reason}
            onChange={(event) => setReason(event.currentTarget.value)}
            error={reject.error?.message}
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setOpen(false)}>
              Cancelar
            </Button>
            <Button color="red" disabled={!reason.trim()} loading={reject.isPending} onClick={() => reject.mutate()}>
              Confirmar rejeição
            </Button>
          </Group>
        </Stack>
      </Modal>
    </>
  );
}

function PrintActions({ ticket }: { ticket: TicketDetail }) {
  const print = useMutation<{ printed: boolean }, SacCallError>({
    mutationFn: () => callSac('tickets.print', { ticketId: ticket.id }),
    onError: (error) => notifications.show({ color: 'red', title: 'Não foi possível imprimir', message: error.message }),
  });
  const pdf = useMutation<{ savedTo: string | null }, SacCallError>({
    mutationFn: () => callSac('tickets.savePdf', { ticketId: ticket.id }),
    onSuccess: (result) => {
      if (result.savedTo) notifications.show({ color: 'teal', title: 'PDF salvo', message: result.savedTo });
    },
    onError: (error) => notifications.show({ color: 'red', title: 'Não foi possível gerar o PDF', message: error.message }),
  });
  return (
    <>
      <Button variant="default" leftSection={<IconPrinter size={16} aria-hidden />} loading={print.isPending} onClick={() => print.mutate()}>
        Imprimir
      </Button>
      <Button variant="default" leftSection={<IconFileTypePdf size={16} aria-hidden />} loading={pdf.isPending} onClick={() => pdf.mutate()}>
        Salvar PDF
      </Button>
    </>
  );
}

function StatusAction({ ticket }: { ticket: TicketDetail }) {
  const setStatus = useMutation<TicketDetail, SacCallError, TicketStatus>({
    mutationFn: (status) => callSac('tickets.setStatus', { ticketId: ticket.id, status }),
  });
  return (
    <Select
      aria-label="Mudar situação"
      w={170}
      allowDeselect={false}
      value={ticket.status}
      data={TICKET_STATUSES.filter((status) => status !== 'concluida' || ticket.solution).map((status) => ({
        value: status,
        label: TICKET_STATUS_LABELS[status],
      }))}
      onChange={(value) => value && value !== ticket.status && setStatus.mutate(value as TicketStatus)}
    />
  );
}

export function TicketDetailScreen({ session }: { session: SignedInSession }) {
  const { ticketId = '' } = useParams();
  const ticket = useSacQuery('tickets.get', { ticketId });
  const isConsultant = session.user.role === 'consultor';
  // Opening a ticket reads its notifications.
  useEffect(() => {
    if (ticketId) void callSac('notifications.markRead', { ticketId }).catch(() => undefined);
  }, [ticketId, ticket.dataUpdatedAt]);

  if (ticket.error) {
    return (
      <Alert color="red" title="Solicitação não encontrada">
        {ticket.error.message} <Anchor component={Link} to="/solicitacoes">Voltar às solicitações</Anchor>
      </Alert>
    );
  }
  const data = ticket.data;
  if (!data) return null;

  return (
    <Stack gap="lg">
      <Anchor component={Link} to="/solicitacoes" size="sm">
        <Group gap={4}>
          <IconArrowLeft size={16} aria-hidden /> {isConsultant ? 'Solicitações da organização' : 'Minhas solicitações'}
        </Group>
      </Anchor>
      <Group justify="space-between" align="flex-start" wrap="nowrap">
        <Stack gap={6}>
          <Text size="sm" c="dimmed" className="tabular">
            {data.protocol ? `Protocolo ${data.protocol}` : 'Protocolo aguardando envio'} · aberta em {formatDate(data.createdAt)}
          </Text>
          <Title order={1} size="h2">
            {data.subject}
          </Title>
          <Group gap="xs">
            <StatusBadge status={data.status} />
            <DeadlineBadge state={data.deadline} />
            {data.deadline !== 'concluido' && (
              <Text size="sm" className="tabular" data-testid="due-at">
                Prazo: {formatDateTime(data.dueAt)}
                {data.protocol === null && ' (estimado)'}
              </Text>
            )}
            {data.pendingSync && <PendingBadge />}
            {data.rejectionCount > 0 && (
              <Badge color="red" variant="outline">
                {countOf(data.rejectionCount, 'rejeição', 'rejeições')}
              </Badge>
            )}
          </Group>
        </Stack>
        <Paper withBorder p="sm" radius="md">
          <Text size="xs" c="dimmed" fw={600} mb={6}>
            Ferramentas
          </Text>
          <Group gap="sm">
            <PrintActions ticket={data} />
            {/* Rejecting a solution is the client's answer to it; a consultant reopens through the situação. */}
            {data.status === 'concluida' && !isConsultant && <RejectAction ticket={data} />}
            {isConsultant && <StatusAction ticket={data} />}

          </Group>
        </Paper>
      </Group>
      {(data.severity === 'critica' || data.severity === 'critica_presencial') &&
        data.openedOutsideBusinessHours &&
        data.status !== 'concluida' && (
          <Alert color="red" variant="light" icon={<IconPhone aria-hidden />} title="Parada crítica fora do horário comercial">
            Ligue para o telefone de plantão <strong>{data.onCallPhone}</strong>: o atendimento fora do horário comercial para paradas
            críticas no sistema é feito por ele, depois de aberta a solicitação no SAC.
          </Alert>
        )}
      {data.protocol === null && (
        <Alert color="orange" variant="light" title="Aguardando envio">
          Esta solicitação ainda não chegou ao servidor SAC. O prazo de atendimento começa a contar quando ela for enviada; o prazo
          mostrado é uma estimativa.
        </Alert>
      )}
      <Paper withBorder radius="md" p="lg">
        <Tabs defaultValue="basico" keepMounted={false}>
          <Tabs.List mb="md">
            <Tabs.Tab value="basico">Básico</Tabs.Tab>
            <Tabs.Tab value="manifestacao">Manifestação</Tabs.Tab>
            <Tabs.Tab value="anexos">Anexos ({data.attachments.length})</Tabs.Tab>
            <Tabs.Tab value="historico">Histórico</Tabs.Tab>
            <Tabs.Tab value="solucao">Solução</Tabs.Tab>
          </Tabs.List>
          <Tabs.Panel value="basico">
            <BasicTab ticket={data} />
          </Tabs.Panel>
          <Tabs.Panel value="manifestacao">
            <ManifestationTab ticket={data} />
          </Tabs.Panel>
          <Tabs.Panel value="anexos">
            <AttachmentsTab ticket={data} />
          </Tabs.Panel>
          <Tabs.Panel value="historico">
            <HistoryTab ticket={data} />
          </Tabs.Panel>
          <Tabs.Panel value="solucao">
            <SolutionTab ticket={data} isConsultant={isConsultant} />
          </Tabs.Panel>
        </Tabs>
      </Paper>
    </Stack>
  );
}
