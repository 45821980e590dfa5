// Routes of the app. Until a session exists only the sign-in screen is shown; after the first
// sign-in every screen reads the local database and works with the server unreachable.
import { Center, Loader } from '@mantine/core';
import { Navigate, Route, Routes, useLocation } from 'react-router';
import { AppLayout } from './components/AppLayout';
import { IntegrityFailureScreen } from './components/shell/IntegrityFailureScreen';
import { UpdateBanner } from './components/shell/UpdateBanner';
import { useSacEvents, useSacQuery } from './lib/sac';
import { ChecklistScreen } from './screens/ChecklistScreen';
import { ConsultantOverviewScreen } from './screens/ConsultantOverviewScreen';
import { ContactsScreen } from './screens/ContactsScreen';
import { DatabaseCopyRequestScreen } from './screens/DatabaseCopyRequestScreen';
import { HomeScreen } from './screens/HomeScreen';
import { NewTicketScreen } from './screens/NewTicketScreen';
import { NotificationsScreen } from './screens/NotificationsScreen';
import { PlatformUpdateRequestScreen } from './screens/PlatformUpdateRequestScreen';
import { PoliciesScreen } from './screens/PoliciesScreen';
import { SignInScreen } from './screens/SignInScreen';
import { StagesScreen } from './screens/StagesScreen';
import { SupportScreen } from './screens/SupportScreen';
import { TicketDetailScreen } from './screens/TicketDetailScreen';
import { TicketListScreen } from './screens/TicketListScreen';
import { UnsyncedScreen } from './screens/UnsyncedScreen';

export function App() {
  useSacEvents();
  const session = useSacQuery('session.get', {});
  const integrity = useSacQuery('localData.integrity', {});
  if (!session.data || !integrity.data) {
    return (
      <Center h="100%">
        <Loader aria-label="Carregando" />
      </Center>
    );
  }
  // A damaged local database stops the app before anything reads or syncs it.
  if (integrity.data.status === 'damaged' || integrity.data.status === 'unreadable') {
    return <IntegrityFailureScreen integrity={integrity.data} />;
  }
  if (!session.data.signedIn) {
    return (
      <>
        <UpdateBanner />
        <SignInScreen session={session.data} />
      </>
    );
  }
  return (
    <AppLayout session={session.data}>
      <UpdateBanner />
      <Routes>
        <Route path="/" element={<HomeScreen session={session.data} />} />
        <Route path="/solicitacoes" element={<TicketListScreen session={session.data} />} />
        <Route path="/solicitacoes/nova" element={<NewTicketRoute />} />
        <Route path="/solicitacoes/:ticketId" element={<TicketDetailScreen session={session.data} />} />
        <Route path="/checklist" element={<ChecklistScreen />} />
        <Route path="/contatos" element={<ContactsScreen />} />
        <Route path="/nao-sincronizado" element={<UnsyncedScreen />} />
        <Route path="/notificacoes" element={<NotificationsScreen />} />
        <Route path="/suporte" element={<SupportScreen session={session.data} />} />
        <Route path="/checklist/:userId" element={<ChecklistScreen />} />
        <Route path="/etapas" element={<StagesScreen />} />
        <Route path="/politicas/:key?" element={<PoliciesScreen />} />
        <Route path="/pedidos/atualizacao" element={<PlatformUpdateRequestScreen />} />
        <Route path="/pedidos/copia-do-banco" element={<DatabaseCopyRequestScreen />} />
        {session.data.user.role === 'consultor' && <Route path="/consultor/participantes" element={<ConsultantOverviewScreen />} />}
        <Route path="*" element={<Navigate to="/" replace />} />
      </Routes>
    </AppLayout>
  );
}

/** A fresh form on every visit: following the menu link from the "Parabéns" page opens an empty one. */
function NewTicketRoute() {
  const location = useLocation();
  return <NewTicketScreen key={location.key} />;
}
