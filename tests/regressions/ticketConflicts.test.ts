// Two consultants and a cliente act offline on the same ticket or stage. A second solution, a
// rejection of a solution the cliente never saw, a status change of a ticket that moved on
// meanwhile and an older stage edit are refused instead of silently replacing the newer state,
// and each keeps the user's action in the unsynced list.
import { describe, expect, it } from 'vitest';
import type { AppCore } from '../../src/main/core/appCore';
import { startFaultProxy } from '../support/faultProxy';
import { useDemoServer } from '../support/demoServerWorld';
import { call, newCore, registerCore } from '../support/testClient';
import { clientRows, serverRows } from './helpers';

const world = useDemoServer();
const { cores, proxies } = world;

async function person(invite: 'DEMO-CLIENTE' | 'DEMO-CONSULTOR', name: string) {
  const net = await startFaultProxy(() => world.server.url);
  proxies.push(net);
  const core = newCore({ automaticSync: false });
  cores.push(core);
  await core.start();
  await registerCore(core, net.url, invite, name);
  await call(core, 'sync.now', {});
  return { core, net };
}

function serverTicket(ticketId: string) {
  const [row] = serverRows<{ data_json: string }>(world.server.dataDir, `SELECT data_json FROM documents WHERE entity = 'ticket' AND id = ?`, ticketId);
  return JSON.parse(row!.data_json) as { status: string; rejectionCount: number; solution: { text: string; authorName: string } | null };
}

function serverEvents(ticketId: string) {
  return serverRows<{ data_json: string }>(
    world.server.dataDir,
    `SELECT data_json FROM documents WHERE entity = 'ticketEvent' AND json_extract(data_json, '$.ticketId') = ? ORDER BY version`,
    ticketId,
  ).map((row) => JSON.parse(row.data_json) as { kind: string; actorName: string; text: string; data: Record<string, unknown> });
}

describe('offline actions on a concluded ticket', () => {
  it('second solve is refused', async () => {
    const cliente = await person('DEMO-CLIENTE', 'Cliente Solução');
    const carla = await person('DEMO-CONSULTOR', 'Carla Consultora');
    const diego = await person('DEMO-CONSULTOR', 'Diego Consultor');
    const { ticketId } = await call(cliente.core, 'tickets.create', {
      type: 'solicitacao', severity: 'media', subject: `Duas soluções ${Date.now()}`, description: 'Relatório não abre.', attachmentIds: [],
    });
    await call(cliente.core, 'sync.now', {});
    await call(carla.core, 'sync.now', {});
    await call(diego.core, 'sync.now', {});

    // Carla solves it on a site visit with no network; Diego solves it at the office and syncs.
    carla.net.setOffline(true);
    await call(carla.core, 'tickets.solve', { ticketId, result: 'Corrigido no local', text: 'Reinstalado o leitor de PDF na estação da recepção.' });
    await call(diego.core, 'tickets.solve', { ticketId, result: 'Corrigido remotamente', text: 'Atualizada a versão do módulo de relatórios.' });
    await call(diego.core, 'sync.now', {});
    await call(cliente.core, 'sync.now', {});
    const clienteSaw = (await call(cliente.core, 'tickets.get', { ticketId })).solution?.text;

    carla.net.setOffline(false);
    const carlaStatus = await call(carla.core, 'sync.now', {});
    await call(diego.core, 'sync.now', {});
    await call(cliente.core, 'sync.now', {});

    const stored = serverTicket(ticketId);
    const diegoUnsynced = clientRows(diego.core, 'SELECT * FROM unsynced');
    const carlaUnsynced = clientRows(carla.core, 'SELECT error_code FROM unsynced');
    const solved = serverEvents(ticketId).filter((event) => event.kind === 'solved').map((event) => event.text);

    // Expected: Carla's solve no longer fits (the ticket was already concluded with Diego's
    // solution), so it is rejected and kept for her, and Diego's solution stays.
    expect(stored.solution?.text).toBe('Atualizada a versão do módulo de relatórios.');
    expect(carlaUnsynced).toHaveLength(1);
  });

  it('rejecting an unseen solution is refused', async () => {
    const cliente = await person('DEMO-CLIENTE', 'Cliente Rejeita');
    const carla = await person('DEMO-CONSULTOR', 'Carla Segunda');
    const diego = await person('DEMO-CONSULTOR', 'Diego Segundo');
    const { ticketId } = await call(cliente.core, 'tickets.create', {
      type: 'solicitacao', severity: 'media', subject: `Rejeição de outra solução ${Date.now()}`, description: 'Boleto sai sem código de barras.', attachmentIds: [],
    });
    await call(cliente.core, 'sync.now', {});
    await call(diego.core, 'sync.now', {});
    await call(diego.core, 'tickets.solve', { ticketId, result: 'Configuração', text: 'Ajustada a fonte do código de barras.' });
    await call(diego.core, 'sync.now', {});
    await call(cliente.core, 'sync.now', {});
    await call(carla.core, 'sync.now', {});

    // The cliente reads Diego's solution, goes offline and rejects it with a reason about it.
    cliente.net.setOffline(true);
    await call(cliente.core, 'tickets.reject', { ticketId, reason: 'A fonte foi ajustada mas o código de barras continua sem sair.' });
    // Meanwhile Carla records a different solution, which replaces Diego's on the server.
    await call(carla.core, 'tickets.solve', { ticketId, result: 'Nova emissão', text: 'Emitido novo lote de boletos pelo módulo web.' });
    await call(carla.core, 'sync.now', {});

    cliente.net.setOffline(false);
    await call(cliente.core, 'sync.now', {});

    const stored = serverTicket(ticketId);
    const rejected = serverEvents(ticketId).find((event) => event.kind === 'rejected');
    const unsynced = clientRows<{ error_code: string }>(cliente.core, 'SELECT error_code FROM unsynced');

    // Expected: the rejection targeted Diego's solution; Carla's new one, which the cliente never
    // saw, is not the one rejected (the rejection is refused and kept, or Carla's solve is).
    expect((rejected?.data.previousSolution as { text?: string } | undefined)?.text).not.toBe('Emitido novo lote de boletos pelo módulo web.');
  });
});

/** Creates a ticket on the cliente's computer and sends it. */
async function syncedTicket(core: AppCore, subject: string): Promise<string> {
  const { ticketId } = await call(core, 'tickets.create', {
    type: 'solicitacao',
    severity: 'media',
    subject: `${subject} ${Date.now()}`,
    description: '',
    attachmentIds: [],
  });
  await call(core, 'sync.now', {});
  return ticketId;
}

describe('older offline changes arrive last', () => {
  it('stale status change is refused', async () => {
    const onSite = await person('DEMO-CONSULTOR', 'Consultora em Visita');
    const office = await person('DEMO-CONSULTOR', 'Consultor no Escritório');
    const cliente = await person('DEMO-CLIENTE', 'Cliente');
    const ticketId = await syncedTicket(cliente.core, 'Situação antiga');
    await call(onSite.core, 'sync.now', {});
    await call(office.core, 'sync.now', {});

    // On site, offline: "Produção". Later, in the office, the ticket is solved.
    onSite.net.setOffline(true);
    await call(onSite.core, 'tickets.setStatus', { ticketId, status: 'producao' });
    await call(office.core, 'tickets.solve', { ticketId, result: 'Resolvido', text: 'Permissão concedida ao usuário.' });
    await call(office.core, 'sync.now', {});
    onSite.net.setOffline(false);
    await call(onSite.core, 'sync.now', {});

    expect(serverTicket(ticketId).status).toBe('concluida');
    const unsynced = clientRows<{ error_code: string; error_message: string }>(onSite.core, 'SELECT error_code, error_message FROM unsynced');
    expect(unsynced.map((row) => row.error_code)).toEqual(['status_changed']);
    expect(unsynced[0]!.error_message).toContain('mudou para Concluída');
    expect((await call(onSite.core, 'tickets.get', { ticketId })).status).toBe('concluida');
  });

  it('status change retried from the current status', async () => {
    const onSite = await person('DEMO-CONSULTOR', 'Consultora Que Insiste');
    const office = await person('DEMO-CONSULTOR', 'Consultor Que Resolve');
    const cliente = await person('DEMO-CLIENTE', 'Cliente Atendida');
    const ticketId = await syncedTicket(cliente.core, 'Reaberta de propósito');
    await call(onSite.core, 'sync.now', {});
    onSite.net.setOffline(true);
    await call(onSite.core, 'tickets.setStatus', { ticketId, status: 'producao' });
    await call(office.core, 'sync.now', {});
    await call(office.core, 'tickets.setStatus', { ticketId, status: 'producao' });
    await call(office.core, 'sync.now', {});
    onSite.net.setOffline(false);
    await call(onSite.core, 'sync.now', {});
    const [rejected] = await call(onSite.core, 'unsynced.list', {});

    // "Tentar de novo" is a decision taken on the status the consultant sees now.
    await call(onSite.core, 'unsynced.retry', { id: rejected!.id });
    await call(onSite.core, 'sync.now', {});

    expect(rejected!.errorCode).toBe('status_changed');
    expect(serverTicket(ticketId).status).toBe('producao');
    expect(await call(onSite.core, 'unsynced.list', {})).toEqual([]);
  });

  it('older stage edit is superseded', async () => {
    const onSite = await person('DEMO-CONSULTOR', 'Consultora na Etapa');
    const office = await person('DEMO-CONSULTOR', 'Consultor na Etapa');
    const stageId = (await call(office.core, 'stages.list', {})).stages[0]!.id;
    onSite.net.setOffline(true);
    await call(onSite.core, 'stages.set', { stageId, status: 'em_andamento', startedOn: null, completedOn: null });
    await new Promise((resolve) => setTimeout(resolve, 50));
    await call(office.core, 'stages.set', { stageId, status: 'concluida', startedOn: null, completedOn: null });
    await call(office.core, 'sync.now', {});
    onSite.net.setOffline(false);
    await call(onSite.core, 'sync.now', {});

    const [stored] = serverRows<{ data_json: string }>(world.server.dataDir, `SELECT data_json FROM documents WHERE entity = 'stage' AND id = ?`, stageId);
    expect((JSON.parse(stored!.data_json) as { status: string }).status).toBe('concluida');
    const unsynced = clientRows<{ error_code: string; error_message: string }>(onSite.core, 'SELECT error_code, error_message FROM unsynced');
    expect(unsynced.map((row) => row.error_code)).toEqual(['superseded']);
    expect(unsynced[0]!.error_message).toMatch(/por outro consultor, em \d{2}\/\d{2}\/\d{4} \d{2}:\d{2} \(situação: Concluída\)/);
  });
});
