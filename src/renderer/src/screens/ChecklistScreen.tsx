// The implementation checklist: the seven activities of the procedure with "Imprimir" and
// "Salvar PDF". Each activity has done, its completion date (dd/mm/aaaa, today by default, never
// in the future), an optional note and a link to the part of the app that covers it. A
// consultant opens a participant's checklist here too (/checklist/<userId>), read-only.
import { useCallback, useEffect, useState } from 'react';
import { Alert, Anchor, Badge, Button, Checkbox, Group, Paper, Progress, Stack, Text, Textarea, ThemeIcon } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconArrowLeft, IconArrowRight, IconCheck, IconCircleDashed, IconFileTypePdf, IconNote, IconPrinter } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Link, useParams } from 'react-router';
import { checklistProgress, completionDateProblem } from '../../../shared/checklistRules';
import type { ChecklistItemId } from '../../../shared/domain';
import { formatCalendarDate, todayInSaoPaulo } from '../../../shared/format';
import type { ChecklistEntryView, ChecklistView, PolicyView } from '../../../shared/ipc';
import { NOTE_MAX_LENGTH } from '../../../shared/wire';
import { DateField } from '../components/DateField';
import { PageHeader } from '../components/PageHeader';
import { PendingBadge } from '../components/badges';
import { callSac, SacCallError, useSacQuery, useServerToday } from '../lib/sac';

type SetInput = { itemId: ChecklistItemId; done: boolean; completedOn?: string | null; note?: string | null };

/** Returns where the app covers each activity: the SAC screens, the stages or the procedure's texts. */
function itemLink(itemId: ChecklistItemId, policies: PolicyView[] | undefined): { to: string; label: string } {
  const policy = policies?.find((item) => item.checklistItemId === itemId);
  const policyLink = (label: string) => ({ to: policy ? `/politicas/${policy.key}` : '/politicas', label });
  switch (itemId) {
    case '01':
      return policyLink('Ler o procedimento');
    case '02':
      return { to: '/solicitacoes', label: 'Abrir as solicitações do SAC' };
    case '03':
      return { to: '/etapas', label: 'Ver as etapas da implantação' };
    case '04':
      return policyLink('Ver os prazos de atendimento');
    default:
      return policyLink('Ler a política');
  }
}

function NoteEditor({
  item,
  onSave,
  onCancel,
  onDraft,
}: {
  item: ChecklistEntryView;
  onSave: (note: string) => void;
  onCancel: () => void;
  /** Reports whether the text differs from the saved note, so printing can warn about it. */
  onDraft: (unsaved: boolean) => void;
}) {
  const [text, setText] = useState(item.note ?? '');
  const unsaved = text.trim() !== (item.note ?? '').trim();
  useEffect(() => onDraft(unsaved), [unsaved, onDraft]);
  useEffect(() => () => onDraft(false), [onDraft]);
  return (
    <Stack gap="xs" mt="xs">
      <Textarea
        label={`Observação do item ${item.itemId}`}
        description="Opcional. Sai impressa abaixo da atividade."
        autosize
        minRows={2}
        maxLength={NOTE_MAX_LENGTH}
        value={text}
        onChange={(event) => setText(event.currentTarget.value)}
        autoFocus
      />
      <Group gap="xs">
        <Button size="xs" onClick={() => onSave(text)}>
          Salvar observação
        </Button>
        <Button size="xs" variant="default" onClick={onCancel}>
          Cancelar
        </Button>
      </Group>
    </Stack>
  );
}

function ChecklistRow({
  item,
  link,
  onChange,
  onNoteDraft,
  error,
}: {
  item: ChecklistEntryView;
  link: { to: string; label: string };
  onChange: (input: SetInput) => void;
  onNoteDraft: (itemId: ChecklistItemId, unsaved: boolean) => void;
  error?: string | undefined;
}) {
  const onDraft = useCallback((unsaved: boolean) => onNoteDraft(item.itemId, unsaved), [onNoteDraft, item.itemId]);
  const [editingNote, setEditingNote] = useState(false);
  const [dateMessage, setDateMessage] = useState<string | null>(null);
  const today = useServerToday();
  const dateMessageId = `data-item-${item.itemId}-erro`;
  return (
    <Stack gap={4} py="sm" px="md" style={{ borderBottom: '1px solid var(--mantine-color-gray-3)' }} data-testid={`checklist-item-${item.itemId}`}>
      <Group justify="space-between" wrap="nowrap" align="flex-start">
        <Checkbox
          size="md"
          checked={item.done}
          onChange={(event) =>
            onChange({ itemId: item.itemId, done: event.currentTarget.checked, completedOn: event.currentTarget.checked ? today : null })
          }
          label={
            <Text fw={500}>
              {item.itemId} – {item.title}
            </Text>
          }
        />
        <Group gap="sm" wrap="nowrap" align="flex-start">
          {item.pendingSync && <PendingBadge />}
          <DateField
            aria-label={`Data de conclusão do item ${item.itemId}`}
            maxDate={today}
            w={170}
            value={item.completedOn}
            disabled={!item.done}
            error={error}
            externalMessage={{ id: dateMessageId, onMessage: setDateMessage }}
            explainRejected={(date) => completionDateProblem(date, today)}
            onChange={(date) => onChange({ itemId: item.itemId, done: true, completedOn: date })}
          />
        </Group>
      </Group>
      <Group gap="md" pl={32} wrap="nowrap" justify="space-between" align="flex-start">
        <Group gap="md" wrap="wrap">
          <Anchor component={Link} to={link.to} size="sm">
            <Group gap={4} component="span" wrap="nowrap">
              {link.label}
              <IconArrowRight size={14} aria-hidden />
            </Group>
          </Anchor>
          {!editingNote && (
            <Button
              variant="subtle"
              size="compact-sm"
              leftSection={<IconNote size={14} aria-hidden />}
              onClick={() => setEditingNote(true)}
              aria-label={`${item.note ? 'Editar' : 'Adicionar'} observação do item ${item.itemId}`}
            >
              {item.note ? 'Editar observação' : 'Adicionar observação'}
            </Button>
          )}
        </Group>
      </Group>
      {dateMessage && (
        // On the left, where the calendar that opens under the date field cannot cover it.
        <Text id={dateMessageId} size="sm" c="var(--mantine-color-error)" pl={32} maw={640} role="alert">
          {dateMessage}
        </Text>
      )}
      {item.note && !editingNote && (
        <Text size="sm" c="dimmed" pl={32} style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
          Observação: {item.note}
        </Text>
      )}
      {editingNote && (
        <div style={{ paddingLeft: 32 }}>
          <NoteEditor
            item={item}
            onDraft={onDraft}
            onCancel={() => setEditingNote(false)}
            onSave={(note) => {
              setEditingNote(false);
              // The date goes along unchanged: a missing date would make the item "done today".
              onChange({ itemId: item.itemId, done: item.done, completedOn: item.completedOn, note: note.trim() ? note : null });
            }}
          />
        </div>
      )}
    </Stack>
  );
}

/** Shows a participant's item to a consultant: its state in words and icons, not a disabled form. */
function ReadOnlyRow({ item, daysSincePrevious }: { item: ChecklistEntryView; daysSincePrevious: number | undefined }) {
  const pace =
    !item.done || !item.completedOn
      ? null
      : daysSincePrevious === undefined
        ? 'primeira atividade'
        : daysSincePrevious === 0
          ? 'no mesmo dia da anterior'
          : `${daysSincePrevious} ${daysSincePrevious === 1 ? 'dia' : 'dias'} após a anterior`;
  return (
    <Group
      justify="space-between"
      wrap="nowrap"
      align="flex-start"
      py="sm"
      px="md"
      style={{ borderBottom: '1px solid var(--mantine-color-gray-3)' }}
      data-testid={`checklist-item-${item.itemId}`}
    >
      <Group gap="sm" wrap="nowrap" align="flex-start">
        <ThemeIcon size={26} radius="xl" variant={item.done ? 'filled' : 'light'} color={item.done ? 'green' : 'gray'}>
          {item.done ? <IconCheck size={16} aria-hidden /> : <IconCircleDashed size={16} aria-hidden />}
        </ThemeIcon>
        <Stack gap={2}>
          <Text fw={500}>
            {item.itemId} – {item.title}
          </Text>
          {item.note && (
            <Text size="sm" c="dimmed" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
              Observação: {item.note}
            </Text>
          )}
        </Stack>
      </Group>
      <Stack gap={0} align="flex-end" style={{ flexShrink: 0 }}>
        <Badge color={item.done ? 'green' : 'gray'} variant="light" tt="none">
          {item.done ? 'Concluída' : 'Em aberto'}
        </Badge>
        <Text size="sm" className="tabular">
          {item.completedOn ? formatCalendarDate(item.completedOn) : '__/__/____'}
        </Text>
        {pace && (
          <Text size="xs" c="dimmed">
            {pace}
          </Text>
        )}
      </Stack>
    </Group>
  );
}

function ProgressPanel({ view }: { view: ChecklistView }) {
  const progress = checklistProgress(view.items);
  const percent = Math.round((progress.done / progress.total) * 100);
  return (
    <Paper withBorder radius="md" p="md">
      <Group justify="space-between" mb={8}>
        <Text fw={600}>
          {progress.done} de {progress.total} atividades concluídas
        </Text>
        <Badge variant="light" color={progress.done === progress.total ? 'teal' : 'institutional'}>
          {percent}%
        </Badge>
      </Group>
      <Progress value={percent} aria-label="Progresso do checklist" />
      <Text size="sm" c="dimmed" mt="sm">
        {view.organizationName} · Consultor: {view.consultantName ?? 'a definir'}
        {progress.first && progress.last && progress.days !== null
          ? ` · Primeira atividade em ${formatCalendarDate(progress.first)}, última em ${formatCalendarDate(progress.last)} (${progress.days} ${progress.days === 1 ? 'dia' : 'dias'})`
          : ''}
      </Text>
    </Paper>
  );
}

export function ChecklistScreen() {
  const { userId } = useParams();
  const session = useSacQuery('session.get', {}).data;
  const ownId = session?.signedIn ? session.user.id : undefined;
  const readOnly = Boolean(userId && userId !== ownId);
  const input = readOnly ? { userId: userId! } : {};
  const queryKey = ['checklist.get', input];

  const checklist = useSacQuery('checklist.get', input);
  const policies = useSacQuery('policies.list', {}).data;
  const queryClient = useQueryClient();
  const set = useMutation<ChecklistView, SacCallError, SetInput, { previous: ChecklistView | undefined }>({
    mutationFn: (change) => callSac('checklist.set', change),
    // Shows the change at once. The main process's result, or its error, replaces it.
    onMutate: (change) => {
      const previous = queryClient.getQueryData<ChecklistView>(queryKey);
      if (previous) {
        queryClient.setQueryData<ChecklistView>(queryKey, {
          ...previous,
          items: previous.items.map((item) =>
            item.itemId === change.itemId
              ? {
                  ...item,
                  done: change.done,
                  completedOn: change.completedOn ?? null,
                  ...(change.note !== undefined ? { note: change.note } : {}),
                  pendingSync: true,
                }
              : item,
          ),
        });
      }
      return { previous };
    },
    onError: (_error, _change, context) => {
      if (context?.previous) queryClient.setQueryData(queryKey, context.previous);
    },
    onSuccess: (view) => queryClient.setQueryData(queryKey, view),
  });
  const printInput = readOnly ? { userId: userId! } : {};
  // Notes typed but not saved yet would be missing from the page without a word.
  const [unsavedNotes, setUnsavedNotes] = useState<ChecklistItemId[]>([]);
  const [printBlocked, setPrintBlocked] = useState(false);
  const onNoteDraft = useCallback((itemId: ChecklistItemId, unsaved: boolean) => {
    setUnsavedNotes((current) => {
      const others = current.filter((id) => id !== itemId);
      return unsaved ? [...others, itemId].sort() : others.length === current.length ? current : others;
    });
  }, []);
  useEffect(() => {
    if (unsavedNotes.length === 0) setPrintBlocked(false);
  }, [unsavedNotes]);
  const whenNotesSaved = (action: () => void) => () => {
    if (unsavedNotes.length > 0) setPrintBlocked(true);
    else action();
  };
  const print = useMutation<{ printed: boolean }, SacCallError>({
    mutationFn: () => callSac('checklist.print', printInput),
    onError: (error) => notifications.show({ color: 'red', title: 'Não foi possível imprimir', message: error.message }),
  });
  const savePdf = useMutation<{ savedTo: string | null }, SacCallError>({
    mutationFn: () => callSac('checklist.savePdf', printInput),
    onSuccess: (result) => {
      if (result.savedTo) notifications.show({ color: 'teal', title: 'PDF salvo', message: result.savedTo });
    },
    onError: (error) => notifications.show({ color: 'red', title: 'Não foi possível salvar o PDF', message: error.message }),
  });

  const data = checklist.data;
  const pace = data ? checklistProgress(data.items).daysSincePrevious : null;
  return (
    <>
      {readOnly && (
        <Anchor component={Link} to="/consultor/participantes" size="sm" mb="xs" display="inline-block">
          <Group gap={4} component="span">
            <IconArrowLeft size={14} aria-hidden />
            Voltar à visão do consultor
          </Group>
        </Anchor>
      )}
      <PageHeader
        title={readOnly && data ? `Checklist de ${data.userName}` : 'Checklist de implantação'}
        description={
          readOnly
            ? 'Acompanhe as atividades deste participante. Só o próprio participante marca as atividades e as datas.'
            : 'Marque as atividades que você já fez e informe as datas para acompanhar o seu desempenho. Imprima a página para guardar com o procedimento.'
        }
        actions={
          <>
            <Button variant="default" leftSection={<IconPrinter size={18} aria-hidden />} loading={print.isPending} onClick={whenNotesSaved(() => print.mutate())}>
              Imprimir
            </Button>
            <Button leftSection={<IconFileTypePdf size={18} aria-hidden />} loading={savePdf.isPending} onClick={whenNotesSaved(() => savePdf.mutate())}>
              Salvar PDF
            </Button>
          </>
        }
      />
      {checklist.error && (
        <Alert color="red" role="alert" maw={960}>
          {checklist.error.message}
        </Alert>
      )}
      {data && (
        <Stack gap="md" maw={1000}>
          <ProgressPanel view={data} />
          {printBlocked && unsavedNotes.length > 0 && (
            <Alert color="orange" role="alert" title="Observação não salva">
              {unsavedNotes.length === 1 ? `A observação do item ${unsavedNotes[0]} ainda não foi salva` : `As observações dos itens ${unsavedNotes.join(', ')} ainda não foram salvas`}{' '}
              e não sairiam na página. Clique em "Salvar observação" ou em "Cancelar" e imprima de novo.
            </Alert>
          )}
          {set.error && !set.error.fieldMessage('completedOn') && (
            <Alert color="red" role="alert">
              {set.error.message}
            </Alert>
          )}
          <Paper withBorder radius="md">
            {readOnly
              ? data.items.map((item) => (
                  <ReadOnlyRow key={item.itemId} item={item} daysSincePrevious={pace?.[item.itemId]} />
                ))
              : data.items.map((item) => (
                  <ChecklistRow
                    key={item.itemId}
                    item={item}
                    link={itemLink(item.itemId, policies)}
                    onChange={(change) => set.mutate(change)}
                    onNoteDraft={onNoteDraft}
                    error={set.error && set.variables?.itemId === item.itemId ? set.error.fieldMessage('completedOn') : undefined}
                  />
                ))}
          </Paper>
        </Stack>
      )}
    </>
  );
}
