// Typed access to window.sac (the preload bridge) and React Query hooks over it. Any change the
// main process reports (a pull, a user action) invalidates the cached answers, so every screen
// shows the local database as it is now.
import { useEffect } from 'react';
import { QueryClient, useQuery, useQueryClient, type UseQueryOptions } from '@tanstack/react-query';
import { notifications } from '@mantine/notifications';
import { todayInSaoPaulo } from '../../../shared/format';
import type { Channel, ChannelInput, ChannelOutput, IpcError, SacBridge, SyncStatus } from '../../../shared/ipc';

declare global {
  interface Window {
    sac: SacBridge;
  }
}

/** A failed IPC call, with the pt-BR message and field errors the main process sent. */
export class SacCallError extends Error {
  readonly code: string;
  readonly fields: IpcError['fields'];

  constructor(error: IpcError) {
    super(error.message);
    this.name = 'SacCallError';
    this.code = error.code;
    this.fields = error.fields;
  }

  /** Returns the message for one form field, if the main process named it. */
  fieldMessage(path: string): string | undefined {
    return this.fields?.find((field) => field.path === path)?.message;
  }
}

export async function callSac<C extends Channel>(channel: C, input: ChannelInput<C>): Promise<ChannelOutput<C>> {
  const result = await window.sac.invoke(channel, input);
  if (!result.ok) throw new SacCallError(result.error);
  return result.value;
}

export function useSacQuery<C extends Channel>(
  channel: C,
  input: ChannelInput<C>,
  options: Omit<UseQueryOptions<ChannelOutput<C>, SacCallError>, 'queryKey' | 'queryFn'> = {},
) {
  return useQuery<ChannelOutput<C>, SacCallError>({
    queryKey: [channel, input],
    queryFn: () => callSac(channel, input),
    ...options,
  });
}

export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      // Answers come from the local database, not the network: no retries, no refetch on focus.
      queries: { retry: false, refetchOnWindowFocus: false, staleTime: Infinity },
      mutations: { retry: false },
    },
  });
}

/** Keeps the query cache in step with the main process's events. */
export function useSacEvents(): void {
  const queryClient = useQueryClient();
  useEffect(() => {
    const offStatus = window.sac.on('sync.status', (status) => {
      const previous = queryClient.getQueryData<SyncStatus>(['sync.status', {}]);
      queryClient.setQueryData(['sync.status', {}], status);
      if (previous && status.unsyncedCount > previous.unsyncedCount) {
        void queryClient.invalidateQueries({ queryKey: ['unsynced.list'] });
        notifications.show({
          id: 'unsynced',
          color: 'red',
          title: 'O servidor não aceitou uma ação',
          message: 'O que você escreveu ficou guardado em "Não sincronizado", no menu à esquerda.',
          autoClose: 10_000,
        });
      }
    });
    const offData = window.sac.on('data.changed', () => {
      void queryClient.invalidateQueries({ predicate: (query) => query.queryKey[0] !== 'sync.status' });
    });
    const offSession = window.sac.on('session.changed', (session) => {
      queryClient.setQueryData(['session.get', {}], session);
      void queryClient.invalidateQueries({ predicate: (query) => query.queryKey[0] !== 'session.get' });
    });
    const onOnline = () => void window.sac.invoke('network.changed', { online: true });
    const onOffline = () => void window.sac.invoke('network.changed', { online: false });
    window.addEventListener('online', onOnline);
    window.addEventListener('offline', onOffline);
    return () => {
      offStatus();
      offData();
      offSession();
      window.removeEventListener('online', onOnline);
      window.removeEventListener('offline', onOffline);
    };
  }, [queryClient]);
}

/**
 * Today's date in São Paulo on the server's clock, as the main process measured it: the date
 * the server checks "never in the future" against, even when this computer's clock is wrong.
 */
export function useServerToday(): string {
  const offset = useSacQuery('sync.status', {}).data?.clockOffsetMs ?? 0;
  return todayInSaoPaulo(new Date(Date.now() + offset));
}
