// The server's data goes back in time (a restore from backup, or commits lost to a power failure
// on a server without synchronous=FULL). This test puts back a copy of the server's file taken
// before the last pushes, then checks that the client notices from its cursor, pulls everything
// again, and resends the actions the server had acknowledged but no longer has.
import { spawn, type ChildProcess } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { AppCore } from '../../src/main/core/appCore';
import { call, newCore, registerCore } from '../support/testClient';
import { clientRows, serverRows } from './helpers';

const ROOT = resolve(__dirname, '../..');
const children: ChildProcess[] = [];
const cores: AppCore[] = [];

afterAll(async () => {
  for (const core of cores) await core.stop();
  for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
});

function launch(dataDir: string, port = 0): Promise<{ child: ChildProcess; url: string; port: number }> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'src/server/cli.ts'), '--port', String(port), '--data', dataDir, '--demo', '--log-level', 'warn'], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    children.push(child);
    let output = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const match = /listening on http:\/\/127\.0\.0\.1:(\d+)/.exec(output);
      if (match) done({ child, url: `http://127.0.0.1:${match[1]}`, port: Number(match[1]) });
    });
    child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('exit', (code) => fail(new Error(`server exited (${code}):\n${output}`)));
  });
}

function stop(child: ChildProcess): Promise<void> {
  return new Promise((done) => {
    if (child.exitCode !== null) return done();
    child.once('exit', () => done());
    child.kill('SIGTERM');
  });
}

describe('server loses its last commits', () => {
  it('lost actions are resent after a restore', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'sac-regression-rollback-'));
    const file = join(dataDir, 'sac-server.db');
    let server = await launch(dataDir);
    const url = server.url;
    const port = server.port;
    const cliente = newCore({ automaticSync: false });
    const consultor = newCore({ automaticSync: false });
    cores.push(cliente, consultor);
    await cliente.start();
    await consultor.start();
    await registerCore(cliente, url, 'DEMO-CLIENTE', 'Cliente Retrocesso');
    await registerCore(consultor, url, 'DEMO-CONSULTOR', 'Consultor Retrocesso');
    const { ticketId } = await call(cliente, 'tickets.create', { type: 'solicitacao', severity: 'media', subject: `Retrocesso ${Date.now()}`, description: '', attachmentIds: [] });
    await call(cliente, 'sync.now', {});
    await call(consultor, 'sync.now', {});

    // The state that survives the crash.
    await stop(server.child);
    copyFileSync(file, `${file}.snapshot`);
    server = await launch(dataDir, port);

    const lostText = `Comentário confirmado pelo servidor ${Date.now()}`;
    await call(cliente, 'tickets.comment', { ticketId, text: lostText });
    await call(cliente, 'checklist.set', { itemId: '06', done: true });
    const acked = await call(cliente, 'sync.now', {});
    expect(acked.pendingCount).toBe(0);

    // Power loss: the last commits are gone.
    server.child.kill('SIGKILL');
    await new Promise((done) => server.child.once('exit', done));
    for (const suffix of ['-wal', '-shm']) if (existsSync(file + suffix)) rmSync(file + suffix);
    copyFileSync(`${file}.snapshot`, file);
    server = await launch(dataDir, port);

    // After the restart the consultant writes on the same ticket.
    await call(consultor, 'sync.now', {});
    const newText = `Resposta do consultor depois do retrocesso ${Date.now()}`;
    await call(consultor, 'tickets.comment', { ticketId, text: newText });
    await call(consultor, 'sync.now', {});

    const status = await call(cliente, 'sync.now', {});
    const onServer = serverRows<{ text: string }>(dataDir, `SELECT json_extract(data_json, '$.text') AS text FROM documents WHERE entity = 'ticketEvent' AND json_extract(data_json, '$.ticketId') = ? AND json_extract(data_json, '$.kind') = 'comment'`, ticketId).map((row) => row.text);
    const local = clientRows<{ text: string; synced: number }>(cliente, `SELECT json_extract(data_json, '$.text') AS text, server_json IS NOT NULL AS synced FROM ticket_events WHERE ticket_id = ? AND json_extract(data_json, '$.kind') = 'comment'`, ticketId);

    // Expected: the client notices the server went back and resends, or at least pulls the
    // consultant's new comment.
    expect(onServer).toContain(lostText);
    expect(local.map((row) => row.text)).toContain(newText);
    await stop(server.child);
  });
});
