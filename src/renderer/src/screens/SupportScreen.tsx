// "Ajuda e suporte": the app's version and updates, the local copy and its last check, the
// diagnostics file for support, and erasing this user's data from the computer.
import { useState } from 'react';
import { Badge, Button, Card, Group, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import {
  IconCircleCheck,
  IconDatabaseExport,
  IconDownload,
  IconFileDescription,
  IconTrash,
} from '@tabler/icons-react';
import { useMutation } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { formatDateTime } from '../../../shared/format';
import type { SignedInSession, UpdateStatus } from '../../../shared/ipc';
import { PageHeader } from '../components/PageHeader';
import { EraseLocalDataDialog } from '../components/shell/EraseLocalDataDialog';
import { useExportBackup, useExportDiagnostics } from '../components/shell/useExports';
import { useUpdateStatus } from '../components/shell/useUpdateStatus';
import { callSac, useSacQuery } from '../lib/sac';

function SupportCard({ title, children }: { title: string; children: ReactNode }) {
  return (
    <Card withBorder radius="md" padding="lg">
      <Stack gap="sm" h="100%">
        <Title order={2} size="h4">
          {title}
        </Title>
        {children}
      </Stack>
    </Card>
  );
}

function describeUpdate(status: UpdateStatus): string {
  switch (status.phase) {
    case 'upToDate':
      return 'Você está usando a versão mais recente.';
    case 'checking':
      return 'Procurando atualizações…';
    case 'downloading':
      return `Baixando a versão ${status.availableVersion ?? ''} (${status.percent ?? 0}%).`;
    case 'ready':
      return `A versão ${status.availableVersion ?? ''} está pronta. Use “Reiniciar e atualizar” no aviso acima.`;
    case 'waitingForSync':
      return 'A atualização será instalada quando a sincronização em andamento terminar.';
    case 'installing':
      return 'Instalando a atualização…';
    case 'idle':
      return 'A primeira verificação acontece logo após a abertura e depois a cada 4 horas.';
    default:
      return status.message ?? '';
  }
}

const TOKEN_STORAGE_TEXT = {
  protected: 'Sessão guardada no cofre de senhas do sistema.',
  'plain-text': 'Sessão guardada sem proteção, como você escolheu ao entrar.',
  memory: 'Sessão não guardada: será preciso entrar de novo ao abrir o aplicativo.',
} as const;

export function SupportScreen({ session }: { session: SignedInSession }) {
  const update = useUpdateStatus().data;
  const integrity = useSacQuery('localData.integrity', {}).data;
  const check = useMutation({ mutationFn: () => callSac('update.check', {}) });
  const backup = useExportBackup();
  const diagnostics = useExportDiagnostics();
  const [erasing, setErasing] = useState(false);

  return (
    <>
      <PageHeader title="Ajuda e suporte" description="Versão do aplicativo, atualizações, cópia dos seus dados e informações para o suporte." />
      <SimpleGrid cols={2} spacing="lg">
        <SupportCard title="Versão e atualizações">
          <Group gap="xs">
            <Text size="sm">Versão instalada:</Text>
            <Badge variant="light" color="gray" tt="none" size="lg">
              {update?.currentVersion ?? 'desenvolvimento'}
            </Badge>
          </Group>
          {update && <Text size="sm">{describeUpdate(update)}</Text>}
          {update?.lastCheckedAt && (
            <Text size="xs" c="dimmed">
              Última verificação: {formatDateTime(update.lastCheckedAt)}
            </Text>
          )}
          <Group mt="auto">
            <Button
              variant="light"
              leftSection={<IconDownload size={16} aria-hidden />}
              loading={check.isPending || update?.phase === 'checking'}
              disabled={
                update?.phase === 'unavailable' ||
                update?.phase === 'downloading' ||
                update?.phase === 'ready' ||
                update?.phase === 'waitingForSync' ||
                update?.phase === 'installing'
              }
              onClick={() => check.mutate()}
            >
              Procurar atualizações
            </Button>
          </Group>
        </SupportCard>

        <SupportCard title="Cópia local">
          <Text size="sm">
            Grava uma cópia completa dos seus dados neste computador, incluindo as ações que ainda não foram enviadas. Guarde-a em
            um pendrive ou na rede da Câmara antes de trocar de computador.
          </Text>
          {integrity?.status === 'ok' && integrity.checkedAt && (
            <Group gap={6}>
              <IconCircleCheck size={16} color="#07694b" aria-hidden />
              <Text size="sm">Dados verificados sem problemas em {formatDateTime(integrity.checkedAt)}.</Text>
            </Group>
          )}
          <Group mt="auto">
            <Button leftSection={<IconDatabaseExport size={16} aria-hidden />} loading={backup.isPending} onClick={() => backup.mutate()}>
              Exportar cópia local
            </Button>
          </Group>
        </SupportCard>

        <SupportCard title="Diagnóstico para o suporte">
          <Text size="sm">
            Gera um arquivo com as versões, o estado da sincronização e os últimos erros, para anexar a um pedido de suporte. O
            arquivo não contém nomes, e-mails, senhas nem o texto das solicitações.
          </Text>
          <Text size="xs" c="dimmed">
            Os registros completos ficam em Ajuda &gt; Abrir pasta de logs, no menu do aplicativo.
          </Text>
          <Group mt="auto">
            <Button
              variant="light"
              leftSection={<IconFileDescription size={16} aria-hidden />}
              loading={diagnostics.isPending}
              onClick={() => diagnostics.mutate()}
            >
              Exportar diagnóstico
            </Button>
          </Group>
        </SupportCard>

        <SupportCard title="Dados deste computador">
          <Text size="sm">
            Em um computador compartilhado, cada pessoa tem os próprios dados e ninguém vê os dos outros. Ao deixar de usar este
            computador, apague os seus.
          </Text>
          <Text size="xs" c="dimmed">
            {TOKEN_STORAGE_TEXT[session.tokenStorage ?? 'protected']}
          </Text>
          <Group mt="auto">
            <Button variant="outline" color="red" leftSection={<IconTrash size={16} aria-hidden />} onClick={() => setErasing(true)}>
              Sair e apagar dados deste computador
            </Button>
          </Group>
        </SupportCard>
      </SimpleGrid>
      <EraseLocalDataDialog opened={erasing} onClose={() => setErasing(false)} />
      <Text size="xs" c="dimmed" mt="lg">
        As atualizações são baixadas do servidor SAC da sua organização e só são instaladas
        quando você escolhe “Reiniciar e atualizar”, nunca durante uma sincronização.
      </Text>
    </>
  );
}
