// Asked at sign-in where the operating system has no protected password store (Linux without
// GNOME Keyring or KWallet): the session token can stay only in memory, or be stored with the
// unprotected fallback after the user agrees. Nothing is stored until they choose.
import { Button, List, Modal, Stack, Text } from '@mantine/core';

export type TokenStorageChoice = 'memory' | 'plain-text';

export function TokenStorageDialog({
  opened,
  onChoose,
  onCancel,
}: {
  opened: boolean;
  onChoose: (choice: TokenStorageChoice) => void;
  onCancel: () => void;
}) {
  return (
    <Modal opened={opened} onClose={onCancel} title="Este computador não tem um cofre de senhas" size="lg" centered closeButtonProps={{ 'aria-label': 'Fechar' }}>
      <Stack gap="md">
        <Text size="sm">
          O SAC Desktop guarda a sua sessão no cofre de senhas do sistema (como o GNOME Keyring ou o KWallet), para que você não
          precise entrar a cada vez. Neste computador não há um cofre disponível.
        </Text>
        <List size="sm" spacing="xs">
          <List.Item>
            <strong>Entrar sem guardar a sessão</strong> (recomendado): você precisará informar a senha sempre que abrir o SAC
            Desktop. Seus dados e ações continuam guardados neste computador.
          </List.Item>
          <List.Item>
            <strong>Guardar mesmo assim</strong>: a sessão fica gravada sem proteção. Quem usar esta conta do computador poderá
            entrar no SAC como você. Use somente se o computador for só seu.
          </List.Item>
        </List>
        <Text size="sm" c="dimmed">
          Para ter a proteção, peça ao suporte de informática que instale o GNOME Keyring ou o KWallet e entre de novo.
        </Text>
        <Stack gap="xs">
          <Button onClick={() => onChoose('memory')} data-autofocus>
            Entrar sem guardar a sessão
          </Button>
          <Button variant="outline" color="orange" onClick={() => onChoose('plain-text')}>
            Guardar mesmo assim
          </Button>
          <Button variant="subtle" color="gray" onClick={onCancel}>
            Cancelar
          </Button>
        </Stack>
      </Stack>
    </Modal>
  );
}
