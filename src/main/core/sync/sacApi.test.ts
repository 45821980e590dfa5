import { createHash, randomUUID } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_TICKETS } from '../../../server/demo';
import type { Mutation } from '../../../shared/wire';
import { reply, startFaultServer } from '../testSupport/faultServer';
import { startSacServer, type RunningSacServer } from '../testSupport/sacServer';
import { tempDir } from '../testSupport/tempStore';
import { SyncFailure } from './errors';
import { normalizeServerUrl, parseRetryAfter, SacApi } from './sacApi';

describe('normalizeServerUrl', () => {
  it.each([
    ['https://sac.exemplo.com.br', 'https://sac.exemplo.com.br'],
    ['https://sac.exemplo.com.br/', 'https://sac.exemplo.com.br'],
    ['  https://sac.exemplo.com.br/  ', 'https://sac.exemplo.com.br'],
    ['https://sac.exemplo.com.br/api/v1', 'https://sac.exemplo.com.br'],
    ['https://sac.exemplo.com.br/api/v1/', 'https://sac.exemplo.com.br'],
    ['https://exemplo.com.br/sac/api/v1', 'https://exemplo.com.br/sac'],
    ['https://exemplo.com.br/sac///', 'https://exemplo.com.br/sac'],
    ['http://127.0.0.1:8787', 'http://127.0.0.1:8787'],
    ['HTTPS://SAC.Exemplo.com.br', 'https://sac.exemplo.com.br'],
    ['https://sac.exemplo.com.br:443/', 'https://sac.exemplo.com.br'],
    ['https://sac.exemplo.com.br/?aba=1#topo', 'https://sac.exemplo.com.br'],
    ['https://usuario:senha@sac.exemplo.com.br', 'https://sac.exemplo.com.br'],
  ])('normalizes %s', (input, expected) => {
    expect(normalizeServerUrl(input)).toBe(expected);
  });

  it.each(['sac.exemplo.com.br', '', 'https://'])('rejects %j', (input) => {
    expect(() => normalizeServerUrl(input)).toThrow();
  });
});

describe('parseRetryAfter', () => {
  const now = Date.parse('2026-03-05T15:30:00.000Z');

  it('reads seconds', () => {
    expect(parseRetryAfter('120', now)).toBe(120_000);
  });

  it('reads zero seconds', () => {
    expect(parseRetryAfter('0', now)).toBe(0);
  });

  it('trims spaces around seconds', () => {
    expect(parseRetryAfter(' 30 ', now)).toBe(30_000);
  });

  it('reads an HTTP date', () => {
    expect(parseRetryAfter('Thu, 05 Mar 2026 15:31:30 GMT', now)).toBe(90_000);
  });

  it('past HTTP date means now', () => {
    expect(parseRetryAfter('Thu, 05 Mar 2026 15:00:00 GMT', now)).toBe(0);
  });

  it.each([undefined, '', '   ', 'logo mais', 120])('ignores %j', (header) => {
    expect(parseRetryAfter(header, now)).toBeUndefined();
  });
});

describe('SyncFailure', () => {
  it('unauthorized and rejected are final', () => {
    expect(new SyncFailure('unauthorized', 'x').retryable).toBe(false);
    expect(new SyncFailure('rejected', 'x').retryable).toBe(false);
    expect(new SyncFailure('offline', 'x').retryable).toBe(true);
  });
});

describe('SacApi requests', () => {
  it('sends the bearer token', async () => {
    const server = await startFaultServer((_request, response) =>
      reply(response, 200, 'application/json', JSON.stringify({ changes: [], cursor: 'c', hasMore: false })),
    );
    try {
      await new SacApi({ serverUrl: server.url, token: 'token-de-teste-com-vinte-chars' }).pull('cursor-1', 50);

      expect(server.requests[0]?.headers.authorization).toBe('Bearer token-de-teste-com-vinte-chars');
      expect(server.requests[0]?.url).toBe('/api/v1/sync/pull?limit=50&cursor=cursor-1');
    } finally {
      await server.close();
    }
  });

  it('path prefix of the server is kept', async () => {
    const server = await startFaultServer((_request, response) =>
      reply(response, 200, 'application/json', JSON.stringify({ changes: [], cursor: 'c', hasMore: false })),
    );
    try {
      await new SacApi({ serverUrl: `${server.url}/sac/api/v1/` }).pull(null, 10);

      expect(server.requests[0]?.url).toBe('/sac/api/v1/sync/pull?limit=10');
    } finally {
      await server.close();
    }
  });

  it('push results out of order are invalid', async () => {
    const mutations: Mutation[] = ['a', 'b'].map((text) => ({
      id: randomUUID(),
      name: 'ticket.comment',
      args: { ticketId: randomUUID(), text },
      createdAt: new Date().toISOString(),
    }));
    const reversed = [...mutations].reverse().map(({ id }) => ({ id, status: 'applied' }));
    const server = await startFaultServer((_request, response) =>
      reply(response, 200, 'application/json', JSON.stringify({ results: reversed })),
    );
    try {
      const failure = await new SacApi({ serverUrl: server.url }).push(mutations).catch((error: unknown) => error);

      expect(failure).toBeInstanceOf(SyncFailure);
      expect((failure as SyncFailure).kind).toBe('invalid_response');
    } finally {
      await server.close();
    }
  });

  it('upload keeps an NFD file name', async () => {
    const server = await startFaultServer((_request, response) => reply(response, 201, 'application/json', '{}'));
    const fileName = 'Relato\u0301rio de implantac\u0327a\u0303o.pdf';
    const file = join(tempDir(), 'blob');
    writeFileSync(file, 'conteúdo');
    try {
      await new SacApi({ serverUrl: server.url }).uploadAttachment(file, 'a'.repeat(64), fileName, 'application/pdf');
      const header = server.requests[0]?.headers['x-file-name'] as string;

      expect(Buffer.from(decodeURIComponent(header)).equals(Buffer.from(fileName))).toBe(true);
      expect(server.requests[0]?.body).toBe('conteúdo');
    } finally {
      await server.close();
    }
  });
});

describe('SacApi with the real server', () => {
  let server: RunningSacServer;

  beforeAll(async () => {
    server = await startSacServer();
  });

  afterAll(async () => {
    await server.close();
  });

  it('reads server info', async () => {
    const info = await new SacApi({ serverUrl: server.url }).serverInfo();

    expect(info.protocolVersion).toBe(1);
    expect(info.limits.blockedExtensions).toContain('exe');
  });

  it('login after register', async () => {
    const api = new SacApi({ serverUrl: server.url });
    const email = `login-${randomUUID()}@exemplo.com.br`;
    await api.register({ name: 'Rafael', email, password: 'senha-de-teste-1', inviteCode: 'DEMO-CLIENTE' });
    const auth = await api.login({ email, password: 'senha-de-teste-1' });

    expect(auth.user.email).toBe(email);
    expect(auth.user.role).toBe('cliente');
  });

  it('wrong password is unauthorized', async () => {
    const api = new SacApi({ serverUrl: server.url });
    const failure = await api.login({ email: 'ninguem@exemplo.com.br', password: 'errada' }).catch((error: unknown) => error);

    expect(failure).toBeInstanceOf(SyncFailure);
    expect((failure as SyncFailure).kind).toBe('unauthorized');
  });

  it('invalid invite keeps the server message', async () => {
    const api = new SacApi({ serverUrl: server.url });
    const email = `convite-${randomUUID()}@exemplo.com.br`;
    const failure = await api
      .register({ name: 'Rafael', email, password: 'senha-de-teste-1', inviteCode: 'NAO-EXISTE' })
      .catch((error: unknown) => error);

    expect((failure as SyncFailure).kind).toBe('rejected');
    expect((failure as SyncFailure).options.serverCode).toBe('invalid_invite');
    expect((failure as SyncFailure).message).toContain('Código de convite inválido');
  });

  it('pulls the demo data', async () => {
    const auth = await server.register('DEMO-CLIENTE');
    const page = await new SacApi({ serverUrl: server.url, token: auth.token }).pull(null, 1_000);

    const protocols = page.changes
      .filter((change) => change.entity === 'ticket')
      .map((change) => (change.data as { protocol: number }).protocol);
    expect(page.hasMore).toBe(false);
    expect(protocols).toEqual(expect.arrayContaining(DEMO_TICKETS.map((ticket) => ticket.protocol)));
  });

  it('uploads and downloads an attachment', async () => {
    const auth = await server.register('DEMO-CLIENTE');
    const api = new SacApi({ serverUrl: server.url, token: auth.token });
    const bytes = Buffer.from(`ata da reunião ${randomUUID()}`);
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    const file = join(tempDir(), 'blob');
    writeFileSync(file, bytes);
    await api.uploadAttachment(file, sha256, 'ata.txt', 'text/plain');
    const ticketId = randomUUID();
    await api.push([
      {
        id: randomUUID(),
        name: 'ticket.create',
        args: {
          ticketId,
          type: 'solicitacao',
          severity: 'media',
          subject: 'Com anexo',
          description: '',
          attachments: [{ sha256, fileName: 'ata.txt', contentType: 'text/plain', size: bytes.length }],
        },
        createdAt: new Date().toISOString(),
      },
    ]);

    expect((await api.downloadAttachment(sha256)).equals(bytes)).toBe(true);
  });
});
