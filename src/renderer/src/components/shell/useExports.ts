// The two exports for support, as mutations with their pt-BR notifications: "Exportar cópia
// local" (a consistent copy of the user's database) and "Exportar diagnóstico".
import { notifications } from '@mantine/notifications';
import { useMutation } from '@tanstack/react-query';
import { callSac, type SacCallError } from '../../lib/sac';

export function useExportBackup() {
  return useMutation<{ savedTo: string | null }, SacCallError>({
    mutationFn: () => callSac('localData.exportBackup', {}),
    onSuccess: (result) => {
      if (result.savedTo) notifications.show({ color: 'teal', title: 'Cópia local salva', message: result.savedTo });
    },
    onError: (error) => notifications.show({ color: 'red', title: 'Não foi possível salvar a cópia', message: error.message }),
  });
}

export function useExportDiagnostics() {
  return useMutation<{ savedTo: string | null }, SacCallError>({
    mutationFn: () => callSac('support.exportDiagnostics', {}),
    onSuccess: (result) => {
      if (result.savedTo) {
        notifications.show({ color: 'teal', title: 'Diagnóstico salvo', message: `${result.savedTo}. Envie este arquivo ao suporte.` });
      }
    },
    onError: (error) => notifications.show({ color: 'red', title: 'Não foi possível salvar o diagnóstico', message: error.message }),
  });
}
