// Two consultants and a cliente act offline on the same concluded ticket: a second solution is
// refused instead of silently replacing the first, and a rejection of a solution the cliente
// never saw is refused; both keep the user's text in the unsynced list.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppCore } from '../../src/main/core/appCore';
import { startFaultProxy, type FaultProxy } from '../support/faultProxy';
import { startServerProcess, type ServerProcess } from '../support/serverProcess';
import { call, newCore, registerCore } from '../support/testClient';
import { clientRows, serverRows } from './helpers';

let server: ServerProcess;
const cores: AppCore[] = [];
const proxies: FaultProxy[] = [];

beforeAll(async () => {
  server = await startServerProcess({ demo: true });
});

afterAll(async () => {
  for (const core of cores) await core.stop();
  for (const proxy of proxies) await proxy.close();
  await server?.stop();
});

async function person(invite: 'DEMO-CLIENTE' | 'DEMO-CONSULTOR', name: string) {
  const net = await startFaultProxy(() => server.url);
  proxies.push(net);
  const core = newCore({ automaticSync: false });
  cores.push(core);
  await core.start();
  await registerCore(core, net.url, invite, name);
  await call(core, 'sync.now', {});
  return { core, net };
}

function serverTicket(ticketId: string) {
  const [row] = serverRows<{ data_json: string }>(server.dataDir, `SELECT data_json FROM documents WHERE entity = 'ticket' AND id = ?`, ticketId);
  return JSON.parse(row!.data_json) as { status: string; rejectionCount: number; solution: { text: string; authorName: string } | null };
}

function serverEvents(ticketId: string) {
  return serverRows<{ data_json: string }>(
    server.dataDir,
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
