// "Solicitar cópia do banco de dados": a guided ticket that states, before and inside the
// request, that the copy holds only the platform's data and never the programs' code.
import { useState, type FormEvent } from 'react';
import { Alert, Button, Checkbox, Group, Paper, Stack, Text, Textarea } from '@mantine/core';
import { IconDatabase, IconSend } from '@tabler/icons-react';
import { useMutation } from '@tanstack/react-query';
import { NOTE_MAX_LENGTH } from '../../../shared/wire';
import { PageHeader } from '../components/PageHeader';
import { RequestCreated } from '../components/RequestCreated';
import { callSac, SacCallError } from '../lib/sac';

export function DatabaseCopyRequestScreen() {
  const [acknowledged, setAcknowledged] = useState(false);
  const [note, setNote] = useState('');
  const [showAckError, setShowAckError] = useState(false);
  const create = useMutation<{ ticketId: string; subject: string }, SacCallError>({
    mutationFn: () => callSac('requests.databaseCopy', { acknowledged: true, ...(note.trim() ? { note } : {}) }),
  });

  if (create.data) {
    return (
      <RequestCreated
        ticketId={create.data.ticketId}
        title="Pedido de cópia do banco de dados cadastrado"
        detail="A equipe enviará a cópia com os dados da sua plataforma, sem o código dos programas."
      />
    );
  }

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!acknowledged) {
      setShowAckError(true);
      return;
    }
    create.mutate();
  };

  return (
    <>
      <PageHeader
        title="Solicitar cópia do banco de dados"
        description="Fazemos backup incremental todos os dias e backup completo toda semana. Peça aqui uma cópia da base de dados da sua plataforma."
      />
      <form onSubmit={submit} noValidate>
        <Stack gap="lg" maw={820}>
          <Alert color="institutional" variant="light" icon={<IconDatabase aria-hidden />} title="O que a cópia contém">
            <Text size="sm">
              Na cópia da base de dados são enviadas somente as informações inseridas e geradas pela plataforma. A estrutura de
              código de programação das ferramentas não é enviada.
            </Text>
            <Text size="sm" mt="xs">
              Os backups da base de dados da sua plataforma respeitam a Lei 12.527/2011 (Lei de Acesso à Informação).
            </Text>
          </Alert>
          <Paper withBorder radius="md" p="lg">
            <Stack gap="md">
              <Checkbox
                checked={acknowledged}
                onChange={(event) => {
                  setAcknowledged(event.currentTarget.checked);
                  setShowAckError(false);
                }}
                label="Entendi que a cópia traz somente os dados da plataforma, sem o código dos programas."
                error={showAckError ? 'Confirme que você leu o que a cópia contém para enviar o pedido.' : undefined}
              />
              <Textarea
                label="Observações"
                description="Opcional. Por exemplo, para que a cópia será usada ou a quem ela deve ser entregue."
                autosize
                minRows={3}
                maxLength={NOTE_MAX_LENGTH}
                value={note}
                onChange={(event) => setNote(event.currentTarget.value)}
              />
            </Stack>
          </Paper>
          {create.error && (
            <Alert color="red" role="alert">
              {create.error.message}
            </Alert>
          )}
          <Group justify="flex-end">
            <Button type="submit" size="md" leftSection={<IconSend size={18} aria-hidden />} loading={create.isPending}>
              Enviar pedido de cópia
            </Button>
          </Group>
        </Stack>
      </form>
    </>
  );
}
