// stage.set through POST /sync/push: consultants record the implementation stages.
import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { MutationArgs, StageData, TicketData } from '../../shared/wire';
import {
  mutation,
  push,
  registerUser,
  startTestServer,
  visibleDocuments,
  type RegisteredUser,
  type TestServer,
} from '../testing/serverHarness';

let server: TestServer;
let cliente: RegisteredUser;
let consultor: RegisteredUser;

beforeEach(async () => {
  server = await startTestServer({ demo: true });
  cliente = await registerUser(server, 'DEMO-CLIENTE');
  consultor = await registerUser(server, 'DEMO-CONSULTOR');
});

afterEach(async () => {
  await server.dispose();
});

async function stagesOf(user: RegisteredUser) {
  return visibleDocuments<StageData>(server, user.token, 'stage');
}

async function stageId(user: RegisteredUser, key: StageData['key']): Promise<string> {
  const stage = (await stagesOf(user)).find((candidate) => candidate.data.key === key);
  if (!stage) throw new Error(`stage ${key} not found`);
  return stage.id;
}

async function stageById(user: RegisteredUser, id: string): Promise<StageData | undefined> {
  return (await stagesOf(user)).find((stage) => stage.id === id)?.data;
}

async function setStage(user: RegisteredUser, args: MutationArgs<'stage.set'>) {
  const [result] = await push(server, user.token, [mutation('stage.set', args)]);
  return result;
}

describe('stage.set', () => {
  it('consultor starts a stage', async () => {
    const id = await stageId(cliente, 'levantamento');

    const result = await setStage(consultor, { stageId: id, status: 'em_andamento', startedOn: '2017-08-01' });

    const stage = await stageById(cliente, id);
    expect(result?.status).toBe('applied');
    expect(stage?.status).toBe('em_andamento');
    expect(stage?.startedOn).toBe('2017-08-01');
    expect(stage?.completedOn).toBeNull();
  });

  it('omitted dates are kept', async () => {
    const id = await stageId(cliente, 'treinamento');
    await setStage(consultor, { stageId: id, status: 'em_andamento', startedOn: '2017-08-01' });

    await setStage(consultor, { stageId: id, status: 'concluida', completedOn: '2017-08-20' });

    const stage = await stageById(cliente, id);
    expect(stage?.startedOn).toBe('2017-08-01');
    expect(stage?.completedOn).toBe('2017-08-20');
  });

  it('null clears a date', async () => {
    const id = await stageId(cliente, 'treinamento');
    await setStage(consultor, { stageId: id, status: 'em_andamento', startedOn: '2017-08-01' });

    await setStage(consultor, { stageId: id, status: 'pendente', startedOn: null });

    expect((await stageById(cliente, id))?.startedOn).toBeNull();
  });

  it('cliente cannot set a stage', async () => {
    const id = await stageId(cliente, 'levantamento');

    const result = await setStage(cliente, { stageId: id, status: 'concluida' });

    expect(result?.status).toBe('rejected');
    expect(result?.error?.code).toBe('forbidden');
    expect((await stageById(cliente, id))?.status).toBe('pendente');
  });

  it('completion before start is rejected', async () => {
    const id = await stageId(cliente, 'operacao_assistida');

    const result = await setStage(consultor, { stageId: id, status: 'concluida', startedOn: '2017-08-20', completedOn: '2017-08-01' });

    expect(result?.error?.code).toBe('invalid_dates');
  });

  it('completion before stored start is rejected', async () => {
    const id = await stageId(cliente, 'operacao_assistida');
    await setStage(consultor, { stageId: id, status: 'em_andamento', startedOn: '2017-08-20' });

    const result = await setStage(consultor, { stageId: id, status: 'concluida', completedOn: '2017-08-01' });

    expect(result?.error?.code).toBe('invalid_dates');
    expect((await stageById(cliente, id))?.completedOn).toBeNull();
  });

  it('unknown stage is stage_not_found', async () => {
    const result = await setStage(consultor, { stageId: randomUUID(), status: 'concluida' });

    expect(result?.error?.code).toBe('stage_not_found');
  });

  it('ticket id is not a stage', async () => {
    const [ticket] = await visibleDocuments<TicketData>(server, cliente.token, 'ticket');

    const result = await setStage(consultor, { stageId: ticket?.id ?? '', status: 'concluida' });

    expect(result?.error?.code).toBe('stage_not_found');
  });

  it('unknown stage status is rejected', async () => {
    const id = await stageId(cliente, 'levantamento');

    const result = await setStage(consultor, { stageId: id, status: 'parada' as 'pendente' });

    expect(result?.error?.code).toBe('invalid_args');
  });

  it('consultor sets a served org stage', async () => {
    const other = await registerUser(server, 'DEMO-OUTRA');
    const id = await stageId(other, 'levantamento');

    const result = await setStage(consultor, { stageId: id, status: 'em_andamento' });

    expect(result?.status).toBe('applied');
    expect((await stageById(other, id))?.status).toBe('em_andamento');
    expect(await stageById(cliente, id)).toBeUndefined();
  });
});
