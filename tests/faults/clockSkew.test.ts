// Computers whose clock is two days fast or slow. Sync still completes, the dates the server
// checks follow the server's clock, and conflicting edits are ordered by when they really happened.
import { describe, expect, it } from 'vitest';
import { todayInSaoPaulo } from '../../src/shared/format';
import { startFaultProxy } from '../support/faultProxy';
import { useDemoServer } from '../support/demoServerWorld';
import { call, newCore, registerCore } from '../support/testClient';

const TWO_DAYS = 2 * 86_400_000;

const world = useDemoServer();
const { cores, proxies } = world;

async function skewedClient(skewMs: number, serverUrl = world.server.url) {
  const core = newCore({ now: () => new Date(Date.now() + skewMs) });
  cores.push(core);
  await core.start();
  const credentials = await registerCore(core, serverUrl, 'DEMO-CLIENTE');
  return { core, credentials };
}

describe.each([
  { label: 'two days fast', skew: TWO_DAYS },
  { label: 'two days slow', skew: -TWO_DAYS },
])('client clock $label', ({ skew }) => {
  it('syncs and measures the offset', async () => {
    const { core } = await skewedClient(skew);

    const status = await call(core, 'sync.now', {});

    expect(status.lastError).toBeNull();
    expect(Math.abs(status.clockOffsetMs! + skew)).toBeLessThan(5_000);
  });

  it('checklist today follows the server', async () => {
    const { core } = await skewedClient(skew);
    await call(core, 'sync.now', {});

    const view = await call(core, 'checklist.set', { itemId: '01', done: true });
    const status = await call(core, 'sync.now', {});

    expect(view.items[0]?.completedOn).toBe(todayInSaoPaulo());
    expect(status.pendingCount).toBe(0);
    expect(status.unsyncedCount).toBe(0);
  });

  it('new ticket is on time', async () => {
    const { core } = await skewedClient(skew);
    await call(core, 'sync.now', {});
    const { ticketId } = await call(core, 'tickets.create', {
      type: 'solicitacao',
      severity: 'evolutiva',
      subject: 'Relógio errado',
      description: '',
      attachmentIds: [],
    });
    await call(core, 'sync.now', {});

    const ticket = await call(core, 'tickets.get', { ticketId });

    expect(ticket.deadline).toBe('no_prazo');
    expect(Math.abs(Date.parse(ticket.createdAt) - Date.now())).toBeLessThan(60_000);
  });
});

describe('same participant on two computers', () => {
  it('later real edit wins despite a fast clock', async () => {
    // Computer A runs two days fast; computer B is right. Both are offline; A edits first, B
    // edits later; B syncs first and A last, so arrival order alone would make A win.
    const networkA = await startFaultProxy(() => world.server.url);
    const networkB = await startFaultProxy(() => world.server.url);
    proxies.push(networkA, networkB);
    const a = await skewedClient(TWO_DAYS, networkA.url);
    await call(a.core, 'sync.now', {});
    const b = newCore();
    cores.push(b);
    await b.start();
    await call(b, 'auth.login', { serverUrl: networkB.url, email: a.credentials.email, password: a.credentials.password });
    await call(b, 'sync.now', {});
    networkA.setOffline(true);
    networkB.setOffline(true);

    await call(a.core, 'checklist.set', { itemId: '04', done: true, completedOn: '2026-11-20', note: 'Anotado no computador A.' });
    await new Promise((resolve) => setTimeout(resolve, 50));
    await call(b, 'checklist.set', { itemId: '04', done: true, completedOn: '2026-11-02', note: 'Corrigido no computador B.' });
    networkB.setOffline(false);
    expect((await call(b, 'sync.now', {})).pendingCount).toBe(0);
    networkA.setOffline(false);
    const statusA = await call(a.core, 'sync.now', {});
    await call(b, 'sync.now', {});

    expect(statusA.pendingCount).toBe(0);
    expect(statusA.unsyncedCount).toBe(1);
    const [kept] = await call(a.core, 'unsynced.list', {});
    expect(kept?.errorCode).toBe('superseded');
    expect(kept?.text).toContain('Anotado no computador A.');
    for (const core of [a.core, b]) {
      const item = (await call(core, 'checklist.get', {})).items.find((entry) => entry.itemId === '04');
      expect(item?.completedOn).toBe('2026-11-02');
      expect(item?.note).toBe('Corrigido no computador B.');
    }
  });
});
