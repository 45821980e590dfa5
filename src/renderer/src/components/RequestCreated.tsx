// The confirmation after a guided request: it is a ticket like any other, waiting in the outbox
// until the server gives it a protocol number.
import { Button, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { IconCircleCheck } from '@tabler/icons-react';
import { Link } from 'react-router';

export function RequestCreated({ ticketId, title, detail }: { ticketId: string; title: string; detail: string }) {
  return (
    <Paper withBorder radius="md" p="xl" maw={760}>
      <Stack gap="md" align="flex-start">
        <Group gap="sm" wrap="nowrap">
          <IconCircleCheck size={32} color="var(--mantine-color-teal-7)" aria-hidden />
          <Title order={2} size="h3" role="status">
            {title}
          </Title>
        </Group>
        <Text>{detail}</Text>
        <Text c="dimmed">
          O pedido é uma solicitação do SAC: será enviado ao servidor assim que houver conexão, receberá um número de protocolo e
          pode ser acompanhado em Solicitações.
        </Text>
        <Group>
          <Button component={Link} to={`/solicitacoes/${ticketId}`}>
            Ver solicitação
          </Button>
          <Button component={Link} to="/politicas" variant="default">
            Voltar às políticas
          </Button>
        </Group>
      </Stack>
    </Paper>
  );
}
