// The implementation checklist: the seven activities of the procedure, each with done and its
// completion date (dd/mm/aaaa, never in the future), with "Imprimir" and "Salvar PDF".
import {
  Alert,
  Badge,
  Button,
  Checkbox,
  Group,
  Paper,
  Progress,
  Stack,
  Text,
} from '@mantine/core';
import { DateInput } from '@mantine/dates';
import { notifications } from '@mantine/notifications';
import { IconFileTypePdf, IconPrinter } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { ChecklistItemId } from '../../../shared/domain';
import { parseBrazilianDate, todayInSaoPaulo } from '../../../shared/format';
import type { ChecklistEntryView, ChecklistView } from '../../../shared/ipc';
import { PageHeader } from '../components/PageHeader';
import { PendingBadge } from '../components/badges';
import { callSac, SacCallError, useSacQuery } from '../lib/sac';

type SetInput = { itemId: ChecklistItemId; done: boolean; completedOn?: string | null };

function ChecklistRow({
  item,
  today,
  onChange,
  error,
}: {
  item: ChecklistEntryView;
  today: string;
  onChange: (input: SetInput) => void;
  error?: string;
}) {
  return (
    <Group justify="space-between" wrap="nowrap" py="sm" px="md" style={{ borderBottom: '1px solid var(--mantine-color-gray-3)' }}>
      <Checkbox
        size="md"
        checked={item.done}
        // Ticking leaves the date to the main process: today on the server's clock.
        onChange={(event) => onChange({ itemId: item.itemId, done: event.currentTarget.checked, completedOn: event.currentTarget.checked ? undefined : null })}
        label={
          <Text fw={500}>
            {item.itemId} – {item.title}
          </Text>
        }
      />
      <Group gap="sm" wrap="nowrap">
        {item.pendingSync && <PendingBadge />}
        <DateInput
          aria-label={`Data de conclusão do item ${item.itemId}`}
          placeholder="dd/mm/aaaa"
          valueFormat="DD/MM/YYYY"
          dateParser={(value) => parseBrazilianDate(value)}
          maxDate={today}
          w={150}
          value={item.completedOn}
          disabled={!item.done}
          error={error}
          onChange={(value) => value && onChange({ itemId: item.itemId, done: true, completedOn: value })}
          classNames={{ input: 'tabular' }}
        />
      </Group>
    </Group>
  );
}

export function ChecklistScreen() {
  const checklist = useSacQuery('checklist.get', {});
  const clockOffsetMs = useSacQuery('sync.status', {}).data?.clockOffsetMs ?? 0;
  const today = todayInSaoPaulo(new Date(Date.now() + clockOffsetMs));
  const queryClient = useQueryClient();
  const set = useMutation<ChecklistView, SacCallError, SetInput, { previous: ChecklistView | undefined }>({
    mutationFn: (input) => callSac('checklist.set', input),
    // Shows the change at once; the main process's answer (or its error) replaces it.
    onMutate: (input) => {
      const previous = queryClient.getQueryData<ChecklistView>(['checklist.get', {}]);
      if (previous) {
        queryClient.setQueryData<ChecklistView>(['checklist.get', {}], {
          ...previous,
          items: previous.items.map((item) =>
            item.itemId === input.itemId
              ? { ...item, done: input.done, completedOn: input.done ? (input.completedOn ?? today) : null, pendingSync: true }
              : item,
          ),
        });
      }
      return { previous };
    },
    onError: (_error, _input, context) => {
      if (context?.previous) queryClient.setQueryData(['checklist.get', {}], context.previous);
    },
    onSuccess: (view) => queryClient.setQueryData(['checklist.get', {}], view),
  });
  const print = useMutation<{ printed: boolean }, SacCallError>({
    mutationFn: () => callSac('checklist.print', {}),
    onError: (error) => notifications.show({ color: 'red', title: 'Não foi possível imprimir', message: error.message }),
  });
  const savePdf = useMutation<{ savedTo: string | null }, SacCallError>({
    mutationFn: () => callSac('checklist.savePdf', {}),
    onSuccess: (result) => {
      if (result.savedTo) notifications.show({ color: 'teal', title: 'PDF salvo', message: result.savedTo });
    },
    onError: (error) => notifications.show({ color: 'red', title: 'Não foi possível salvar o PDF', message: error.message }),
  });

  const data = checklist.data;
  const done = data?.items.filter((item) => item.done).length ?? 0;

  return (
    <>
      <PageHeader
        title="Checklist de implantação"
        description="Marque as atividades que você já fez e informe as datas para acompanhar o seu desempenho. Imprima a página para guardar com o procedimento."
        actions={
          <>
            <Button variant="default" leftSection={<IconPrinter size={18} aria-hidden />} loading={print.isPending} onClick={() => print.mutate()}>
              Imprimir
            </Button>
            <Button leftSection={<IconFileTypePdf size={18} aria-hidden />} loading={savePdf.isPending} onClick={() => savePdf.mutate()}>
              Salvar PDF
            </Button>
          </>
        }
      />
      {data && (
        <Stack gap="md" maw={960}>
          <Paper withBorder radius="md" p="md">
            <Group justify="space-between" mb={8}>
              <Text fw={600}>
                {done} de {data.items.length} atividades concluídas
              </Text>
              <Badge variant="light" color={done === data.items.length ? 'teal' : 'institutional'}>
                {Math.round((done / data.items.length) * 100)}%
              </Badge>
            </Group>
            <Progress value={(done / data.items.length) * 100} aria-label="Progresso do checklist" />
            <Text size="sm" c="dimmed" mt="sm">
              {data.organizationName} · Consultor: {data.consultantName ?? 'a definir'}
            </Text>
          </Paper>
          {set.error && (
            <Alert color="red" role="alert">
              {set.error.message}
            </Alert>
          )}
          <Paper withBorder radius="md">
            {data.items.map((item) => (
              <ChecklistRow
                key={item.itemId}
                item={item}
                today={today}
                onChange={(input) => set.mutate(input)}
                {...(set.error && set.variables?.itemId === item.itemId ? { error: set.error.fieldMessage('completedOn') } : {})}
              />
            ))}
          </Paper>
        </Stack>
      )}
    </>
  );
}
