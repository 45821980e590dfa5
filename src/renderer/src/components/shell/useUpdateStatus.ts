// The application-update state, kept current by the main process's update.status events.
import { useEffect } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { useSacQuery } from '../../lib/sac';

export function useUpdateStatus() {
  const queryClient = useQueryClient();
  useEffect(
    () => window.sac.on('update.status', (status) => queryClient.setQueryData(['update.status', {}], status)),
    [queryClient],
  );
  return useSacQuery('update.status', {});
}
