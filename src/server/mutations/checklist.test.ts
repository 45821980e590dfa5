// checklist.set through POST /sync/push: each participant ticks their own seven items.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { todayInSaoPaulo } from '../../shared/format';
import type { ChecklistItemData, MutationArgs } from '../../shared/wire';
import {
  mutation,
  push,
  pushApplied,
  pushRaw,
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

describe('checklist.set made on an edit (basedOn)', () => {
  it('applies on the item\'s last edit, refuses on any other', async () => {
    const first = mutation('checklist.set', { itemId: '04', done: true, basedOn: null });
    expect((await push(server, cliente.token, [first]))[0]?.status).toBe('applied');

    const onFirst = mutation('checklist.set', { itemId: '04', done: false, note: 'Revisar.', basedOn: first.id });
    expect((await push(server, cliente.token, [onFirst]))[0]?.status).toBe('applied');

    // Made on the first edit too, by another computer that had not seen the second.
    const [stale] = await push(server, cliente.token, [mutation('checklist.set', { itemId: '04', done: true, basedOn: first.id })]);
    expect(stale?.status).toBe('rejected');
    expect(stale?.error?.code).toBe('superseded');
    expect(stale?.error?.message).toContain('feita sem ver aquela');

    const [item] = await itemsOf(cliente);
    expect(item?.data).toMatchObject({ done: false, note: 'Revisar.', editedBy: onFirst.id });
  });

  it('refuses an edit on a version the server does not have', async () => {
    const [result] = await push(server, cliente.token, [
      mutation('checklist.set', { itemId: '02', done: true, basedOn: '00000000-0000-4000-8000-000000000000' }),
    ]);
    expect(result?.error?.code).toBe('superseded');
    expect(await itemsOf(cliente)).toEqual([]);
  });

  it('a never-edited item takes basedOn null', async () => {
    const [result] = await push(server, cliente.token, [mutation('checklist.set', { itemId: '07', done: true, basedOn: null })]);
    expect(result?.status).toBe('applied');
  });
});

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

describe('checklist.set conflicts between computers', () => {
  const editAt = (isoTime: string, args: MutationArgs<'checklist.set'>) => ({ ...mutation('checklist.set', args), createdAt: isoTime });

  it('later edit wins when it arrives first', async () => {
    const earlier = editAt('2026-11-10T12:00:00.000Z', { itemId: '02', done: true, completedOn: '2026-11-10' });
    const later = editAt('2026-11-10T13:00:00.000Z', { itemId: '02', done: true, completedOn: '2026-11-03' });

    const [first] = await push(server, cliente.token, [later]);
    const [second] = await push(server, cliente.token, [earlier]);

    expect(first?.status).toBe('applied');
    expect(second?.status).toBe('rejected');
    expect(second?.error?.code).toBe('superseded');
    const [item] = await itemsOf(cliente);
    expect(item?.data.completedOn).toBe('2026-11-03');
  });

  it('superseded message names the item', async () => {
    await push(server, cliente.token, [editAt('2026-11-10T13:00:00.000Z', { itemId: '02', done: true, completedOn: '2026-11-03' })]);
    const [result] = await push(server, cliente.token, [editAt('2026-11-10T12:00:00.000Z', { itemId: '02', done: false })]);

    expect(result?.error?.message).toContain('02 – SAC – Serviço de Atendimento ao Cliente');
    expect(result?.error?.message).toContain('concluída em 03/11/2026');
  });

  it('later completion date does not win by itself', async () => {
    const laterEditEarlierDate = editAt('2026-11-20T15:00:00.000Z', { itemId: '04', done: true, completedOn: '2026-11-01' });
    const earlierEditLaterDate = editAt('2026-11-20T14:00:00.000Z', { itemId: '04', done: true, completedOn: '2026-11-19' });

    await push(server, cliente.token, [laterEditEarlierDate]);
    await push(server, cliente.token, [earlierEditLaterDate]);

    const [item] = await itemsOf(cliente);
    expect(item?.data.completedOn).toBe('2026-11-01');
  });

  it('edit times use the server clock', async () => {
    // Computer A's clock runs two days fast; its edit was really made before B's.
    const twoDays = 2 * DAY_MS;
    const now = Date.now();
    const fromA = editAt(new Date(now - 60_000 + twoDays).toISOString(), { itemId: '05', done: true, completedOn: '2026-11-05' });
    const fromB = editAt(new Date(now - 30_000).toISOString(), { itemId: '05', done: true, completedOn: '2026-11-06' });

    await push(server, cliente.token, [fromB]);
    const response = await pushRaw(server, cliente.token, {
      mutations: [fromA],
      clientTime: new Date(Date.now() + twoDays).toISOString(),
    });

    expect(response.json().results[0]).toMatchObject({ status: 'rejected', error: { code: 'superseded' } });
    const [item] = await itemsOf(cliente);
    expect(item?.data.completedOn).toBe('2026-11-06');
  });

  it('missing note keeps the stored one', async () => {
    await pushApplied(server, cliente.token, mutation('checklist.set', { itemId: '06', done: true, note: 'Lido com a equipe.' }));
    await pushApplied(server, cliente.token, mutation('checklist.set', { itemId: '06', done: true, completedOn: '2026-11-02' }));

    const [item] = await itemsOf(cliente);
    expect(item?.data.note).toBe('Lido com a equipe.');
  });

  it('removed participant is rejected', async () => {
    await server.db.deleteFrom('memberships').where('user_id', '=', cliente.user.id).execute();

    const [result] = await push(server, cliente.token, [mutation('checklist.set', { itemId: '07', done: true })]);

    expect(result?.status).toBe('rejected');
    expect(result?.error?.code).toBe('not_a_participant');
  });
});
