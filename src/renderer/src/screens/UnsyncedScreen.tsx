// "Não sincronizado": actions the server did not accept, with why and the text the user wrote,
// which they can copy, send again or discard. Nothing leaves this list without the user.
import { useState } from 'react';
import { Alert, Badge, Button, CopyButton, Group, Modal, Paper, Stack, Text, Textarea, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconCheck, IconCopy, IconRefresh, IconTrash } from '@tabler/icons-react';
import { useMutation } from '@tanstack/react-query';
import { formatDateTime } from '../../../shared/format';
import type { UnsyncedActionView } from '../../../shared/ipc';
import { PageHeader } from '../components/PageHeader';
import { callSac, SacCallError, useSacQuery } from '../lib/sac';

function UnsyncedCard({ action }: { action: UnsyncedActionView }) {
  const [confirmDiscard, setConfirmDiscard] = useState(false);
  const retry = useMutation<{ retried: true }, SacCallError>({
    mutationFn: () => callSac('unsynced.retry', { id: action.id }),
    onSuccess: () =>
      notifications.show({ color: 'teal', title: 'Ação enviada de novo', message: 'Ela voltou para a fila de envio.' }),
  });
  const discard = useMutation<{ discarded: true }, SacCallError>({
    mutationFn: () => callSac('unsynced.discard', { id: action.id }),
    onSuccess: () => setConfirmDiscard(false),
  });
  const textId = `texto-${action.id}`;

  return (
    <Paper withBorder radius="md" p="lg" component="article" aria-labelledby={`titulo-${action.id}`}>
      <Stack gap="sm">
        <Group justify="space-between" align="flex-start" wrap="nowrap">
          <Stack gap={2}>
            <Title order={2} size="h5" id={`titulo-${action.id}`}>
              {action.title}
            </Title>
            <Text size="xs" c="dimmed" className="tabular">
              Feita em {formatDateTime(action.createdAt)} · recusada em {formatDateTime(action.rejectedAt)}
            </Text>
          </Stack>
          <Badge color="red" variant="light" tt="none">
            Não aceita pelo servidor
          </Badge>
        </Group>
        <Alert color="red" variant="light" title="Motivo">
          {action.errorMessage}
        </Alert>
        {action.text && (
          <Textarea id={textId} label="O que você escreveu" value={action.text} readOnly autosize minRows={2} maxRows={10} />
        )}
        {(retry.error || discard.error) && <Alert color="red">{(retry.error ?? discard.error)?.message}</Alert>}
        <Group justify="flex-end" gap="sm">
          {action.text && (
            <CopyButton value={action.text}>
              {({ copied, copy }) => (
                <Button
                  variant="default"
                  leftSection={copied ? <IconCheck size={16} aria-hidden /> : <IconCopy size={16} aria-hidden />}
                  onClick={copy}
                >
                  {copied ? 'Texto copiado' : 'Copiar texto'}
                </Button>
              )}
            </CopyButton>
          )}
          {action.canRetry && (
            <Button variant="light" leftSection={<IconRefresh size={16} aria-hidden />} loading={retry.isPending} onClick={() => retry.mutate()}>
              Tentar de novo
            </Button>
          )}
          <Button color="red" variant="subtle" leftSection={<IconTrash size={16} aria-hidden />} onClick={() => setConfirmDiscard(true)}>
            Descartar
          </Button>
        </Group>
      </Stack>
      <Modal opened={confirmDiscard} onClose={() => setConfirmDiscard(false)} title="Descartar esta ação?" centered>
        <Stack gap="md">
          <Text size="sm">O texto será apagado deste computador e não poderá ser recuperado. Copie-o antes, se precisar dele.</Text>
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setConfirmDiscard(false)}>
              Cancelar
            </Button>
            <Button color="red" loading={discard.isPending} onClick={() => discard.mutate()}>
              Descartar
            </Button>
          </Group>
        </Stack>
      </Modal>
    </Paper>
  );
}

export function UnsyncedScreen() {
  const actions = useSacQuery('unsynced.list', {});
  return (
    <>
      <PageHeader
        title="Não sincronizado"
        description="Ações que o servidor SAC não aceitou. O texto que você escreveu fica guardado aqui até você copiá-lo, enviá-lo de novo ou descartá-lo."
      />
      <Stack gap="md" maw={960}>
        {actions.data?.map((action) => <UnsyncedCard key={action.id} action={action} />)}
        {actions.data?.length === 0 && (
          <Paper withBorder radius="md" p="xl">
            <Text c="dimmed" ta="center">
              Nenhuma ação pendente de revisão. Tudo o que você fez foi aceito pelo servidor ou aguarda envio.
            </Text>
          </Paper>
        )}
      </Stack>
    </>
  );
}
