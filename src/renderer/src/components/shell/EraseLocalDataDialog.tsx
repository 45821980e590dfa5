// "Sair e apagar dados deste computador": lists the actions that have not reached the server
// yet, offers to send them first, and erases this user's local database and attachments only
// after the user confirms. Other users of the computer keep their data.
import { useState } from 'react';
import { Alert, Button, Checkbox, Group, List, Loader, Modal, ScrollArea, Stack, Text } from '@mantine/core';
import { IconAlertTriangle, IconRefresh, IconTrash } from '@tabler/icons-react';
import { notifications } from '@mantine/notifications';
import { useMutation } from '@tanstack/react-query';
import { formatDateTime } from '../../../../shared/format';
import { callSac, useSacQuery, type SacCallError } from '../../lib/sac';

/** Actions listed by name; the rest are counted. */
const LISTED = 8;

function EraseDialogBody({ onClose }: { onClose: () => void }) {
  const summary = useSacQuery('localData.summary', {});
  const status = useSacQuery('sync.status', {}).data;
  const [understood, setUnderstood] = useState(false);
  const syncNow = useMutation({ mutationFn: () => callSac('sync.now', {}), onSettled: () => void summary.refetch() });
  const erase = useMutation<unknown, SacCallError>({
    mutationFn: () => callSac('auth.logoutAndErase', { confirmed: true }),
    onError: (error) => notifications.show({ color: 'red', title: 'Não foi possível apagar os dados', message: error.message }),
  });

  if (!summary.data) {
    return (
      <Group justify="center" p="lg">
        <Loader aria-label="Carregando as ações pendentes" />
      </Group>
    );
  }
  const { pendingActions, rejectedCount, lastSuccessAt } = summary.data;
  const pending = pendingActions.length;
  const atRisk = pending > 0 || rejectedCount > 0;

  return (
    <Stack gap="md">
      <Text size="sm">
        Isto apaga deste computador a sua cópia das solicitações, do checklist e dos anexos, e encerra a sua sessão. Os dados
        que já estão no servidor SAC continuam lá: ao entrar de novo, eles são baixados outra vez. Outras pessoas que usam este
        computador não são afetadas.
      </Text>
      {atRisk ? (
        <Alert color="orange" variant="light" icon={<IconAlertTriangle aria-hidden />} title="Há ações que ainda não chegaram ao servidor">
          <Stack gap="xs">
            {pending > 0 && (
              <>
                <Text size="sm">
                  {pending === 1 ? 'Esta ação será perdida' : `Estas ${pending} ações serão perdidas`} se você apagar os dados agora:
                </Text>
                <ScrollArea.Autosize mah={180}>
                  <List size="sm" spacing={4} aria-label="Ações não enviadas">
                    {pendingActions.slice(0, LISTED).map((action) => (
                      <List.Item key={action.id}>
                        {action.label} <Text span size="xs" c="dimmed">({formatDateTime(action.createdAt)})</Text>
                      </List.Item>
                    ))}
                  </List>
                </ScrollArea.Autosize>
                {pending > LISTED && <Text size="sm">e mais {pending - LISTED}.</Text>}
              </>
            )}
            {rejectedCount > 0 && (
              <Text size="sm">
                {rejectedCount === 1
                  ? '1 ação recusada pelo servidor, guardada com o seu texto, também será apagada.'
                  : `${rejectedCount} ações recusadas pelo servidor, guardadas com o seu texto, também serão apagadas.`}
              </Text>
            )}
            <Text size="sm">
              Última sincronização: {lastSuccessAt ? formatDateTime(lastSuccessAt) : 'nunca'}. Conecte-se à rede e sincronize antes de
              apagar.
            </Text>
            <Group>
              <Button
                size="xs"
                variant="light"
                leftSection={<IconRefresh size={16} aria-hidden />}
                loading={syncNow.isPending || status?.connection === 'syncing'}
                onClick={() => syncNow.mutate()}
              >
                Sincronizar agora
              </Button>
            </Group>
          </Stack>
        </Alert>
      ) : (
        <Alert color="teal" variant="light" title="Tudo foi enviado ao servidor">
          <Text size="sm">Nenhuma ação está esperando envio. Nada do que você fez será perdido.</Text>
        </Alert>
      )}
      {atRisk && (
        <Checkbox
          checked={understood}
          onChange={(event) => setUnderstood(event.currentTarget.checked)}
          label="Entendo que as ações acima serão perdidas"
        />
      )}
      <Group justify="flex-end">
        <Button variant="default" onClick={onClose}>
          Cancelar
        </Button>
        <Button
          // Shade 9: white text on Mantine's default red misses AA contrast.
          color="red.9"
          leftSection={<IconTrash size={16} aria-hidden />}
          disabled={atRisk && !understood}
          loading={erase.isPending}
          onClick={() => erase.mutate()}
        >
          Apagar dados e sair
        </Button>
      </Group>
    </Stack>
  );
}

export function EraseLocalDataDialog({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  return (
    <Modal opened={opened} onClose={onClose} title="Sair e apagar dados deste computador" size="lg" centered closeButtonProps={{ 'aria-label': 'Fechar' }}>
      {opened && <EraseDialogBody onClose={onClose} />}
    </Modal>
  );
}
