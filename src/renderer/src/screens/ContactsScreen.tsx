// The vendor's contacts table: O que? / Onde? / Quem? / Como?, as the server sends it.
import { Paper, Table } from '@mantine/core';
import { PageHeader } from '../components/PageHeader';
import { useSacQuery } from '../lib/sac';

export function ContactsScreen() {
  const contacts = useSacQuery('contacts.list', {});
  return (
    <>
      <PageHeader title="Contatos" description="Toda a equipe está à disposição. Use o canal mais apropriado para cada assunto." />
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
                <Table.Td>{contact.how}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Paper>
    </>
  );
}
