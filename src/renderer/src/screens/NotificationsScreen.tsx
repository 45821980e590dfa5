// Notificações: status changes, solutions and comments that others made on the user's tickets,
// newest first, with the unread ones marked. Opening one opens its ticket and marks it read.
import { Badge, Button, Group, Paper, Stack, Text, UnstyledButton } from '@mantine/core';
import { IconArrowBackUp, IconBell, IconCircleCheck, IconFilePlus, IconMessage, IconRefresh } from '@tabler/icons-react';
import { useMutation } from '@tanstack/react-query';
import { useNavigate } from 'react-router';
import { countOf, formatDateTime } from '../../../shared/format';
import type { NotificationKind, NotificationView } from '../../../shared/ipc';
import { PageHeader } from '../components/PageHeader';
import { callSac, useSacQuery } from '../lib/sac';

const KIND_ICONS: Record<NotificationKind, typeof IconBell> = {
  status: IconRefresh,
  solved: IconCircleCheck,
  comment: IconMessage,
  rejected: IconArrowBackUp,
  created: IconFilePlus,
};

function NotificationItem({ notification }: { notification: NotificationView }) {
  const navigate = useNavigate();
  const Icon = KIND_ICONS[notification.kind] ?? IconBell;
  const open = () => {
    void callSac('notifications.markRead', { ids: [notification.id] }).catch(() => undefined);
    void navigate(`/solicitacoes/${notification.ticketId}`);
  };
  return (
    <UnstyledButton onClick={open} className="notification-item" data-unread={!notification.read || undefined} aria-label={`${notification.read ? '' : 'Não lida: '}${notification.title}. ${notification.subject}. ${notification.actorName}: ${notification.text}`}>
      <Group gap="md" wrap="nowrap" align="flex-start">
        <Icon size={22} aria-hidden color="var(--mantine-color-institutional-7)" style={{ marginTop: 2 }} />
        <Stack gap={2} style={{ flex: 1, minWidth: 0 }}>
          <Group gap="xs">
            <Text fw={notification.read ? 500 : 700} size="sm">
              {notification.title}
            </Text>
            {!notification.read && (
              <Badge size="xs" color="institutional" variant="filled">
                nova
              </Badge>
            )}
          </Group>
          <Text size="sm">{notification.subject}</Text>
          <Text size="sm" c="dimmed" lineClamp={2}>
            {notification.actorName}: {notification.text}
          </Text>
        </Stack>
        <Text size="xs" c="dimmed" className="tabular" style={{ whiteSpace: 'nowrap' }}>
          {formatDateTime(notification.at)}
        </Text>
      </Group>
    </UnstyledButton>
  );
}

export function NotificationsScreen() {
  const list = useSacQuery('notifications.list', {});
  const markAll = useMutation({ mutationFn: () => callSac('notifications.markRead', { all: true }) });
  const data = list.data;
  return (
    <>
      <PageHeader
        title="Notificações"
        description="Mudanças de situação, soluções e comentários nas suas solicitações, trazidos pela sincronização."
        actions={
          <Button variant="default" disabled={!data?.unread} loading={markAll.isPending} onClick={() => markAll.mutate()}>
            Marcar todas como lidas
          </Button>
        }
      />
      <Paper withBorder radius="md" p="xs">
        <Text size="sm" c="dimmed" px="sm" py={6} aria-live="polite">
          {data ? (data.unread ? countOf(data.unread, 'não lida', 'não lidas') : 'Nenhuma notificação não lida') : ''}
        </Text>
        <Stack gap={0}>
          {data?.items.map((notification) => <NotificationItem key={notification.id} notification={notification} />)}
        </Stack>
        {data && data.items.length === 0 && (
          <Text c="dimmed" ta="center" py="xl">
            Nenhuma notificação ainda. Quando a equipe atualizar suas solicitações, você verá aqui.
          </Text>
        )}
      </Paper>
    </>
  );
}
