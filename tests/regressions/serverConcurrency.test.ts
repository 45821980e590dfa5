// Server-side exactly-once under concurrency: the same batch pushed on many connections at once,
// many creates in parallel, and a server killed with SIGKILL in the middle of a batch.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { SacApi } from '../../src/main/core/sync/sacApi';
import type { AuthResponse, Mutation } from '../../src/shared/wire';
import { serverRows } from './helpers';

const ROOT = resolve(__dirname, '../..');
const children: ChildProcess[] = [];

afterAll(() => {
  for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
});

/** Starts the server CLI as a child the test can SIGKILL. */
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

function register(url: string, invite: string): Promise<AuthResponse> {
  return new SacApi({ serverUrl: url }).register({
    name: `Concorrência ${invite}`,
    email: `${randomUUID()}@exemplo.com.br`,
    password: 'senha-de-teste-1',
    inviteCode: invite,
  });
}

const mutation = (name: Mutation['name'], args: Record<string, unknown>): Mutation =>
  ({ id: randomUUID(), name, args, createdAt: new Date().toISOString() }) as Mutation;

describe('server exactly-once', () => {
  it('same batch on twenty connections', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'sac-regression-conc-'));
    const server = await launch(dataDir);
    const cliente = await register(server.url, 'DEMO-CLIENTE');
    const consultor = await register(server.url, 'DEMO-CONSULTOR');
    const ticketId = randomUUID();
    const asCliente = () => new SacApi({ serverUrl: server.url, token: cliente.token });
    const asConsultor = new SacApi({ serverUrl: server.url, token: consultor.token });
    await asCliente().push([mutation('ticket.create', { ticketId, type: 'solicitacao', severity: 'media', subject: 'Concorrente', description: '' })]);
    await asConsultor.push([mutation('ticket.solve', { ticketId, result: 'Feito', text: 'Pronto.' })]);

    const batch = [
      mutation('ticket.reject', { ticketId, reason: 'Continua com erro.' }),
      ...Array.from({ length: 10 }, (_, index) => mutation('ticket.comment', { ticketId, text: `Comentário paralelo ${index}` })),
      mutation('checklist.set', { itemId: '01', done: true }),
    ];
    const answers = await Promise.all(Array.from({ length: 20 }, () => asCliente().push(batch)));

    const appliedPerId = new Map<string, number>();
    for (const answer of answers) {
      for (const result of answer.results) if (result.status === 'applied') appliedPerId.set(result.id, (appliedPerId.get(result.id) ?? 0) + 1);
    }
    const [ticket] = serverRows<{ data_json: string }>(dataDir, `SELECT data_json FROM documents WHERE entity = 'ticket' AND id = ?`, ticketId);
    const comments = serverRows<{ n: number }>(
      dataDir,
      `SELECT count(*) AS n FROM documents WHERE entity = 'ticketEvent' AND json_extract(data_json, '$.ticketId') = ? AND json_extract(data_json, '$.kind') = 'comment'`,
      ticketId,
    )[0]!.n;
    const recorded = serverRows<{ n: number }>(dataDir, `SELECT count(*) AS n FROM mutations WHERE id IN (${batch.map(() => '?').join(',')})`, ...batch.map((entry) => entry.id))[0]!.n;

    expect([...appliedPerId.values()]).toEqual(batch.map(() => 1));
    expect(JSON.parse(ticket!.data_json).rejectionCount).toBe(1);
    expect(comments).toBe(10);
    expect(recorded).toBe(batch.length);
    server.child.kill('SIGKILL');
  });

  it('SIGKILL in the middle of a batch', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'sac-regression-kill-'));
    let server = await launch(dataDir);
    const cliente = await register(server.url, 'DEMO-CLIENTE');
    const batch = Array.from({ length: 200 }, (_, index) =>
      mutation('ticket.create', { ticketId: randomUUID(), type: 'solicitacao', severity: 'media', subject: `Queda ${index}`, description: 'y'.repeat(2_000) }),
    );
    const api = new SacApi({ serverUrl: server.url, token: cliente.token });
    const first = api.push(batch).then(
      () => 'answered',
      () => 'failed',
    );
    await new Promise((done) => setTimeout(done, 60));
    server.child.kill('SIGKILL');
    const outcome = await first;
    const before = serverRows<{ n: number }>(dataDir, `SELECT count(*) AS n FROM documents WHERE entity = 'ticket' AND json_extract(data_json, '$.subject') LIKE 'Queda %'`)[0]!.n;

    server = await launch(dataDir, server.port);
    const retried = await api.push(batch);
    const counts = serverRows<{ subject: string; n: number }>(
      dataDir,
      `SELECT json_extract(data_json, '$.subject') AS subject, count(*) AS n FROM documents WHERE entity = 'ticket' AND subject LIKE 'Queda %' GROUP BY subject`,
    );
    const statuses = retried.results.reduce<Record<string, number>>((tally, result) => ({ ...tally, [result.status]: (tally[result.status] ?? 0) + 1 }), {});

    expect(counts).toHaveLength(200);
    expect(counts.every((row) => row.n === 1)).toBe(true);
    expect(statuses.duplicate ?? 0).toBe(before);
    server.child.kill('SIGKILL');
  });
});
