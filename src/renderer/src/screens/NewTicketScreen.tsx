// "Cadastrar nova solicitação": Tipo, severity in plain words with its deadline, Assunto,
// Descrição, Departamento and Anexos. Works offline: the ticket waits in the outbox.
import { useState, type FormEvent } from 'react';
import {
  Alert,
  Button,
  Group,
  Paper,
  Radio,
  Select,
  SimpleGrid,
  Stack,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { IconCircleCheck, IconPhone, IconSend } from '@tabler/icons-react';
import { useMutation } from '@tanstack/react-query';
import { Link } from 'react-router';
import {
  SEVERITIES,
  SEVERITY_PLAIN_WORDS,
  TICKET_TYPE_HINTS,
  TICKET_TYPE_LABELS,
  TICKET_TYPES,
  type Severity,
  type TicketType,
} from '../../../shared/domain';
import { countOf, formatDateTime } from '../../../shared/format';
import { AttachmentPicker, type PickedAttachment } from '../components/AttachmentPicker';
import { PageHeader } from '../components/PageHeader';
import { callSac, SacCallError, useSacQuery } from '../lib/sac';
import type { SlaPolicyData } from '../../../shared/wire';

/** Describes a severity's allowed time as the procedure states it: hours of business time or business days. */
function durationText(duration: SlaPolicyData['durations'][Severity] | undefined): string {
  if (!duration) return '';
  if ('hours' in duration) return `${countOf(duration.hours, 'hora', 'horas')} em horário comercial`;
  return countOf(duration.businessDays, 'dia útil', 'dias úteis');
}

function OnCallAlert({ phone }: { phone: string }) {
  return (
    <Alert color="red" variant="light" icon={<IconPhone aria-hidden />} title="Fora do horário comercial" role="alert">
      O atendimento fora do horário comercial para paradas críticas no sistema deve ser feito pelo telefone de plantão{' '}
      <strong>{phone}</strong>, depois de abrir a solicitação no SAC.
    </Alert>
  );
}

function DeadlinePreview({ severity }: { severity: Severity }) {
  const preview = useSacQuery('sla.preview', { severity });
  const policy = useSacQuery('policy.get', {}).data;
  if (!preview.data) return null;
  const critical = severity === 'critica' || severity === 'critica_presencial';
  return (
    <Stack gap="xs" data-testid="deadline-preview">
      <Text size="sm">
        Prazo de atendimento: {durationText(policy?.durations[severity])}. Se enviada agora, vence em{' '}
        <strong className="tabular">{formatDateTime(preview.data.dueAt)}</strong>.
      </Text>
      <Text size="sm" c="dimmed">
        O prazo começa a contar quando a solicitação chega ao servidor SAC. Sem conexão, ela fica guardada neste computador e o prazo
        começa quando for enviada.
      </Text>
      {critical && preview.data.outsideBusinessHours && <OnCallAlert phone={preview.data.onCallPhone} />}
    </Stack>
  );
}

function Success({ ticketId, critical, onAnother }: { ticketId: string; critical: boolean; onAnother: () => void }) {
  const ticket = useSacQuery('tickets.get', { ticketId }).data;
  const preview = useSacQuery('sla.preview', { severity: 'critica' }).data;
  return (
    <Paper withBorder radius="md" p="xl" maw={720}>
      <Stack gap="md" align="flex-start">
        <Group gap="sm">
          <IconCircleCheck size={32} color="var(--mantine-color-teal-7)" aria-hidden />
          <Title order={2} size="h3" role="status">
            Parabéns, sua solicitação foi cadastrada com sucesso.
          </Title>
        </Group>
        <Text c="dimmed">
          {ticket?.protocol
            ? `Protocolo ${ticket.protocol}.`
            : 'Ela será enviada ao servidor SAC assim que houver conexão e receberá um número de protocolo; o prazo de atendimento começa a contar quando ela chegar ao servidor.'}{' '}
          Você pode acompanhar tudo em Minhas solicitações.
        </Text>
        {critical && preview?.outsideBusinessHours && <OnCallAlert phone={preview.onCallPhone} />}
        <Group>
          <Button component={Link} to={`/solicitacoes/${ticketId}`}>
            Ver solicitação
          </Button>
          <Button variant="default" onClick={onAnother}>
            Cadastrar outra
          </Button>
        </Group>
      </Stack>
    </Paper>
  );
}

export function NewTicketScreen() {
  const [type, setType] = useState<TicketType>('solicitacao');
  const [severity, setSeverity] = useState<Severity>('media');
  const [subject, setSubject] = useState('');
  const [description, setDescription] = useState('');
  const [department, setDepartment] = useState('');
  const [attachments, setAttachments] = useState<PickedAttachment[]>([]);
  const [createdId, setCreatedId] = useState<string | null>(null);

  const create = useMutation<{ ticketId: string }, SacCallError>({
    mutationFn: () =>
      callSac('tickets.create', {
        type,
        severity,
        subject,
        description,
        ...(department.trim() ? { department } : {}),
        attachmentIds: attachments.map((attachment) => attachment.sha256),
      }),
    onSuccess: (result) => setCreatedId(result.ticketId),
  });

  const reset = () => {
    setCreatedId(null);
    setSubject('');
    setDescription('');
    setDepartment('');
    setAttachments([]);
    create.reset();
  };

  if (createdId) {
    return <Success ticketId={createdId} critical={severity === 'critica' || severity === 'critica_presencial'} onAnother={reset} />;
  }

  const submit = (event: FormEvent) => {
    event.preventDefault();
    create.mutate();
  };

  return (
    <>
      <PageHeader
        title="Cadastrar nova solicitação"
        description="Solicite, elogie, faça sugestões e, se for o caso, reclame pelo formulário abaixo. Nossa equipe tratará sua manifestação o mais rápido possível."
      />
      <form onSubmit={submit} noValidate>
        <Stack gap="lg" maw={880}>
          <Paper withBorder radius="md" p="lg">
            <Radio.Group label="Tipo" required value={type} onChange={(value) => setType(value as TicketType)}>
              <SimpleGrid cols={2} spacing="sm" mt="xs">
                {TICKET_TYPES.map((value) => (
                  <Radio key={value} value={value} label={TICKET_TYPE_LABELS[value]} description={TICKET_TYPE_HINTS[value]} />
                ))}
              </SimpleGrid>
            </Radio.Group>
          </Paper>
          <Paper withBorder radius="md" p="lg">
            <Stack gap="md">
              <Select
                label="O que está acontecendo?"
                description="Define o prazo de atendimento."
                required
                allowDeselect={false}
                value={severity}
                onChange={(value) => value && setSeverity(value as Severity)}
                data={SEVERITIES.map((value) => ({ value, label: SEVERITY_PLAIN_WORDS[value] }))}
              />
              <DeadlinePreview severity={severity} />
            </Stack>
          </Paper>
          <Paper withBorder radius="md" p="lg">
            <Stack gap="md">
              <TextInput
                label="Assunto"
                required
                maxLength={200}
                value={subject}
                onChange={(event) => setSubject(event.currentTarget.value)}
                error={create.error?.fieldMessage('subject')}
              />
              <Textarea
                label="Descrição"
                description="Conte o que precisa ser feito para que a equipe entenda o pedido."
                autosize
                minRows={4}
                value={description}
                onChange={(event) => setDescription(event.currentTarget.value)}
                error={create.error?.fieldMessage('description')}
              />
              <TextInput
                label="Departamento"
                description="Opcional."
                value={department}
                onChange={(event) => setDepartment(event.currentTarget.value)}
              />
              <AttachmentPicker value={attachments} onChange={setAttachments} />
            </Stack>
          </Paper>
          {create.error && !create.error.fields?.length && (
            <Alert color="red" role="alert">
              {create.error.message}
            </Alert>
          )}
          <Group justify="flex-end">
            <Button type="submit" size="md" leftSection={<IconSend size={18} aria-hidden />} loading={create.isPending}>
              Enviar solicitação
            </Button>
          </Group>
        </Stack>
      </form>
    </>
  );
}
