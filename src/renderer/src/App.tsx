// Routes of the app. Until a session exists only the sign-in screen is shown; after the first
// sign-in every screen reads the local database and works with the server unreachable.
import { Center, Loader } from '@mantine/core';
import { Navigate, Route, Routes } from 'react-router';
import { AppLayout } from './components/AppLayout';
import { useSacEvents, useSacQuery } from './lib/sac';
import { ChecklistScreen } from './screens/ChecklistScreen';
import { ConsultantOverviewScreen } from './screens/ConsultantOverviewScreen';
import { ContactsScreen } from './screens/ContactsScreen';
import { DatabaseCopyRequestScreen } from './screens/DatabaseCopyRequestScreen';
import { HomeScreen } from './screens/HomeScreen';
import { NewTicketScreen } from './screens/NewTicketScreen';
import { PlatformUpdateRequestScreen } from './screens/PlatformUpdateRequestScreen';
import { PoliciesScreen } from './screens/PoliciesScreen';
import { SignInScreen } from './screens/SignInScreen';
import { StagesScreen } from './screens/StagesScreen';
import { TicketDetailScreen } from './screens/TicketDetailScreen';
import { TicketListScreen } from './screens/TicketListScreen';

export function App() {
  useSacEvents();
  const session = useSacQuery('session.get', {});
  if (!session.data) {
    return (
      <Center h="100%">
        <Loader aria-label="Carregando" />
      </Center>
    );
  }
  if (!session.data.signedIn) return <SignInScreen session={session.data} />;
  return (
    <AppLayout session={session.data}>
      <Routes>
        <Route path="/" element={<HomeScreen session={session.data} />} />
        <Route path="/solicitacoes" element={<TicketListScreen />} />
        <Route path="/solicitacoes/nova" element={<NewTicketScreen />} />
        <Route path="/solicitacoes/:ticketId" element={<TicketDetailScreen session={session.data} />} />
        <Route path="/checklist" element={<ChecklistScreen />} />
        <Route path="/contatos" element={<ContactsScreen />} />
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
