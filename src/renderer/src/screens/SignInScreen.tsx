// Sign in and sign up ("Criar agora!"), each with the address of the SAC server.
import { useState, type FormEvent } from 'react';
import {
  Alert,
  Anchor,
  Box,
  Button,
  Center,
  Paper,
  PasswordInput,
  Stack,
  Tabs,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { IconAlertCircle } from '@tabler/icons-react';
import { useMutation } from '@tanstack/react-query';
import type { SessionInfo } from '../../../shared/ipc';
import { TokenStorageDialog, type TokenStorageChoice } from '../components/shell/TokenStorageDialog';
import { callSac, SacCallError } from '../lib/sac';

type Mode = 'entrar' | 'cadastrar';

export function SignInScreen({ session }: { session: Extract<SessionInfo, { signedIn: false }> }) {
  const [mode, setMode] = useState<Mode>('entrar');
  const [serverUrl, setServerUrl] = useState(session.lastServerUrl ?? '');
  const [name, setName] = useState('');
  const [email, setEmail] = useState(session.lastEmail ?? '');
  const [password, setPassword] = useState('');
  const [inviteCode, setInviteCode] = useState('');

  const signIn = useMutation<unknown, SacCallError, TokenStorageChoice | undefined>({
    mutationFn: (tokenStorage) =>
      mode === 'entrar'
        ? callSac('auth.login', { serverUrl, email, password, ...(tokenStorage ? { tokenStorage } : {}) })
        : callSac('auth.register', { serverUrl, name, email, password, inviteCode, ...(tokenStorage ? { tokenStorage } : {}) }),
  });
  // Without an OS password store the main process refuses to keep the token until the user chooses.
  const needsStorageChoice = signIn.error?.code === 'secret_storage_unavailable';
  const error = needsStorageChoice ? null : signIn.error;
  const fieldError = (path: string) => error?.fieldMessage(path);
  // A message already shown under its field is not repeated in the box, which then only points there.
  const onFields = ['serverUrl', 'name', 'email', 'password', 'inviteCode'].some((path) => fieldError(path) !== undefined);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    signIn.mutate(undefined);
  };

  return (
    <Center mih="100%" p="xl" bg="gray.0">
      <Box w={440}>
        <Stack gap={4} mb="lg" ta="center">
          <Title order={1} size="h2" c="institutional.8">
            SAC Desktop
          </Title>
          <Text c="dimmed">Serviço de Atendimento ao Cliente, também sem conexão</Text>
        </Stack>
        <Paper withBorder shadow="sm" p="xl" radius="lg">
          <Tabs value={mode} onChange={(value) => setMode((value as Mode) ?? 'entrar')} mb="lg">
            <Tabs.List grow>
              <Tabs.Tab value="entrar">Entrar</Tabs.Tab>
              <Tabs.Tab value="cadastrar">Criar conta</Tabs.Tab>
            </Tabs.List>
          </Tabs>
          <form onSubmit={submit} noValidate>
            <Stack gap="md">
              <TextInput
                label="Endereço do servidor SAC"
                description="Informado pelo seu consultor, por exemplo https://sac.exemplo.com.br"
                placeholder="https://"
                required
                value={serverUrl}
                onChange={(event) => setServerUrl(event.currentTarget.value)}
                error={fieldError('serverUrl')}
                autoComplete="url"
              />
              {mode === 'cadastrar' && (
                <TextInput
                  label="Nome completo"
                  required
                  value={name}
                  onChange={(event) => setName(event.currentTarget.value)}
                  error={fieldError('name')}
                  autoComplete="name"
                />
              )}
              <TextInput
                label="E-mail"
                type="email"
                required
                value={email}
                onChange={(event) => setEmail(event.currentTarget.value)}
                error={fieldError('email')}
                autoComplete="email"
              />
              <PasswordInput
                label="Senha"
                description={mode === 'cadastrar' ? 'Pelo menos 8 caracteres.' : undefined}
                required
                value={password}
                onChange={(event) => setPassword(event.currentTarget.value)}
                error={fieldError('password')}
                autoComplete={mode === 'cadastrar' ? 'new-password' : 'current-password'}
              />
              {mode === 'cadastrar' && (
                <TextInput
                  label="Código de convite"
                  description="Enviado pelo seu consultor; define a sua organização."
                  required
                  value={inviteCode}
                  onChange={(event) => setInviteCode(event.currentTarget.value)}
                  error={fieldError('inviteCode')}
                />
              )}
              {error && (
                <Alert color="red" icon={<IconAlertCircle aria-hidden />} title="Não foi possível continuar" role="alert">
                  {onFields ? 'Confira o que está indicado em vermelho nos campos acima.' : error.message}
                </Alert>
              )}
              <Button type="submit" size="md" loading={signIn.isPending} fullWidth>
                {mode === 'entrar' ? 'Entrar' : 'Criar agora!'}
              </Button>
              <Text size="sm" c="dimmed" ta="center">
                {mode === 'entrar' ? 'Ainda não tem conta? ' : 'Já tem conta? '}
                <Anchor component="button" type="button" onClick={() => setMode(mode === 'entrar' ? 'cadastrar' : 'entrar')}>
                  {mode === 'entrar' ? 'Crie a sua com o código de convite' : 'Entre com seu e-mail'}
                </Anchor>
              </Text>
            </Stack>
          </form>
        </Paper>
        <Text size="xs" c="dimmed" ta="center" mt="md">
          Depois do primeiro acesso, o aplicativo funciona mesmo sem conexão com o servidor.
        </Text>
        <TokenStorageDialog opened={needsStorageChoice} onChoose={(choice) => signIn.mutate(choice)} onCancel={() => signIn.reset()} />
      </Box>
    </Center>
  );
}
