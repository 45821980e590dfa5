// The journey's IPC handlers through AppCore.invoke, over a real store, against the real server
// with its demo data: checklist dates, roles, stages, guided requests, policies, contacts and
// printing. The core's clock is fixed on Friday 4 December 2026, 12:00 in São Paulo. The server
// runs in this process, and its clock starts at the same moment: the core counts days on the
// server's clock, so a server on the real date would move "today" with the date of the run.
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Channel, ChannelInput, ChannelOutput, IpcResult } from '../../../shared/ipc';
import { recordingClipboard, recordingLinks } from '../../../../tests/support/testPlatform';
import { AppCore, type AppCoreOptions } from '../appCore';
import type { Printer } from '../platform';
import { startSacServer, type RunningSacServer } from '../testSupport/sacServer';

const NOW = new Date('2026-12-04T15:00:00.000Z');

const secrets = {
  isEncryptionAvailable: () => true,
  encrypt: (plainText: string) => Buffer.from(plainText, 'utf8'),
  decrypt: (cipherText: Buffer) => cipherText.toString('utf8'),
};

/** Creates a printer that records the HTML it prints and returns the HTML's bytes as the PDF. */
function htmlPrinter(): Printer & { printed: string[] } {
  const printed: string[] = [];
  return {
    printed,
    print: async (html) => {
      printed.push(html);
      return true;
    },
    toPdf: async (html) => Buffer.from(html, 'utf8'),
  };
}

interface TestClient {
  core: AppCore;
  printer: ReturnType<typeof htmlPrinter>;
  links: ReturnType<typeof recordingLinks>;
  clipboard: ReturnType<typeof recordingClipboard>;
  saveDir: string;
  userId: string;
  call<C extends Channel>(channel: C, input: ChannelInput<C>): Promise<ChannelOutput<C>>;
  fail<C extends Channel>(channel: C, input: ChannelInput<C>): Promise<{ code: string; message: string; fields?: Array<{ path: string; message: string }> }>;
}

let server: RunningSacServer;
const cores: AppCore[] = [];
const dirs: string[] = [];

/** Creates a temporary folder that is deleted after the last test, because the clients are shared. */
function fileDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'sac-journey-'));
  dirs.push(dir);
  return dir;
}

beforeAll(async () => {
  vi.useFakeTimers({ toFake: ['Date'], now: NOW, shouldAdvanceTime: true });
  server = await startSacServer();
});

afterAll(async () => {
  for (const core of cores) await core.stop();
  await server.close();
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  vi.useRealTimers();
});

async function signUp(invite: 'DEMO-CLIENTE' | 'DEMO-CONSULTOR', name: string, options: Partial<AppCoreOptions> = {}): Promise<TestClient> {
  const printer = htmlPrinter();
  const links = recordingLinks();
  const clipboard = recordingClipboard();
  const saveDir = fileDir();
  const core = new AppCore({
    userDataDir: fileDir(),
    secrets,
    printer,
    dialogs: { chooseSavePath: async ({ defaultName }) => join(saveDir, defaultName) },
    links,
    clipboard,
    now: () => NOW,
    syncIntervalMs: 3_600_000,
    ...options,
  });
  cores.push(core);
  const call = async <C extends Channel>(channel: C, input: ChannelInput<C>) => {
    const result = (await core.invoke(channel, input)) as IpcResult<ChannelOutput<C>>;
    if (!result.ok) throw new Error(`${channel} failed: ${result.error.code} ${result.error.message}`);
    return result.value;
  };
  const fail = async <C extends Channel>(channel: C, input: ChannelInput<C>) => {
    const result = await core.invoke(channel, input);
    if (result.ok) throw new Error(`${channel} was expected to fail`);
    return result.error;
  };
  const session = await call('auth.register', {
    serverUrl: server.url,
    name,
    email: `${invite.toLowerCase()}-${randomUUID()}@exemplo.com.br`,
    password: 'senha-de-teste-1',
    inviteCode: invite,
  });
  if (!session.signedIn) throw new Error('not signed in');
  await call('sync.now', {});
  return { core, printer, links, clipboard, saveDir, userId: session.user.id, call, fail };
}

let cliente: TestClient;
let consultor: TestClient;

beforeAll(async () => {
  cliente = await signUp('DEMO-CLIENTE', 'Rafael da Câmara');
  consultor = await signUp('DEMO-CONSULTOR', 'Carla Consultora');
});

describe('checklist.set dates', () => {
  it('future date names the field', async () => {
    const error = await cliente.fail('checklist.set', { itemId: '01', done: true, completedOn: '2026-12-05' });

    expect(error.code).toBe('future_date');
    expect(error.fields).toEqual([{ path: 'completedOn', message: error.message }]);
    expect(error.message).toContain('não pode estar no futuro');
  });

  it('year before 2000 is invalid', async () => {
    const error = await cliente.fail('checklist.set', { itemId: '01', done: true, completedOn: '1999-12-31' });

    expect(error.code).toBe('invalid_input');
    expect(error.fields?.[0]?.path).toBe('completedOn');
  });

  it('done defaults to today', async () => {
    const view = await cliente.call('checklist.set', { itemId: '02', done: true });

    expect(view.items[1]).toMatchObject({ done: true, completedOn: '2026-12-04', pendingSync: true });
  });

  it('note keeps the date it is sent with', async () => {
    await cliente.call('checklist.set', { itemId: '03', done: true, completedOn: '2026-11-02' });
    const view = await cliente.call('checklist.set', { itemId: '03', done: true, completedOn: '2026-11-02', note: 'Lido com a equipe.' });

    expect(view.items[2]).toMatchObject({ completedOn: '2026-11-02', note: 'Lido com a equipe.' });
  });
});

describe('roles', () => {
  it.each<[Channel, unknown]>([
    ['checklist.overview', {}],
    ['checklist.printOverview', {}],
    ['checklist.saveOverviewPdf', {}],
    ['stages.set', { stageId: randomUUID(), status: 'em_andamento', startedOn: null, completedOn: null }],
  ])('client is refused %s', async (channel, input) => {
    const result = await cliente.core.invoke(channel, input);

    expect(result.ok ? 'accepted' : result.error.code).toBe('forbidden');
  });

  it('client cannot read another checklist', async () => {
    const error = await cliente.fail('checklist.get', { userId: consultor.userId });

    expect(error.code).toBe('forbidden');
  });

  it('client reads their own by id', async () => {
    const view = await cliente.call('checklist.get', { userId: cliente.userId });

    expect(view.userName).toBe('Rafael da Câmara');
  });
});

describe('stages', () => {
  it('four stages in procedure order', async () => {
    const view = await consultor.call('stages.list', {});

    expect(view.organizationName).toBe('Câmara Municipal de Santos');
    expect(view.stages.map((stage) => stage.key)).toEqual(['levantamento', 'treinamento', 'operacao_assistida', 'manutencao_suporte']);
  });

  it('future end is refused', async () => {
    const [first] = (await consultor.call('stages.list', {})).stages;
    const error = await consultor.fail('stages.set', { stageId: first!.id, status: 'concluida', startedOn: '2026-11-01', completedOn: '2026-12-10' });

    expect(error.code).toBe('invalid_input');
    expect(error.fields?.map((field) => field.path)).toEqual(['completedOn']);
  });

  it('unknown stage is not found', async () => {
    const error = await consultor.fail('stages.set', { stageId: randomUUID(), status: 'pendente', startedOn: null, completedOn: null });

    expect(error.code).toBe('not_found');
  });

  it('recorded stage reaches the client', async () => {
    const [first] = (await consultor.call('stages.list', {})).stages;
    const view = await consultor.call('stages.set', { stageId: first!.id, status: 'concluida', startedOn: '2026-11-01', completedOn: null });

    expect(view.stages[0]).toMatchObject({ status: 'concluida', startedOn: '2026-11-01', completedOn: '2026-12-04', pendingSync: true });
    const status = await consultor.call('sync.now', {});
    expect(status.pendingCount).toBe(0);
    await cliente.call('sync.now', {});
    const seen = await cliente.call('stages.list', {});
    expect(seen.stages[0]).toMatchObject({ status: 'concluida', startedOn: '2026-11-01', completedOn: '2026-12-04', pendingSync: false });
  });
});

describe('guided requests', () => {
  it('calendar of the fixed day', async () => {
    const calendar = await cliente.call('requests.updateCalendar', {});

    expect(calendar.today).toBe('2026-12-04');
    expect(calendar.earliest).toBe('2026-12-14');
    expect(calendar.holidays.slice(0, 2)).toEqual([
      { date: '2026-12-25', name: 'Natal' },
      { date: '2027-01-01', name: 'Ano Novo' },
    ]);
  });

  it('a Thursday is refused and nothing is queued', async () => {
    const before = (await cliente.call('sync.status', {})).pendingCount;
    const error = await cliente.fail('requests.platformUpdate', { date: '2026-12-17' });

    expect(error.code).toBe('invalid_update_date');
    expect(error.fields).toEqual([{ path: 'date', message: error.message }]);
    expect((await cliente.call('sync.status', {})).pendingCount).toBe(before);
  });

  it('update request becomes a ticket with its date', async () => {
    const created = await cliente.call('requests.platformUpdate', { date: '2026-12-16', note: 'Depois das 14h.' });
    const ticket = await cliente.call('tickets.get', { ticketId: created.ticketId });

    expect(created.subject).toBe('Atualização da plataforma em 16/12/2026 (quarta-feira)');
    expect(ticket).toMatchObject({ subject: created.subject, type: 'solicitacao', severity: 'suporte_remoto', protocol: null });
    expect(ticket.description).toContain('Solicito a atualização da plataforma para quarta-feira, 16/12/2026.');
    expect(ticket.description).toContain('Observações: Depois das 14h.');
    await cliente.call('sync.now', {});
    expect((await cliente.call('tickets.get', { ticketId: created.ticketId })).protocol).toEqual(expect.any(Number));
  });

  it('database copy needs the acknowledgement', async () => {
    const result = await cliente.core.invoke('requests.databaseCopy', { acknowledged: false });

    expect(result.ok ? 'accepted' : result.error.message).toBe('Confirme que você leu o que é enviado na cópia do banco de dados.');
  });

  it('database copy becomes a ticket', async () => {
    const created = await cliente.call('requests.databaseCopy', { acknowledged: true });
    const ticket = await cliente.call('tickets.get', { ticketId: created.ticketId });

    expect(ticket.subject).toBe('Cópia do banco de dados da plataforma');
    expect(ticket.description).toContain('A estrutura de código de programação das ferramentas não é enviada');
  });
});

describe('policies and contacts', () => {
  it('policies in the vendor order', async () => {
    const policies = await cliente.call('policies.list', {});

    expect(policies.map((policy) => policy.key)).toEqual(['procedimento', 'atendimento', 'seguranca', 'manutencao', 'backup']);
    expect(policies.map((policy) => policy.checklistItemId)).toEqual(['01', '04', '05', '06', '07']);
  });

  it('listed address opens the mail program', async () => {
    const [first] = await cliente.call('contacts.list', {});
    await cliente.call('contacts.openEmail', { contactId: first!.id, address: 'consultor@exemplo.com.br' });

    expect(cliente.links.opened.at(-1)).toBe('mailto:consultor@exemplo.com.br');
  });

  it('other address is refused', async () => {
    const [first] = await cliente.call('contacts.list', {});
    const opened = cliente.links.opened.length;
    const error = await cliente.fail('contacts.openEmail', { contactId: first!.id, address: 'alguem@fora.com.br' });

    expect(error.code).toBe('not_found');
    expect(cliente.links.opened).toHaveLength(opened);
  });

  it('copy goes to the clipboard', async () => {
    await cliente.call('clipboard.copy', { text: '(00) 0000-0000' });

    expect(cliente.clipboard.texts.at(-1)).toBe('(00) 0000-0000');
  });

  it('without a mail program says so', async () => {
    const bare = await signUp('DEMO-CLIENTE', 'Sem E-mail', { links: undefined, clipboard: undefined });
    const [first] = await bare.call('contacts.list', {});
    const error = await bare.fail('contacts.openEmail', { contactId: first!.id, address: 'consultor@exemplo.com.br' });

    expect(error.code).toBe('unavailable');
    expect((await bare.fail('clipboard.copy', { text: 'x' })).code).toBe('unavailable');
  });
});

describe('consultant overview and printing', () => {
  it('lists the client with progress', async () => {
    await cliente.call('sync.now', {});
    await consultor.call('sync.now', {});
    const overview = await consultor.call('checklist.overview', {});
    const santos = overview.organizations.find((organization) => organization.name === 'Câmara Municipal de Santos')!;
    const rafael = santos.participants.find((participant) => participant.userId === cliente.userId);

    expect(overview.consultantName).toBe('Carla Consultora');
    expect(rafael).toMatchObject({ name: 'Rafael da Câmara', done: 2, first: '2026-11-02', last: '2026-12-04' });
    expect(santos.participants.some((participant) => participant.userId === consultor.userId)).toBe(false);
  });

  it('saves a participant page as PDF', async () => {
    const saved = await consultor.call('checklist.savePdf', { userId: cliente.userId });
    const html = readFileSync(saved.savedTo!, 'utf8');

    expect(saved.savedTo).toBe(join(consultor.saveDir, 'Checklist de implantação - Rafael da Câmara.pdf'));
    expect(html).toContain('<dt>Participante:</dt><dd>Rafael da Câmara</dd>');
    expect(html).toContain('<dt>Consultor:</dt><dd>Carla Consultora</dd>');
    expect(html).toContain('Observação: Lido com a equipe.');
  });

  it('prints one organization', async () => {
    const santosId = (await consultor.call('session.get', {})) as { activeOrganizationId: string };
    await consultor.call('checklist.printOverview', { organizationId: santosId.activeOrganizationId });
    const html = consultor.printer.printed.at(-1)!;

    expect(html).toContain('<h2>Câmara Municipal de Santos</h2>');
    expect(html).not.toContain('<h2>Câmara Municipal de Exemplo</h2>');
    expect(html).toContain('<dt>Participante:</dt><dd>Rafael da Câmara</dd>');
  });

  it('unknown organization is not found', async () => {
    const error = await consultor.fail('checklist.printOverview', { organizationId: randomUUID() });

    expect(error.code).toBe('not_found');
  });
});
