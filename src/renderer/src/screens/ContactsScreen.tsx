// The vendor's contacts table: O que? / Onde? / Quem? / Como?, as the server sends it. Each
// e-mail address opens the e-mail program, and e-mail addresses and phone numbers copy with one click.
import { Alert, Button, Group, Paper, Stack, Table, Text } from '@mantine/core';
import { IconBrandWhatsapp, IconMail, IconPhone } from '@tabler/icons-react';
import { useMutation } from '@tanstack/react-query';
import { notifications } from '@mantine/notifications';
import { parseContactChannels, type ContactChannel } from '../../../shared/contactChannels';
import { CopyAction } from '../components/CopyAction';
import { PageHeader } from '../components/PageHeader';
import { callSac, SacCallError, useSacQuery } from '../lib/sac';

function Channel({ contactId, channel, onEmail }: { contactId: string; channel: ContactChannel; onEmail: (contactId: string, address: string) => void }) {
  const label = channel.label ? (
    <Text span size="sm" c="dimmed">
      {channel.label}:
    </Text>
  ) : null;
  if (channel.kind === 'email') {
    return (
      <Group gap={4} wrap="nowrap">
        {label}
        <Button
          variant="subtle"
          size="compact-sm"
          leftSection={<IconMail size={15} aria-hidden />}
          onClick={() => onEmail(contactId, channel.value)}
          aria-label={`Escrever e-mail para ${channel.value}`}
          styles={{ label: { whiteSpace: 'nowrap' } }}
        >
          {channel.value}
        </Button>
        <CopyAction text={channel.value} label={`Copiar e-mail ${channel.value}`} />
      </Group>
    );
  }
  if (channel.kind === 'phone') {
    const Icon = channel.label === 'WhatsApp' ? IconBrandWhatsapp : IconPhone;
    return (
      <Group gap={6} wrap="nowrap">
        <Icon size={15} aria-hidden />
        {label}
        <Text span size="sm" className="tabular" style={{ whiteSpace: 'nowrap' }}>
          {channel.value}
        </Text>
        <CopyAction text={channel.value} label={`Copiar telefone ${channel.value}${channel.label ? ` (${channel.label})` : ''}`} />
      </Group>
    );
  }
  return (
    <Group gap={4} wrap="nowrap">
      {label}
      <Text span size="sm">
        {channel.value}
      </Text>
    </Group>
  );
}

export function ContactsScreen() {
  const contacts = useSacQuery('contacts.list', {});
  const synced = Boolean(useSacQuery('sync.status', {}).data?.lastSuccessAt);
  const openEmail = useMutation<{ opened: true }, SacCallError, { contactId: string; address: string }>({
    mutationFn: (input) => callSac('contacts.openEmail', input),
    onError: (error) => notifications.show({ color: 'red', title: 'Não foi possível abrir o e-mail', message: error.message }),
  });
  return (
    <>
      <PageHeader
        title="Contatos"
        description="Toda a equipe está à disposição. Use o canal mais apropriado para cada assunto: clique num e-mail para escrever pelo seu programa de e-mail, ou copie o endereço ou o telefone."
      />
      {contacts.isSuccess && contacts.data.length === 0 && (
        <Alert color="blue">
          {synced
            ? 'O servidor SAC ainda não tem uma tabela de contatos. Peça ao seu consultor que a cadastre; ela aparece aqui na sincronização seguinte.'
            : 'A tabela de contatos ainda não foi recebida do servidor SAC. Ela aparece aqui depois da próxima sincronização.'}
        </Alert>
      )}
      <Paper withBorder radius="md" p="md">
        <Table verticalSpacing="sm" striped aria-label="Contatos">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>O que?</Table.Th>
              <Table.Th>Onde?</Table.Th>
              <Table.Th>Quem?</Table.Th>
              <Table.Th>Como?</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {contacts.data?.map((contact) => (
              <Table.Tr key={contact.id}>
                <Table.Td>{contact.what}</Table.Td>
                <Table.Td>{contact.where}</Table.Td>
                <Table.Td>{contact.who}</Table.Td>
                <Table.Td>
                  <Stack gap={2}>
                    {parseContactChannels(contact.how).map((channel, index) => (
                      <Channel key={index} contactId={contact.id} channel={channel} onEmail={(contactId, address) => openEmail.mutate({ contactId, address })} />
                    ))}
                  </Stack>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Paper>
    </>
  );
}
