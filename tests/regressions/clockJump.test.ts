// The computer's clock changes between an edit and its push (an NTP correction once the network
// returns, a manual change). Each action carries the server's clock offset known when it was
// made, and one computer's actions keep their order, so the edit the participant really made
// last is the one the server keeps.
import { describe, expect, it } from 'vitest';
import { todayInSaoPaulo } from '../../src/shared/format';
import { startFaultProxy, type FaultProxy } from '../support/faultProxy';
import { useDemoServer } from '../support/demoServerWorld';
import { call, newCore, registerCore } from '../support/testClient';
import { clientRows, HOUR, movableClock, serverChecklistItem } from './helpers';

const world = useDemoServer();
const { cores, proxies } = world;

/** A calendar date some days before today in São Paulo, so the server never calls it future. */
function daysAgo(days: number): string {
  return todayInSaoPaulo(new Date(Date.now() - days * 86_400_000));
}

async function computer(clock: ReturnType<typeof movableClock>) {
  const core = newCore({ automaticSync: false, now: clock.now });
  cores.push(core);
  await core.start();
  return core;
}

async function network(): Promise<FaultProxy> {
  const proxy = await startFaultProxy(() => world.server.url);
  proxies.push(proxy);
  return proxy;
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('clock jumps on one computer', () => {
  it('later edit wins after clock goes back', async () => {
    const clock = movableClock();
    const net = await network();
    const core = await computer(clock);
    await registerCore(core, net.url, 'DEMO-CLIENTE', 'Relógio Volta');
    await call(core, 'sync.now', {});
    const userId = core.currentAccount!.user.id;

    // Offline: tick item 02; the automatic retry fails, so the edit has attempts = 1 and is not
    // replaced by the next edit (docs/SYNC.md, coalescing of unsent actions).
    net.setOffline(true);
    await call(core, 'checklist.set', { itemId: '02', done: true, completedOn: daysAgo(3) });
    expect((await call(core, 'sync.now', {})).lastError?.code).toBe('offline');
    expect(clientRows<{ attempts: number }>(core, 'SELECT attempts FROM outbox')).toEqual([{ attempts: 1 }]);

    // The clock goes back two hours (time zone fixed by hand, a dead CMOS battery, a bad NTP
    // answer); ten seconds later, in real time, the user unticks the item.
    clock.set(-2 * HOUR);
    await pause(50);
    await call(core, 'checklist.set', { itemId: '02', done: false, completedOn: null });
    expect((await call(core, 'checklist.get', {})).items.find((item) => item.itemId === '02')?.done).toBe(false);

    net.setOffline(false);
    const status = await call(core, 'sync.now', {});

    const stored = serverChecklistItem(world.server.dataDir, userId, '02');
    const unsynced = clientRows<{ error_code: string; args_json: string }>(core, 'SELECT error_code, args_json FROM unsynced');
    const local = (await call(core, 'checklist.get', {})).items.find((item) => item.itemId === '02');
    // Expected: the untick, made last, wins on the server and nothing is rejected.
    expect(stored?.done).toBe(false);
    expect(unsynced).toEqual([]);
    expect(local?.done).toBe(false);
  });
});

describe('clock corrected between edit and push', () => {
  it('older edit cannot overwrite newer one', async () => {
    // Computer A runs three hours fast while offline; NTP fixes it when the network returns,
    // just before the push. Computer B (right clock) edits the same item later and syncs first.
    const clockA = movableClock();
    clockA.set(3 * HOUR);
    const netA = await network();
    const netB = await network();
    const a = await computer(clockA);
    const credentials = await registerCore(a, netA.url, 'DEMO-CLIENTE', 'Relógio Adiantado');
    await call(a, 'sync.now', {});
    const b = await computer(movableClock());
    await call(b, 'auth.login', { serverUrl: netB.url, email: credentials.email, password: credentials.password });
    await call(b, 'sync.now', {});
    const userId = a.currentAccount!.user.id;

    netA.setOffline(true);
    await call(a, 'checklist.set', { itemId: '03', done: true, completedOn: daysAgo(5) });
    await pause(100);
    // Later in real time, on computer B: the participant corrects the item to "not done".
    await call(b, 'checklist.set', { itemId: '03', done: false, completedOn: null });
    expect((await call(b, 'sync.now', {})).pendingCount).toBe(0);
    const afterB = serverChecklistItem(world.server.dataDir, userId, '03');

    clockA.set(0);
    netA.setOffline(false);
    const statusA = await call(a, 'sync.now', {});
    const statusB = await call(b, 'sync.now', {});

    const stored = serverChecklistItem(world.server.dataDir, userId, '03');
    const unsyncedA = clientRows<{ error_code: string }>(a, 'SELECT error_code FROM unsynced');
    const unsyncedB = clientRows<{ error_code: string }>(b, 'SELECT error_code FROM unsynced');
    // Expected: B's edit was made last, so it stays and A's older edit is rejected as superseded.
    expect(stored?.done).toBe(false);
    expect(unsyncedA.map((row) => row.error_code)).toEqual(['superseded']);
  });

  it('edit made without seeing the other is kept aside', async () => {
    // Computer A runs three hours slow while offline; NTP fixes it before the push. Computer B
    // edits the item first and syncs; A edits it later in real time, without having seen B's
    // edit. No clock decides: A's edit is not applied over B's and waits in "Não sincronizado".
    const clockA = movableClock();
    clockA.set(-3 * HOUR);
    const netA = await network();
    const netB = await network();
    const a = await computer(clockA);
    const credentials = await registerCore(a, netA.url, 'DEMO-CLIENTE', 'Relógio Atrasado');
    await call(a, 'sync.now', {});
    const b = await computer(movableClock());
    await call(b, 'auth.login', { serverUrl: netB.url, email: credentials.email, password: credentials.password });
    await call(b, 'sync.now', {});
    const userId = a.currentAccount!.user.id;

    netA.setOffline(true);
    await call(b, 'checklist.set', { itemId: '05', done: true, completedOn: daysAgo(2) });
    expect((await call(b, 'sync.now', {})).pendingCount).toBe(0);
    await pause(100);
    await call(a, 'checklist.set', { itemId: '05', done: true, completedOn: daysAgo(9) });

    clockA.set(0);
    netA.setOffline(false);
    await call(a, 'sync.now', {});

    const stored = serverChecklistItem(world.server.dataDir, userId, '05');
    const unsyncedA = clientRows<{ error_code: string; error_message: string }>(a, 'SELECT error_code, error_message FROM unsynced');
    expect(stored?.completedOn).toBe(daysAgo(2));
    expect(unsyncedA.map((row) => row.error_code)).toEqual(['superseded']);
    expect(unsyncedA[0]!.error_message).toContain('feita sem ver aquela');
  });
});

describe('clock set right after being wrong', () => {
  it('fixed fast clock keeps later edits', async () => {
    // The clock runs three hours fast while the participant ticks item 01, then NTP fixes it.
    const clockA = movableClock();
    clockA.set(3 * HOUR);
    const netA = await network();
    const a = await computer(clockA);
    const b = await computer(movableClock());
    const credentials = await registerCore(a, netA.url, 'DEMO-CLIENTE', 'Relógio Corrigido');
    await call(b, 'auth.login', { serverUrl: world.server.url, email: credentials.email, password: credentials.password });
    const userId = a.currentAccount!.user.id;
    await call(a, 'checklist.set', { itemId: '01', done: true });
    expect((await call(a, 'sync.now', {})).pendingCount).toBe(0);
    clockA.set(0);
    await call(a, 'sync.now', {});

    // Offline on A: item 03 done. Later, on B: item 03 not done after all.
    netA.setOffline(true);
    await call(a, 'checklist.set', { itemId: '03', done: true, completedOn: daysAgo(5) });
    await pause(200);
    await call(b, 'checklist.set', { itemId: '03', done: false, completedOn: null });
    expect((await call(b, 'sync.now', {})).pendingCount).toBe(0);
    netA.setOffline(false);
    await call(a, 'sync.now', {});
    await call(b, 'sync.now', {});

    // B's edit was made last; A's older one comes back as superseded.
    expect(serverChecklistItem(world.server.dataDir, userId, '03')?.done).toBe(false);
    expect((await call(b, 'checklist.get', {})).items.find((item) => item.itemId === '03')?.done).toBe(false);
    expect(clientRows<{ error_code: string }>(a, 'SELECT error_code FROM unsynced').map((row) => row.error_code)).toEqual(['superseded']);
  });

  it('clock set offline dates ticks today', async () => {
    // Two days behind, with the offset measured; then set right while the server is out of reach.
    const clock = movableClock();
    clock.set(-48 * HOUR);
    const net = await network();
    const core = await computer(clock);
    await registerCore(core, net.url, 'DEMO-CLIENTE', 'Relógio Dois Dias Atrás');
    await call(core, 'sync.now', {});
    const userId = core.currentAccount!.user.id;
    net.setOffline(true);
    clock.set(0);
    await call(core, 'checklist.set', { itemId: '02', done: true });
    const local = (await call(core, 'checklist.get', {})).items.find((item) => item.itemId === '02');
    net.setOffline(false);
    await call(core, 'sync.now', {});
    await call(core, 'sync.now', {});

    // The offset measured before the clock was set no longer applies: "today" is the real today.
    expect(local?.completedOn).toBe(todayInSaoPaulo(new Date()));
    expect(await call(core, 'unsynced.list', {})).toEqual([]);
    expect(serverChecklistItem(world.server.dataDir, userId, '02')?.done).toBe(true);
  });
});
