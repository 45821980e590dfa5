// "Solicitar atualização da plataforma": a guided ticket whose date must be a Monday, Tuesday or
// Wednesday at least seven days ahead and not a holiday. The rule runs here as the user picks a
// date, to explain a refused one at once, and again in the main process when the ticket is made.
import { useMemo, useState, type FormEvent } from 'react';
import { Alert, Button, Group, Paper, Stack, Text, Textarea } from '@mantine/core';
import { IconCalendarCheck, IconCalendarX, IconInfoCircle, IconSend } from '@tabler/icons-react';
import { useMutation } from '@tanstack/react-query';
import dayjs from 'dayjs';
import {
  checkUpdateDate,
  describeDay,
  earliestUpdateDate,
  UPDATE_MIN_LEAD_DAYS,
  weekdayName,
  type HolidayLookup,
} from '../../../shared/guidedRequests';
import { formatCalendarDate } from '../../../shared/format';
import { NOTE_MAX_LENGTH } from '../../../shared/wire';
import { DateField } from '../components/DateField';
import { PageHeader } from '../components/PageHeader';
import { RequestCreated } from '../components/RequestCreated';
import { callSac, SacCallError, useSacQuery } from '../lib/sac';

/** How many of the next possible dates the form offers as one-click choices. */
const QUICK_PICKS = 6;

function shiftOneDay(isoDate: string): string {
  return dayjs(isoDate).add(1, 'day').format('YYYY-MM-DD');
}

export function PlatformUpdateRequestScreen() {
  const calendar = useSacQuery('requests.updateCalendar', {}).data;
  const [picked, setPicked] = useState<string | null>(null);
  const [note, setNote] = useState('');
  const [dateMessage, setDateMessage] = useState<string | null>(null);
  const date = picked ?? calendar?.earliest ?? null;

  const holidayName = useMemo<HolidayLookup>(() => {
    const names = new Map((calendar?.holidays ?? []).map((holiday) => [holiday.date, holiday.name]));
    return (isoDate) => names.get(isoDate) ?? null;
  }, [calendar]);
  const check = date && calendar ? checkUpdateDate(date, calendar.today, holidayName) : null;
  const nextDates = useMemo(() => {
    if (!calendar) return [];
    const dates = [calendar.earliest];
    while (dates.length < QUICK_PICKS) {
      dates.push(earliestUpdateDate(calendar.today, holidayName, shiftOneDay(dates.at(-1)!)));
    }
    return dates;
  }, [calendar, holidayName]);

  const create = useMutation<{ ticketId: string; subject: string }, SacCallError>({
    mutationFn: () => callSac('requests.platformUpdate', { date: date!, ...(note.trim() ? { note } : {}) }),
  });

  if (create.data && date) {
    return (
      <RequestCreated
        ticketId={create.data.ticketId}
        title="Pedido de atualização cadastrado"
        detail={`A atualização foi pedida para ${describeDay(date)}.`}
      />
    );
  }

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (check?.ok) create.mutate();
  };
  const dateError = (check && !check.ok ? check.message : null) ?? create.error?.fieldMessage('date');

  return (
    <>
      <PageHeader
        title="Solicitar atualização da plataforma"
        description="Toda semana sai uma nova versão com correções e novas funcionalidades. Peça a atualização pelo SAC com antecedência."
      />
      <form onSubmit={submit} noValidate>
        <Stack gap="lg" maw={820}>
          <Alert color="institutional" variant="light" icon={<IconInfoCircle aria-hidden />} title="Quando a atualização pode ser feita">
            A atualização só é feita de segunda-feira a quarta-feira, e o pedido precisa chegar com pelo menos {UPDATE_MIN_LEAD_DAYS}{' '}
            dias de antecedência. Feriados não contam.
            {calendar && ` Hoje, a primeira data possível é ${describeDay(calendar.earliest)}.`}
          </Alert>
          <Paper withBorder radius="md" p="lg">
            <Stack gap="md">
              <div>
                <Text size="sm" fw={500} mb={6} id="datas-possiveis">
                  Próximas datas possíveis
                </Text>
                <Group gap="xs" role="group" aria-labelledby="datas-possiveis">
                  {nextDates.map((option) => (
                    <Button
                      key={option}
                      size="xs"
                      variant={option === date ? 'filled' : 'default'}
                      aria-pressed={option === date}
                      aria-label={describeDay(option)}
                      onClick={() => {
                        create.reset();
                        setPicked(option);
                      }}
                      className="tabular"
                    >
                      {weekdayName(option).replace('-feira', '')}, {formatCalendarDate(option).slice(0, 5)}
                    </Button>
                  ))}
                </Group>
              </div>
              <DateField
                label="Data da atualização"
                description={
                  calendar
                    ? `Ou digite outra data: segunda, terça ou quarta-feira a partir de ${formatCalendarDate(calendar.earliest)}. No calendário, os dias possíveis aparecem em negrito e sublinhados.`
                    : undefined
                }
                required
                w={240}
                value={date}
                onChange={(next) => {
                  create.reset();
                  setPicked(next);
                }}
                error={dateError}
                externalMessage={{ id: 'data-atualizacao-erro', onMessage: setDateMessage }}
                getDayProps={(day) =>
                  calendar && checkUpdateDate(dayjs(day).format('YYYY-MM-DD'), calendar.today, holidayName).ok
                    ? { style: { fontWeight: 700, textDecoration: 'underline' } }
                    : {}
                }
              />
              {dateMessage && (
                <Alert id="data-atualizacao-erro" color="red" variant="light" icon={<IconCalendarX aria-hidden />} role="alert">
                  <Stack gap="xs" align="flex-start">
                    <Text size="sm">{dateMessage}</Text>
                    {check && !check.ok && check.suggestion && (
                      <Button
                        variant="default"
                        size="xs"
                        leftSection={<IconCalendarCheck size={16} aria-hidden />}
                        onClick={() => setPicked(check.suggestion)}
                      >
                        Usar {describeDay(check.suggestion)}
                      </Button>
                    )}
                  </Stack>
                </Alert>
              )}
              {check?.ok && date && (
                <Text size="sm" role="status">
                  Atualização pedida para <strong>{describeDay(date)}</strong>.
                </Text>
              )}
              <Textarea
                label="Observações"
                description="Opcional. Por exemplo, o melhor horário ou quem acompanha a atualização."
                autosize
                minRows={3}
                maxLength={NOTE_MAX_LENGTH}
                value={note}
                onChange={(event) => setNote(event.currentTarget.value)}
              />
            </Stack>
          </Paper>
          {create.error && !create.error.fields?.length && (
            <Alert color="red" role="alert">
              {create.error.message}
            </Alert>
          )}
          <Group justify="flex-end">
            <Button type="submit" size="md" leftSection={<IconSend size={18} aria-hidden />} loading={create.isPending} disabled={!check?.ok}>
              Enviar pedido de atualização
            </Button>
          </Group>
        </Stack>
      </form>
    </>
  );
}
