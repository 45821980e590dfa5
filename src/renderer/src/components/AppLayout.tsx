// The frame of every screen after sign-in: the left navigation and the top bar.
import { useEffect, type ReactNode } from 'react';
import { AppShell, Badge, NavLink, Progress, ScrollArea, Stack, Text } from '@mantine/core';
import {
  IconAlertTriangle,
  IconAddressBook,
  IconBell,
  IconFilePlus,
  IconHome,
  IconLifebuoy,
  IconListCheck,
  IconTicket,
  IconTimeline,
  IconShieldCheck,
  IconUsersGroup,
} from '@tabler/icons-react';
import { NavLink as RouterLink, useLocation, useNavigate } from 'react-router';
import { countOf } from '../../../shared/format';
import type { SignedInSession } from '../../../shared/ipc';
import { useSacQuery } from '../lib/sac';
import { TopBar } from './TopBar';

interface NavigationItem {
  to: string;
  label: string;
  icon: typeof IconHome;
  exact: boolean;
  /** Further path prefixes under which the entry shows as active. */
  alsoActiveUnder?: string[];
  consultantOnly?: boolean;
}

const NAVIGATION: NavigationItem[] = [
  { to: '/', label: 'Início', icon: IconHome, exact: true },
  { to: '/solicitacoes', label: 'Solicitações', icon: IconTicket, exact: true },
  { to: '/solicitacoes/nova', label: 'Nova solicitação', icon: IconFilePlus, exact: true },
  { to: '/checklist', label: 'Checklist', icon: IconListCheck, exact: true },
  { to: '/contatos', label: 'Contatos', icon: IconAddressBook, exact: true },
  { to: '/etapas', label: 'Etapas', icon: IconTimeline, exact: true },
  // Also active on a policy's own page and on the guided requests the policies offer.
  { to: '/politicas', label: 'Políticas e prazos', icon: IconShieldCheck, exact: false, alsoActiveUnder: ['/pedidos/'] },
  // A participant's checklist opens from the overview, so the overview stays active there.
  {
    to: '/consultor/participantes',
    label: 'Visão do consultor',
    icon: IconUsersGroup,
    exact: false,
    alsoActiveUnder: ['/checklist/'],
    consultantOnly: true,
  },
  { to: '/notificacoes', label: 'Notificações', icon: IconBell, exact: true },
  { to: '/nao-sincronizado', label: 'Não sincronizado', icon: IconAlertTriangle, exact: true },
  { to: '/suporte', label: 'Ajuda e suporte', icon: IconLifebuoy, exact: true },
];

export function AppLayout({ session, children }: { session: SignedInSession; children: ReactNode }) {
  const location = useLocation();
  const isActive = (item: NavigationItem) => {
    const to = item.to;
    if (to === '/solicitacoes') return location.pathname === to || /^\/solicitacoes\/(?!nova)/.test(location.pathname);
    if (!item.exact) {
      const prefixes = [`${to}/`, ...(item.alsoActiveUnder ?? [])];
      return location.pathname === to || prefixes.some((prefix) => location.pathname.startsWith(prefix));
    }
    return location.pathname === to;
  };
  const navigation = NAVIGATION.filter((item) => !item.consultantOnly || session.user.role === 'consultor');
  const status = useSacQuery('sync.status', {}).data;
  const unsynced = status?.unsyncedCount ?? 0;
  const progress = status?.progress;
  const navigate = useNavigate();
  const unread = useSacQuery('notifications.list', {}).data?.unread ?? 0;
  // A click on a desktop notification opens its ticket, or Notificações for a summary.
  useEffect(
    () =>
      window.sac.on('notification.open', ({ ticketId }) => {
        void navigate(ticketId ? `/solicitacoes/${ticketId}` : '/notificacoes');
      }),
    [navigate],
  );

  return (
    <AppShell header={{ height: 60 }} navbar={{ width: { base: 200, lg: 236 }, breakpoint: 0 }} padding="lg" layout="alt">
      <a className="skip-link" href="#conteudo">
        Pular para o conteúdo
      </a>
      <AppShell.Header>
        <TopBar session={session} />
      </AppShell.Header>
      <AppShell.Navbar p="sm" aria-label="Navegação principal">
        <AppShell.Section px="xs" pb="md" pt={4}>
          <Text fw={700} size="xl" c="institutional.8" lh={1.1}>
            SAC Desktop
          </Text>
          <Text size="xs" c="dimmed">
            Atendimento e implantação
          </Text>
        </AppShell.Section>
        <AppShell.Section grow component={ScrollArea}>
          <Stack gap={4}>
            {navigation.map((item) => (
              <NavLink
                key={item.to}
                component={RouterLink}
                to={item.to}
                end
                label={item.label}
                aria-label={
                  item.to === '/notificacoes' && unread > 0
                    ? `${item.label} (${unread} não lidas)`
                    : item.to === '/nao-sincronizado' && unsynced > 0
                      ? `${item.label} (${countOf(unsynced, 'não aceita', 'não aceitas')})`
                      : undefined
                }
                rightSection={
                  item.to === '/notificacoes' && unread > 0 ? (
                    <Badge size="sm" color="red" variant="filled" circle={unread < 10} data-testid="unread-count">
                      {unread > 99 ? '99+' : unread}
                    </Badge>
                  ) : item.to === '/nao-sincronizado' && unsynced > 0 ? (
                    <Badge color="red" size="sm" circle>
                      {unsynced}
                    </Badge>
                  ) : undefined
                }
                leftSection={<item.icon size={20} stroke={1.6} aria-hidden />}
                active={isActive(item)}
                variant="filled"
                styles={{ root: { borderRadius: 8 }, label: { fontSize: 15, whiteSpace: 'nowrap' } }}
              />
            ))}
          </Stack>
        </AppShell.Section>
        <AppShell.Section>
          <Text size="xs" c="dimmed" px="xs">
            SAC Desktop · funciona sem conexão
          </Text>
        </AppShell.Section>
      </AppShell.Navbar>
      <AppShell.Main id="conteudo" tabIndex={-1}>
        {progress?.total ? (
          <Progress
            value={Math.min(100, (progress.done / progress.total) * 100)}
            size="sm"
            mb="md"
            aria-label={`Sincronização: ${progress.done.toLocaleString('pt-BR')} de ${progress.total.toLocaleString('pt-BR')}`}
          />
        ) : null}
        {children}
      </AppShell.Main>
    </AppShell>
  );
}
