// Rules for recording an implementation stage, shared by the main process and the UI: which
// dates each status needs and which dates are acceptable. The server checks the date order again.
import type { StageStatus } from './domain';
import { isIsoDate, EARLIEST_COMPLETION_DATE } from './checklistRules';

export interface StageUpdate {
  status: StageStatus;
  startedOn: string | null;
  completedOn: string | null;
}

export type StageUpdateResult =
  | { ok: true; value: StageUpdate }
  | { ok: false; fields: Array<{ path: 'startedOn' | 'completedOn'; message: string }> };

function dateProblem(date: string, today: string, what: string): string | null {
  if (!isIsoDate(date) || date < EARLIEST_COMPLETION_DATE) return 'Data inválida. Digite a data no formato dd/mm/aaaa.';
  if (date > today) return `A data de ${what} não pode estar no futuro. Registre a etapa quando ela começar ou terminar.`;
  return null;
}

/**
 * Completes and checks a stage update. A stage not started has no dates; one in progress needs
 * its start (today by default) and no end; a finished one needs its end (today by default) and a
 * start, which defaults to the end. No date may be in the future or come before 2000, and the
 * end may not come before the start.
 */
export function resolveStageUpdate(input: StageUpdate, today: string): StageUpdateResult {
  let { startedOn, completedOn } = input;
  switch (input.status) {
    case 'pendente':
      startedOn = null;
      completedOn = null;
      break;
    case 'em_andamento':
      startedOn = startedOn ?? today;
      completedOn = null;
      break;
    case 'concluida':
      completedOn = completedOn ?? today;
      startedOn = startedOn ?? completedOn;
      break;
  }

  const fields: Array<{ path: 'startedOn' | 'completedOn'; message: string }> = [];
  const startProblem = startedOn ? dateProblem(startedOn, today, 'início') : null;
  const endProblem = completedOn ? dateProblem(completedOn, today, 'conclusão') : null;
  if (startProblem) fields.push({ path: 'startedOn', message: startProblem });
  if (endProblem) fields.push({ path: 'completedOn', message: endProblem });
  if (!startProblem && !endProblem && startedOn && completedOn && completedOn < startedOn) {
    fields.push({ path: 'completedOn', message: 'A data de conclusão da etapa não pode ser anterior à data de início.' });
  }
  return fields.length > 0 ? { ok: false, fields } : { ok: true, value: { status: input.status, startedOn, completedOn } };
}
