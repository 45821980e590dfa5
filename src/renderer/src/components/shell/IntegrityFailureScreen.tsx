// Shown instead of the app when the start-up check finds the user's local database damaged.
// It says in plain words what happened and what to do; nothing is deleted unless the user
// chooses to, after exporting a copy for support.
import { useState } from 'react';
import { Alert, Box, Button, Center, Group, List, Modal, Paper, Stack, Text, Title } from '@mantine/core';
import { IconAlertTriangle, IconDatabaseExport, IconFileDescription, IconTrash } from '@tabler/icons-react';
import { notifications } from '@mantine/notifications';
import { useMutation } from '@tanstack/react-query';
import { formatDateTime } from '../../../../shared/format';
import type { LocalDataIntegrity } from '../../../../shared/ipc';
import { callSac, type SacCallError } from '../../lib/sac';
import { useExportBackup, useExportDiagnostics } from './useExports';

export function IntegrityFailureScreen({ integrity }: { integrity: LocalDataIntegrity }) {
  const backup = useExportBackup();
  const diagnostics = useExportDiagnostics();
  const [confirming, setConfirming] = useState(false);
  const erase = useMutation<unknown, SacCallError>({
    mutationFn: () => callSac('auth.logoutAndErase', { confirmed: true }),
    onError: (error) => notifications.show({ color: 'red', title: 'Não foi possível apagar os dados', message: error.message }),
  });

  return (
    <Center mih="100%" p="xl" bg="gray.0">
      <Box maw={760} w="100%">
        <Paper withBorder shadow="sm" p="xl" radius="lg">
          <Stack gap="md">
            <Group gap="sm" wrap="nowrap">
              <IconAlertTriangle size={32} color="#a8380b" aria-hidden />
              <Title order={1} size="h2">
                Os dados deste computador precisam de atenção
              </Title>
            </Group>
            <Text>
              O SAC Desktop verificou os dados guardados neste computador para a sua conta
              {integrity.checkedAt ? ` (em ${formatDateTime(integrity.checkedAt)})` : ''} e encontrou um problema no arquivo.
              Nada foi apagado ou alterado, e o aplicativo não vai usar nem sincronizar esses dados até o problema ser resolvido.
            </Text>
            <Alert color="orange" variant="light" title="O que fazer agora">
              <List type="ordered" size="sm" spacing="xs">
                <List.Item>
                  Clique em <strong>Exportar cópia local</strong> e salve o arquivo em um lugar seguro, como a pasta Documentos. A
                  cópia guarda também as ações que ainda não foram enviadas ao servidor.
                </List.Item>
                <List.Item>
                  Clique em <strong>Exportar diagnóstico</strong> e envie os dois arquivos ao suporte da Backsite, por uma
                  solicitação aberta em outro computador ou pelo e-mail de contato.
                </List.Item>
                <List.Item>
                  Quando o suporte orientar, use <strong>Apagar dados deste computador e entrar de novo</strong>: tudo o que já
                  está no servidor será baixado outra vez.
                </List.Item>
              </List>
            </Alert>
            <Text size="sm" c="dimmed">
              Não apague arquivos da pasta do SAC Desktop por conta própria: o suporte pode recuperar deles ações que ainda não
              foram enviadas.
            </Text>
            <Group>
              <Button leftSection={<IconDatabaseExport size={18} aria-hidden />} loading={backup.isPending} onClick={() => backup.mutate()}>
                Exportar cópia local
              </Button>
              <Button
                variant="light"
                leftSection={<IconFileDescription size={18} aria-hidden />}
                loading={diagnostics.isPending}
                onClick={() => diagnostics.mutate()}
              >
                Exportar diagnóstico
              </Button>
              <Button variant="outline" color="red" leftSection={<IconTrash size={18} aria-hidden />} onClick={() => setConfirming(true)}>
                Apagar dados deste computador e entrar de novo
              </Button>
            </Group>
          </Stack>
        </Paper>
      </Box>
      <Modal opened={confirming} onClose={() => setConfirming(false)} title="Apagar os dados deste computador?" centered closeButtonProps={{ 'aria-label': 'Fechar' }}>
        <Stack gap="md">
          <Text size="sm">
            Os dados danificados desta conta serão apagados deste computador e você precisará entrar de novo. As ações que não
            chegaram ao servidor só poderão ser recuperadas pelo suporte a partir da cópia local exportada.
          </Text>
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setConfirming(false)}>
              Cancelar
            </Button>
            <Button color="red.9" loading={erase.isPending} onClick={() => erase.mutate()}>
              Apagar e entrar de novo
            </Button>
          </Group>
        </Stack>
      </Modal>
    </Center>
  );
}
