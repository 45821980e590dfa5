// Etapas: the four implementation stages of the organization as a timeline, each with its status,
// dates and what it means. A consultant records a stage's status and dates; clients only read.
import { useState } from 'react';
import { Alert, Badge, Button, Group, Paper, SegmentedControl, Stack, Text, ThemeIcon, Timeline, Title } from '@mantine/core';
import { IconCircleCheck, IconCircleDashed, IconEdit, IconProgress } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import {
  STAGE_DESCRIPTIONS,
  STAGE_LABELS,
  STAGE_STATUS_LABELS,
  STAGE_STATUSES,
  type StageStatus,
} from '../../../shared/domain';
import { formatCalendarDate, todayInSaoPaulo } from '../../../shared/format';
import type { StagesView, StageView } from '../../../shared/ipc';
import { resolveStageUpdate } from '../../../shared/stageRules';
import { DateField } from '../components/DateField';
import { PageHeader } from '../components/PageHeader';
import { PendingBadge } from '../components/badges';
import { callSac, SacCallError, useSacQuery, useServerToday } from '../lib/sac';

const STATUS_LOOK: Record<StageStatus, { color: string; icon: typeof IconCircleCheck }> = {
  pendente: { color: 'gray', icon: IconCircleDashed },
  em_andamento: { color: 'blue', icon: IconProgress },
  concluida: { color: 'green', icon: IconCircleCheck },
};

function StageStatusBadge({ status }: { status: StageStatus }) {
  const { color, icon: Icon } = STATUS_LOOK[status];
  return (
    <Badge color={color} variant="light" tt="none" leftSection={<Icon size={13} aria-hidden />}>
      {STAGE_STATUS_LABELS[status]}
    </Badge>
  );
}

function describeDates(stage: StageView): string {
  if (stage.status === 'pendente') return 'Ainda não iniciada.';
  const start = stage.startedOn ? `Início em ${formatCalendarDate(stage.startedOn)}` : 'Início não informado';
  if (stage.status === 'em_andamento') return `${start}.`;
  const end = stage.completedOn ? `conclusão em ${formatCalendarDate(stage.completedOn)}` : 'conclusão não informada';
  return `${start}; ${end}.`;
}

type StageInput = { stageId: string; status: StageStatus; startedOn: string | null; completedOn: string | null };

function StageEditor({
  stage,
  saving,
  serverError,
  onSave,
  onCancel,
}: {
  stage: StageView;
  saving: boolean;
  serverError: SacCallError | null;
  onSave: (input: StageInput) => void;
  onCancel: () => void;
}) {
  const today = useServerToday();
  const [status, setStatus] = useState<StageStatus>(stage.status);
  const [startedOn, setStartedOn] = useState<string | null>(stage.startedOn);
  const [completedOn, setCompletedOn] = useState<string | null>(stage.completedOn);
  const check = resolveStageUpdate({ status, startedOn, completedOn }, today);
  const fieldError = (path: 'startedOn' | 'completedOn') =>
    (!check.ok ? check.fields.find((field) => field.path === path)?.message : undefined) ?? serverError?.fieldMessage(path);
  const label = STAGE_LABELS[stage.key];

  const changeStatus = (next: StageStatus) => {
    setStatus(next);
    // The dates a status needs start as today, which the consultant may change.
    if (next !== 'pendente' && !startedOn) setStartedOn(today);
    if (next === 'concluida' && !completedOn) setCompletedOn(today);
  };

  return (
    <Paper withBorder radius="md" p="md" mt="xs" bg="gray.0">
      <Stack gap="sm">
        <div>
          <Text size="sm" fw={500} id={`status-${stage.id}`} mb={4}>
            Situação da etapa {label}
          </Text>
          <SegmentedControl
            aria-labelledby={`status-${stage.id}`}
            value={status}
            onChange={(value) => changeStatus(value as StageStatus)}
            data={STAGE_STATUSES.map((value) => ({ value, label: STAGE_STATUS_LABELS[value] }))}
          />
        </div>
        {status !== 'pendente' && (
          <Group align="flex-start" gap="md">
            <DateField
              label="Início"
              maxDate={today}
              w={220}
              value={startedOn}
              onChange={setStartedOn}
              error={fieldError('startedOn')}
              explainRejected={(date) => (date > today ? 'A data de início não pode estar no futuro.' : null)}
            />
            {status === 'concluida' && (
              <DateField
                label="Conclusão"
                maxDate={today}
                w={220}
                value={completedOn}
                onChange={setCompletedOn}
                error={fieldError('completedOn')}
                explainRejected={(date) => (date > today ? 'A data de conclusão não pode estar no futuro.' : null)}
              />
            )}
          </Group>
        )}
        {serverError && !serverError.fields?.length && (
          <Alert color="red" role="alert">
            {serverError.message}
          </Alert>
        )}
        <Group gap="xs">
          <Button
            size="sm"
            loading={saving}
            disabled={!check.ok}
            onClick={() => check.ok && onSave({ stageId: stage.id, ...check.value })}
          >
            Salvar etapa
          </Button>
          <Button size="sm" variant="default" onClick={onCancel}>
            Cancelar
          </Button>
        </Group>
      </Stack>
    </Paper>
  );
}

export function StagesScreen() {
  const session = useSacQuery('session.get', {}).data;
  const isConsultant = session?.signedIn === true && session.user.role === 'consultor';
  const stages = useSacQuery('stages.list', {});
  const queryClient = useQueryClient();
  const [editing, setEditing] = useState<string | null>(null);
  const save = useMutation<StagesView, SacCallError, StageInput>({
    mutationFn: (input) => callSac('stages.set', input),
    onSuccess: (view) => {
      queryClient.setQueryData(['stages.list', {}], view);
      setEditing(null);
    },
  });

  const data = stages.data;
  const list = data?.stages ?? [];
  // The timeline colours every stage up to the last one that has started.
  const active = list.reduce((last, stage, index) => (stage.status === 'pendente' ? last : index), -1);

  return (
    <>
      <PageHeader
        title="Etapas da implantação"
        description={
          isConsultant
            ? 'Registre a situação e as datas de cada etapa da implantação. A organização mostrada é a escolhida no alto da tela.'
            : 'As etapas em que a nossa equipe e a sua organização trabalham juntas, com a situação de cada uma.'
        }
      />
      {list.length === 0 && stages.isSuccess && (
        <Alert color="blue" maw={880}>
          As etapas ainda não foram recebidas do servidor SAC. Elas aparecem aqui depois da próxima sincronização.
        </Alert>
      )}
      {list.length > 0 && (
        <Paper withBorder radius="md" p="lg" maw={880}>
          {data?.organizationName && (
            <Title order={2} size="h4" mb="md">
              {data.organizationName}
            </Title>
          )}
          <Timeline active={active} bulletSize={30} lineWidth={3} role="list" aria-label="Etapas da implantação">
            {list.map((stage, index) => {
              const { color, icon: Icon } = STATUS_LOOK[stage.status];
              return (
                <Timeline.Item
                  key={stage.id}
                  role="listitem"
                  bullet={
                    <ThemeIcon radius="xl" size={30} color={color} variant={stage.status === 'pendente' ? 'light' : 'filled'}>
                      <Icon size={18} aria-hidden />
                    </ThemeIcon>
                  }
                  title={
                    <Group gap="sm">
                      <Text fw={650} size="lg" component="h3" m={0}>
                        {index + 1}. {STAGE_LABELS[stage.key]}
                      </Text>
                      <StageStatusBadge status={stage.status} />
                      {stage.pendingSync && <PendingBadge />}
                    </Group>
                  }
                >
                  <Text size="sm" mt={4}>
                    {STAGE_DESCRIPTIONS[stage.key]}
                  </Text>
                  <Text size="sm" c="dimmed" mt={4} className="tabular">
                    {describeDates(stage)}
                  </Text>
                  {isConsultant && editing !== stage.id && (
                    <Button
                      mt="xs"
                      size="compact-sm"
                      variant="light"
                      leftSection={<IconEdit size={14} aria-hidden />}
                      onClick={() => {
                        save.reset();
                        setEditing(stage.id);
                      }}
                      aria-label={`Registrar a etapa ${STAGE_LABELS[stage.key]}`}
                    >
                      Registrar
                    </Button>
                  )}
                  {isConsultant && editing === stage.id && (
                    <StageEditor
                      stage={stage}
                      saving={save.isPending}
                      serverError={save.error}
                      onSave={(input) => save.mutate(input)}
                      onCancel={() => setEditing(null)}
                    />
                  )}
                </Timeline.Item>
              );
            })}
          </Timeline>
        </Paper>
      )}
    </>
  );
}
