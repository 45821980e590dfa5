// checklist.set through POST /sync/push: each participant ticks their own seven items.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { todayInSaoPaulo } from '../../shared/format';
import type { ChecklistItemData, MutationArgs } from '../../shared/wire';
import {
  mutation,
  push,
  pushApplied,
  registerUser,
  startTestServer,
  visibleDocuments,
  type RegisteredUser,
  type TestServer,
} from '../testing/serverHarness';

let server: TestServer;
let cliente: RegisteredUser;

beforeEach(async () => {
  server = await startTestServer({ demo: true });
  cliente = await registerUser(server, 'DEMO-CLIENTE');
});

afterEach(async () => {
  await server.dispose();
});

async function setItem(user: RegisteredUser, args: MutationArgs<'checklist.set'>) {
  const [result] = await push(server, user.token, [mutation('checklist.set', args)]);
  return result;
}

async function itemsOf(user: RegisteredUser) {
  return visibleDocuments<ChecklistItemData>(server, user.token, 'checklistItem');
}

const DAY_MS = 86_400_000;

describe('checklist.set', () => {
  it('done item stores its date', async () => {
    await pushApplied(server, cliente.token, mutation('checklist.set', { itemId: '01', done: true, completedOn: '2017-09-05' }));

    const [item] = await itemsOf(cliente);
    expect(item?.id).toBe(`${cliente.user.id}:01`);
    expect(item?.data.itemId).toBe('01');
    expect(item?.data.done).toBe(true);
    expect(item?.data.completedOn).toBe('2017-09-05');
  });

  it('item belongs to the participant', async () => {
    await pushApplied(server, cliente.token, mutation('checklist.set', { itemId: '03', done: true }));

    const [item] = await itemsOf(cliente);
    expect(item?.data.userId).toBe(cliente.user.id);
    expect(item?.data.organizationId).toBe(cliente.user.organizationId);
  });

  it('missing date means today in São Paulo', async () => {
    const todayBefore = todayInSaoPaulo();
    await pushApplied(server, cliente.token, mutation('checklist.set', { itemId: '02', done: true }));
    const todayAfter = todayInSaoPaulo();

    const [item] = await itemsOf(cliente);
    // Either day passes when the push straddles midnight in São Paulo.
    expect([todayBefore, todayAfter]).toContain(item?.data.completedOn);
  });

  it('today is accepted', async () => {
    const result = await setItem(cliente, { itemId: '02', done: true, completedOn: todayInSaoPaulo() });

    expect(result?.status).toBe('applied');
  });

  it('future date is rejected', async () => {
    const inTwoDays = todayInSaoPaulo(new Date(Date.now() + 2 * DAY_MS));

    const result = await setItem(cliente, { itemId: '04', done: true, completedOn: inTwoDays });

    expect(result?.status).toBe('rejected');
    expect(result?.error?.code).toBe('future_date');
    expect(await itemsOf(cliente)).toEqual([]);
  });

  it('impossible date is rejected', async () => {
    const result = await setItem(cliente, { itemId: '04', done: true, completedOn: '2017-02-30' });

    expect(result?.error?.code).toBe('invalid_args');
  });

  it('Brazilian date format is rejected', async () => {
    const result = await setItem(cliente, { itemId: '04', done: true, completedOn: '05/09/2017' });

    expect(result?.error?.code).toBe('invalid_args');
  });

  it('unknown item id is rejected', async () => {
    const result = await setItem(cliente, { itemId: '08' as '01', done: true });

    expect(result?.error?.code).toBe('invalid_args');
  });

  it('undone item clears its date', async () => {
    await pushApplied(server, cliente.token, mutation('checklist.set', { itemId: '05', done: true, completedOn: '2017-09-05' }));

    await pushApplied(server, cliente.token, mutation('checklist.set', { itemId: '05', done: false, completedOn: '2017-09-05' }));

    const items = await itemsOf(cliente);
    expect(items).toHaveLength(1);
    expect(items[0]?.data.done).toBe(false);
    expect(items[0]?.data.completedOn).toBeNull();
  });

  it('note is trimmed and kept', async () => {
    await pushApplied(server, cliente.token, mutation('checklist.set', { itemId: '06', done: true, note: '  Lido em reunião.  ' }));

    const [item] = await itemsOf(cliente);
    expect(item?.data.note).toBe('Lido em reunião.');
  });

  it('blank note is stored as null', async () => {
    await pushApplied(server, cliente.token, mutation('checklist.set', { itemId: '06', done: true, note: '   ' }));

    const [item] = await itemsOf(cliente);
    expect(item?.data.note).toBeNull();
  });

  it('same item of two participants', async () => {
    const consultor = await registerUser(server, 'DEMO-CONSULTOR');
    const colleague = await registerUser(server, 'DEMO-CLIENTE');

    await pushApplied(server, cliente.token, mutation('checklist.set', { itemId: '07', done: true }));
    await pushApplied(server, colleague.token, mutation('checklist.set', { itemId: '07', done: false }));

    const items = await itemsOf(consultor);
    expect(items.map((item) => item.id).sort()).toEqual([`${cliente.user.id}:07`, `${colleague.user.id}:07`].sort());
    expect(items.find((item) => item.data.userId === cliente.user.id)?.data.done).toBe(true);
    expect(items.find((item) => item.data.userId === colleague.user.id)?.data.done).toBe(false);
  });

  it('consultor keeps an own checklist', async () => {
    const consultor = await registerUser(server, 'DEMO-CONSULTOR');

    await pushApplied(server, consultor.token, mutation('checklist.set', { itemId: '01', done: true }));

    const items = await itemsOf(consultor);
    expect(items.map((item) => item.data.userId)).toEqual([consultor.user.id]);
  });
});
