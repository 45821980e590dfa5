// Clocks that change where the app cannot watch them, found by a tester: set while the app was
// closed, set back while offline, or weeks fast before any server answer. The edit made last
// must still win, and the log of acknowledged actions must survive for a server restore.
import { describe, expect, it } from 'vitest';
import { startFaultProxy } from '../support/faultProxy';
import { useDemoServer } from '../support/demoServerWorld';
import { call, newCore, registerCore } from '../support/testClient';
import { backUpServer, clientRows, HOUR, movableClock, restoreServer, serverChecklistItem, serverRows } from './helpers';

const DAY = 24 * HOUR;
const world = useDemoServer();
const { cores, proxies } = world;

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Computer A behind a proxy it can cut, with a clock the test moves, and computer B of the same participant. */
async function twoComputers(name: string) {
  const clock = movableClock();
  const network = await startFaultProxy(() => world.server.url);
  proxies.push(network);
  const a = newCore({ automaticSync: false, now: clock.now });
  const b = newCore({ automaticSync: false });
  cores.push(a, b);
  await a.start();
  await b.start();
  const credentials = await registerCore(a, network.url, 'DEMO-CLIENTE', name);
  await call(b, 'auth.login', { serverUrl: world.server.url, ...credentials });
  await call(a, 'sync.now', {});
  await call(b, 'sync.now', {});
  return { clock, network, a, b, userId: a.currentAccount!.user.id };
}

describe('clocks the app could not watch', () => {
  it('clock set while closed: the saved offset is not used', async () => {
    const { clock, network, a: first, b, userId } = await twoComputers('Relógio acertado com o programa fechado');
    const userDataDir = first.options.userDataDir;
    await first.stop();

    // The computer starts three hours fast (a clock kept in local time), offline.
    clock.set(3 * HOUR);
    network.setOffline(true);
    const a = newCore({ automaticSync: false, now: clock.now, userDataDir });
    cores.push(a);
    await a.start();
    await call(a, 'checklist.set', { itemId: '06', done: true, completedOn: '2026-01-10' });
    expect(clientRows<{ clock_offset_ms: number | null }>(a, 'SELECT clock_offset_ms FROM outbox')).toEqual([{ clock_offset_ms: null }]);
    await pause(300);
    await call(b, 'checklist.set', { itemId: '06', done: false, completedOn: null });
    expect((await call(b, 'sync.now', {})).pendingCount).toBe(0);

    network.setOffline(false);
    await call(a, 'sync.now', {});

    expect(serverChecklistItem(world.server.dataDir, userId, '06')?.done).toBe(false);
    expect(clientRows<{ error_code: string }>(a, 'SELECT error_code FROM unsynced')).toEqual([{ error_code: 'superseded' }]);
  });

  it('clock set back offline after an action', async () => {
    const { clock, network, a, b, userId } = await twoComputers('Relógio atrasado duas horas');
    network.setOffline(true);
    await call(a, 'checklist.set', { itemId: '04', done: true });
    clock.set(-2 * HOUR);
    await pause(100);
    await call(a, 'checklist.set', { itemId: '03', done: true });
    await pause(300);
    await call(b, 'checklist.set', { itemId: '03', done: false, completedOn: null, note: 'Refazer: faltou a assinatura.' });
    expect((await call(b, 'sync.now', {})).pendingCount).toBe(0);

    await pause(300);
    network.setOffline(false);
    await call(a, 'sync.now', {});

    expect(serverChecklistItem(world.server.dataDir, userId, '03')).toMatchObject({ done: false, note: 'Refazer: faltou a assinatura.' });
    expect(serverChecklistItem(world.server.dataDir, userId, '04')?.done).toBe(true);
    expect(clientRows<{ error_code: string }>(a, 'SELECT error_code FROM unsynced')).toEqual([{ error_code: 'superseded' }]);
  });

  it('weeks-fast clock before any answer keeps the resend log', async () => {
    const { clock, network, a: first } = await twoComputers('Relógio adiantado 40 dias');
    await backUpServer(world.server);
    const subject = 'Solicitação feita depois do backup';
    const { ticketId } = await call(first, 'tickets.create', { type: 'solicitacao', severity: 'media', subject, description: 'Descrição importante.', attachmentIds: [] });
    expect((await call(first, 'sync.now', {})).pendingCount).toBe(0);
    const userDataDir = first.options.userDataDir;
    await first.stop();

    // The next day the computer starts 40 days fast and offline; a sync is tried and fails.
    clock.set(40 * DAY);
    network.setOffline(true);
    const core = newCore({ automaticSync: false, now: clock.now, userDataDir });
    cores.push(core);
    await core.start();
    await call(core, 'tickets.comment', { ticketId, text: 'Comentário feito sem rede.' });
    await call(core, 'sync.now', {});
    expect(clientRows<{ name: string }>(core, 'SELECT name FROM acknowledged').map((row) => row.name)).toContain('ticket.create');

    // The clock is set right, the server was restored from the backup, the network returns.
    clock.set(0);
    await restoreServer(world.server);
    network.setOffline(false);
    await call(core, 'sync.now', {});
    await call(core, 'sync.now', {});

    const onServer = serverRows<{ n: number }>(world.server.dataDir, `SELECT count(*) AS n FROM documents WHERE entity = 'ticket' AND id = ?`, ticketId);
    expect(onServer[0]!.n).toBe(1);
    expect(clientRows(core, 'SELECT id FROM tickets WHERE id = ?', ticketId)).toHaveLength(1);
  });
});
