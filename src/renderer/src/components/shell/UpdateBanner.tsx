// The banner of an application update: download progress, then "Reiniciar e atualizar". The
// main process installs only when no sync is running, and says so while it waits.
import { Alert, Button, Group, Progress, Stack, Text } from '@mantine/core';
import { IconDownload, IconRefresh } from '@tabler/icons-react';
import { notifications } from '@mantine/notifications';
import { useMutation } from '@tanstack/react-query';
import { callSac, type SacCallError } from '../../lib/sac';
import { useUpdateStatus } from './useUpdateStatus';

export function UpdateBanner() {
  const status = useUpdateStatus().data;
  const install = useMutation<unknown, SacCallError>({
    mutationFn: () => callSac('update.install', {}),
    onError: (error) => notifications.show({ color: 'red', title: 'Não foi possível atualizar', message: error.message }),
  });
  if (!status) return null;
  const version = status.availableVersion ?? '';

  if (status.phase === 'downloading') {
    const percent = status.percent ?? 0;
    return (
      <Alert color="institutional" variant="light" mb="md" icon={<IconDownload aria-hidden />} title={`Nova versão ${version} disponível`}>
        <Stack gap={6}>
          <Text size="sm">Baixando a atualização em segundo plano. Você pode continuar trabalhando.</Text>
          <Group gap="sm" wrap="nowrap">
            <Progress value={percent} flex={1} size="lg" aria-label="Progresso do download da atualização" />
            <Text size="sm" fw={600} className="tabular" w={48} ta="right">
              {percent}%
            </Text>
          </Group>
        </Stack>
      </Alert>
    );
  }

  if (status.phase === 'ready') {
    return (
      <Alert color="teal" variant="light" mb="md" icon={<IconRefresh aria-hidden />} title={`A versão ${version} está pronta para instalar`}>
        <Group justify="space-between" wrap="nowrap" gap="md">
          <Text size="sm">
            O SAC Desktop será fechado e aberto de novo na nova versão. Nada do que você registrou se perde: as ações que ainda
            não foram enviadas continuam guardadas neste computador.
            {status.message ? ` ${status.message}` : ''}
          </Text>
          <Button onClick={() => install.mutate()} loading={install.isPending} leftSection={<IconRefresh size={16} aria-hidden />} style={{ flexShrink: 0 }}>
            Reiniciar e atualizar
          </Button>
        </Group>
      </Alert>
    );
  }

  if (status.phase === 'waitingForSync' || status.phase === 'installing') {
    return (
      <Alert color="institutional" variant="light" mb="md" icon={<IconRefresh aria-hidden />} title="Atualização em andamento" role="status">
        <Text size="sm">
          {status.phase === 'waitingForSync'
            ? 'A atualização será instalada assim que a sincronização em andamento terminar, para que nenhum envio seja interrompido.'
            : 'Instalando a atualização. O SAC Desktop será aberto de novo em instantes.'}
        </Text>
      </Alert>
    );
  }
  return null;
}
