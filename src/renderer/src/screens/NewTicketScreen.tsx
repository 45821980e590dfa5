// "Cadastrar nova solicitação": Tipo, severity in plain words with its deadline, Assunto,
// Descrição, Departamento and Anexos. Works offline: the ticket waits in the outbox.
import { useState, type FormEvent } from 'react';
import {
  Alert,
  Button,
  CloseButton,
  FileButton,
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
import { IconAlertTriangle, IconCircleCheck, IconPaperclip, IconPhone, IconSend } from '@tabler/icons-react';
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
import { formatDateTime, formatFileSize } from '../../../shared/format';
import type { StagedAttachment } from '../../../shared/ipc';
import { PageHeader } from '../components/PageHeader';
import { callSac, SacCallError, useSacQuery } from '../lib/sac';

function DeadlinePreview({ severity }: { severity: Severity }) {
  const preview = useSacQuery('sla.preview', { severity });
  if (!preview.data) return null;
  const critical = severity === 'critica' || severity === 'critica_presencial';
  return (
    <Stack gap="xs">
      <Text size="sm">
        Prazo de atendimento, se enviada agora: <strong className="tabular">{formatDateTime(preview.data.dueAt)}</strong>. O prazo começa
        a contar quando a solicitação chega ao servidor SAC.
      </Text>
      {critical && preview.data.outsideBusinessHours && (
        <Alert color="red" variant="light" icon={<IconPhone aria-hidden />} title="Fora do horário comercial">
          Para paradas críticas fora do horário comercial, depois de abrir a solicitação ligue para o plantão:{' '}
          <strong>{preview.data.onCallPhone}</strong>.
        </Alert>
      )}
    </Stack>
  );
}

function Success({ ticketId, onAnother }: { ticketId: string; onAnother: () => void }) {
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
          Ela será enviada ao servidor SAC assim que houver conexão e receberá um número de protocolo. Você pode acompanhar tudo em
          Minhas solicitações.
        </Text>
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
  const [attachments, setAttachments] = useState<StagedAttachment[]>([]);
  const [attachmentError, setAttachmentError] = useState<string | null>(null);
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

  const addFiles = async (files: File[]) => {
    setAttachmentError(null);
    for (const file of files) {
      try {
        const data = new Uint8Array(await file.arrayBuffer());
        const staged = await callSac('attachments.stage', { fileName: file.name, contentType: file.type, data });
        setAttachments((current) => (current.some((item) => item.sha256 === staged.sha256) ? current : [...current, staged]));
      } catch (error) {
        setAttachmentError(error instanceof Error ? error.message : String(error));
      }
    }
  };

  const reset = () => {
    setCreatedId(null);
    setSubject('');
    setDescription('');
    setDepartment('');
    setAttachments([]);
    create.reset();
  };

  if (createdId) return <Success ticketId={createdId} onAnother={reset} />;

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
              <Stack gap="xs">
                <Text size="sm" fw={500} id="anexos-label">
                  Anexos
                </Text>
                <Text size="xs" c="dimmed">
                  Opcional. Em caso de erro no sistema, envie uma imagem da tela para ajudar a equipe técnica.
                </Text>
                <Group>
                  <FileButton multiple onChange={(files) => void addFiles(files)}>
                    {(props) => (
                      <Button {...props} variant="default" leftSection={<IconPaperclip size={16} aria-hidden />} aria-describedby="anexos-label">
                        Escolher arquivos
                      </Button>
                    )}
                  </FileButton>
                  {attachments.length === 0 && (
                    <Text size="sm" c="dimmed">
                      Nenhum arquivo selecionado
                    </Text>
                  )}
                </Group>
                {attachmentError && (
                  <Alert color="red" icon={<IconAlertTriangle aria-hidden />} role="alert">
                    {attachmentError}
                  </Alert>
                )}
                {attachments.map((attachment) => (
                  <Group key={attachment.sha256} gap="xs" wrap="nowrap">
                    <IconPaperclip size={14} aria-hidden />
                    <Text size="sm">{attachment.fileName}</Text>
                    <Text size="xs" c="dimmed">
                      {formatFileSize(attachment.size)}
                    </Text>
                    <CloseButton
                      size="sm"
                      aria-label={`Remover ${attachment.fileName}`}
                      onClick={() => setAttachments((current) => current.filter((item) => item.sha256 !== attachment.sha256))}
                    />
                  </Group>
                ))}
              </Stack>
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
