// The frame of every screen after sign-in: the left navigation and the top bar.
import type { ReactNode } from 'react';
import { AppShell, NavLink, ScrollArea, Stack, Text } from '@mantine/core';
import {
  IconAddressBook,
  IconFilePlus,
  IconHome,
  IconListCheck,
  IconTicket,
  IconTimeline,
  IconShieldCheck,
  IconUsersGroup,
} from '@tabler/icons-react';
import { NavLink as RouterLink, useLocation } from 'react-router';
import type { SignedInSession } from '../../../shared/ipc';
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

  return (
    <AppShell header={{ height: 60 }} navbar={{ width: 220, breakpoint: 0 }} padding="lg" layout="alt">
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
                leftSection={<item.icon size={20} stroke={1.6} aria-hidden />}
                active={isActive(item)}
                variant="filled"
                styles={{ root: { borderRadius: 8 }, label: { fontSize: 15 } }}
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
        {children}
      </AppShell.Main>
    </AppShell>
  );
}
