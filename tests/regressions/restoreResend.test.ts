// Found by a tester: the resend of acknowledged actions after a server restore (--new-epoch) went
// by this computer's clock, which may have been set back in between, and a setting still waiting
// reached the restored server before the restore was noticed. Resends now go in the order the
// server acknowledged them, and a setting rejected for an edit that is resent follows it.
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import type { AppCore } from '../../src/main/core/appCore';
import { startServerProcess, type ServerProcess } from '../support/serverProcess';
import { call, newCore, registerCore } from '../support/testClient';
import {
  backUpServer,
  clientRows,
  HOUR,
  movableClock,
  restoreServer,
  serverChecklistItem,
  serverRows,
} from './helpers';

let server: ServerProcess;
const cores: AppCore[] = [];

beforeEach(async () => {
  await server?.stop();
  server = await startServerProcess({ demo: true });
});

afterAll(async () => {
  for (const core of cores) await core.stop();
  await server?.stop();
});

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function participantWithClock(name: string) {
  const clock = movableClock();
  const core = newCore({ automaticSync: false, now: clock.now });
  cores.push(core);
  await core.start();
  await registerCore(core, server.url, 'DEMO-CLIENTE', name);
  await call(core, 'sync.now', {});
  return { core, clock, userId: core.currentAccount!.user.id };
}

describe('resend after restore', () => {
  it('the later checklist edit stays after a restore', async () => {
    const { core, clock, userId } = await participantWithClock('Relógio uma hora adiantado');
    await backUpServer(server);
    await call(core, 'sync.now', {});

    // The computer's clock jumps one hour ahead (a wrong DST rule); the offset becomes unknown.
    clock.set(HOUR);
    await call(core, 'checklist.set', { itemId: '05', done: true, completedOn: null, note: 'Primeira versão (antiga).' });
    expect((await call(core, 'sync.now', {})).pendingCount).toBe(0);

    // NTP sets the clock right. A sync measures the offset again; then the later edit.
    clock.set(0);
    await call(core, 'sync.now', {});
    await pause(200);
    await call(core, 'checklist.set', { itemId: '05', done: false, completedOn: null, note: 'Versão final (a mais nova).' });
    expect((await call(core, 'sync.now', {})).pendingCount).toBe(0);
    expect(serverChecklistItem(server.dataDir, userId, '05')).toMatchObject({ done: false, note: 'Versão final (a mais nova).' });

    // The server is restored from the backup taken before both edits.
    await restoreServer(server);
    await call(core, 'sync.now', {});
    await call(core, 'sync.now', {});

    const stored = serverChecklistItem(server.dataDir, userId, '05');
    const local = (await call(core, 'checklist.get', {})).items.find((item) => item.itemId === '05');
    const unsynced = await call(core, 'unsynced.list', {});
    expect(stored).toMatchObject({ done: false, note: 'Versão final (a mais nova).' });
  });

  it('a ticket is resent before its comment after the clock was set back', async () => {
    const { core, clock } = await participantWithClock('Relógio atrasado');
    await backUpServer(server);
    await call(core, 'sync.now', {});

    clock.set(HOUR);
    const { ticketId } = await call(core, 'tickets.create', {
      type: 'solicitacao', severity: 'media', subject: `Relógio ${Date.now()}`, description: 'Descrição.', attachmentIds: [],
    });
    expect((await call(core, 'sync.now', {})).pendingCount).toBe(0);
    clock.set(0);
    await call(core, 'sync.now', {});
    await call(core, 'tickets.comment', { ticketId, text: 'Comentário importante depois da abertura.' });
    expect((await call(core, 'sync.now', {})).pendingCount).toBe(0);

    await restoreServer(server);
    await call(core, 'sync.now', {});
    await call(core, 'sync.now', {});

    const unsynced = await call(core, 'unsynced.list', {});
    const comments = serverRows<{ n: number }>(
      server.dataDir,
      `SELECT count(*) AS n FROM documents WHERE entity = 'ticketEvent' AND json_extract(data_json, '$.ticketId') = ? AND json_extract(data_json, '$.kind') = 'comment'`,
      ticketId,
    )[0]!.n;
    expect(unsynced).toEqual([]);
    expect(comments).toBe(1);
  });

  it('a waiting partial edit keeps the resent note', async () => {
    const { core, userId } = await participantWithClock('Nota e restauração');
    await backUpServer(server);
    await call(core, 'sync.now', {});
    await call(core, 'checklist.set', { itemId: '02', done: true, completedOn: null, note: 'Senha do SAC entregue ao setor de TI.' });
    expect((await call(core, 'sync.now', {})).pendingCount).toBe(0);
    await pause(50);
    // Later the participant unticks the item without touching the note (the note is left out).
    await call(core, 'checklist.set', { itemId: '02', done: false, completedOn: null });

    await restoreServer(server);
    await call(core, 'sync.now', {});
    await call(core, 'sync.now', {});

    const stored = serverChecklistItem(server.dataDir, userId, '02');
    const local = (await call(core, 'checklist.get', {})).items.find((item) => item.itemId === '02');
    const unsynced = await call(core, 'unsynced.list', {});
    expect(stored).toMatchObject({ done: false, note: 'Senha do SAC entregue ao setor de TI.' });
    expect(unsynced).toEqual([]);
  });
});
