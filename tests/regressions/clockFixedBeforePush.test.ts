// Found by a tester: an edit made while the clock was fast and no offset was known, pushed after
// the clock was set right, was dated at its arrival and replaced a later edit from another
// computer without a word. Settings now name the edit they were made on, so the clock no longer
// decides: the edit made without seeing the other one waits in "Não sincronizado".
import { describe, expect, it } from 'vitest';
import { startFaultProxy } from '../support/faultProxy';
import { useDemoServer } from '../support/demoServerWorld';
import { call, newCore, registerCore } from '../support/testClient';
import { HOUR, movableClock, serverChecklistItem, serverRows } from './helpers';

const world = useDemoServer();
const { cores, proxies } = world;

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('clock fixed between an offset-less edit and its push', () => {
  it('fast computer\'s edit does not replace the other computer\'s', async () => {
    const clock = movableClock();
    const network = await startFaultProxy(() => world.server.url);
    proxies.push(network);
    const first = newCore({ automaticSync: false, now: clock.now });
    const b = newCore({ automaticSync: false });
    cores.push(first, b);
    await first.start();
    await b.start();
    const credentials = await registerCore(first, network.url, 'DEMO-CLIENTE', 'Relógio adiantado e corrigido');
    await call(b, 'auth.login', { serverUrl: world.server.url, ...credentials });
    await call(first, 'sync.now', {});
    await call(b, 'sync.now', {});
    const userId = first.currentAccount!.user.id;
    const userDataDir = first.options.userDataDir;
    await first.stop();

    // Computer A starts one hour fast and offline, so no offset is known.
    clock.set(HOUR);
    network.setOffline(true);
    const a = newCore({ automaticSync: false, now: clock.now, userDataDir });
    cores.push(a);
    await a.start();
    // A past date: with the clock an hour fast near midnight in São Paulo, "today" would be tomorrow.
    await call(a, 'checklist.set', { itemId: '06', done: true, completedOn: '2026-01-10', note: 'Edição antiga do computador A.' });

    // Windows sets A's clock right while it is still offline.
    clock.set(0);
    await pause(300);

    // Later, on computer B, the participant changes the same item, and B syncs.
    await call(b, 'checklist.set', { itemId: '06', done: false, completedOn: null, note: 'Edição nova do computador B.' });
    expect((await call(b, 'sync.now', {})).pendingCount).toBe(0);

    await pause(300);
    network.setOffline(false);
    await call(a, 'sync.now', {});
    await call(b, 'sync.now', {});

    const stored = serverChecklistItem(world.server.dataDir, userId, '06');
    expect(stored).toMatchObject({ done: false, note: 'Edição nova do computador B.' });
    const unsynced = await call(a, 'unsynced.list', {});
    expect(unsynced.map((row) => [row.name, row.errorCode])).toEqual([['checklist.set', 'superseded']]);
    expect(unsynced[0]!.text).toContain('Edição antiga do computador A.');
  });

  it('fast laptop\'s stage edit does not replace the other consultant\'s', async () => {
    const clock = movableClock();
    const network = await startFaultProxy(() => world.server.url);
    proxies.push(network);
    const first = newCore({ automaticSync: false, now: clock.now });
    const b = newCore({ automaticSync: false });
    cores.push(first, b);
    await first.start();
    await b.start();
    await registerCore(first, network.url, 'DEMO-CONSULTOR', 'Consultora A');
    await registerCore(b, world.server.url, 'DEMO-CONSULTOR', 'Consultor B');
    await call(first, 'sync.now', {});
    await call(b, 'sync.now', {});
    const userDataDir = first.options.userDataDir;
    await first.stop();

    clock.set(HOUR);
    network.setOffline(true);
    const a = newCore({ automaticSync: false, now: clock.now, userDataDir });
    cores.push(a);
    await a.start();
    const stage = (await call(a, 'stages.list', {})).stages[0]!;
    await call(a, 'stages.set', { stageId: stage.id, status: 'em_andamento', startedOn: null, completedOn: null });
    clock.set(0);
    await pause(300);
    await call(b, 'stages.set', { stageId: stage.id, status: 'concluida', startedOn: null, completedOn: null });
    expect((await call(b, 'sync.now', {})).pendingCount).toBe(0);
    await pause(300);
    network.setOffline(false);
    await call(a, 'sync.now', {});
    const [row] = serverRows<{ data_json: string }>(world.server.dataDir, `SELECT data_json FROM documents WHERE entity = 'stage' AND id = ?`, stage.id);
    expect(JSON.parse(row!.data_json).status).toBe('concluida');
    expect((await call(a, 'unsynced.list', {})).map((entry) => entry.errorCode)).toEqual(['superseded']);
  });
});
