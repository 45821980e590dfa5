import { describe, expect, it } from 'vitest';
import { resolveStageUpdate, type StageUpdate } from './stageRules';

const TODAY = '2026-12-04';

describe('resolveStageUpdate defaults', () => {
  it.each<[string, StageUpdate, StageUpdate]>([
    [
      'not started clears both dates',
      { status: 'pendente', startedOn: '2026-11-01', completedOn: '2026-11-10' },
      { status: 'pendente', startedOn: null, completedOn: null },
    ],
    [
      'in progress starts today',
      { status: 'em_andamento', startedOn: null, completedOn: null },
      { status: 'em_andamento', startedOn: TODAY, completedOn: null },
    ],
    [
      'in progress drops an end date',
      { status: 'em_andamento', startedOn: '2026-11-01', completedOn: '2026-11-10' },
      { status: 'em_andamento', startedOn: '2026-11-01', completedOn: null },
    ],
    [
      'done ends today and starts at the end',
      { status: 'concluida', startedOn: null, completedOn: null },
      { status: 'concluida', startedOn: TODAY, completedOn: TODAY },
    ],
    [
      'done keeps both dates',
      { status: 'concluida', startedOn: '2026-10-01', completedOn: '2026-11-30' },
      { status: 'concluida', startedOn: '2026-10-01', completedOn: '2026-11-30' },
    ],
    [
      'done on the start day',
      { status: 'concluida', startedOn: '2026-11-30', completedOn: '2026-11-30' },
      { status: 'concluida', startedOn: '2026-11-30', completedOn: '2026-11-30' },
    ],
  ])('%s', (_case, input, expected) => {
    expect(resolveStageUpdate(input, TODAY)).toEqual({ ok: true, value: expected });
  });
});

describe('resolveStageUpdate problems', () => {
  it('future start', () => {
    const result = resolveStageUpdate({ status: 'em_andamento', startedOn: '2026-12-05', completedOn: null }, TODAY);

    expect(result).toEqual({
      ok: false,
      fields: [{ path: 'startedOn', message: 'A data de início não pode estar no futuro. Registre a etapa quando ela começar ou terminar.' }],
    });
  });

  it('future end', () => {
    const result = resolveStageUpdate({ status: 'concluida', startedOn: '2026-11-01', completedOn: '2027-01-10' }, TODAY);

    expect(result.ok ? [] : result.fields.map((field) => field.path)).toEqual(['completedOn']);
  });

  it('end before start', () => {
    const result = resolveStageUpdate({ status: 'concluida', startedOn: '2026-11-20', completedOn: '2026-11-19' }, TODAY);

    expect(result).toEqual({
      ok: false,
      fields: [{ path: 'completedOn', message: 'A data de conclusão da etapa não pode ser anterior à data de início.' }],
    });
  });

  it('invalid dates name both fields', () => {
    const result = resolveStageUpdate({ status: 'concluida', startedOn: '2026-02-30', completedOn: '1999-01-01' }, TODAY);

    expect(result.ok ? [] : result.fields.map((field) => field.path)).toEqual(['startedOn', 'completedOn']);
  });

  it('pending ignores bad dates', () => {
    expect(resolveStageUpdate({ status: 'pendente', startedOn: '2099-01-01', completedOn: 'x' }, TODAY).ok).toBe(true);
  });
});
