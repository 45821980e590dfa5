// Tickets as a helpdesk client in real Chromium against the real demo server: search and
// filters, the deadline before sending, attachments with an NFD name through offline storage,
// upload, another client and download, the consultant's work, notifications, offline comments,
// printing and the CSV export.
import { readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { deflateSync, crc32 } from 'node:zlib';
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { DEFAULT_SLA_POLICY, isOutsideBusinessHours } from '../../src/shared/sla';
import { fromWallTime } from '../../src/shared/zonedTime';
import { startFaultProxy, type FaultProxy } from '../support/faultProxy';
import { startServerProcess, type ServerProcess } from '../support/serverProcess';
import { HarnessClient, pdfFirstPagePng, pdfText, RESULTS_DIR, screenshot, startRendererServer } from './harness';

/** "Captura de tela – relatório da sessão.png" in NFD, as macOS writes names: ó is o + U+0301, ã is a + U+0303. */
const NFD_NAME = 'Captura de tela – relato\u0301rio da sessa\u0303o.png';
const SUBJECT = 'Sistema de votação parado no plenário';

let server: ServerProcess;
let renderer: { url: string; close: () => Promise<void> };
const clients: HarnessClient[] = [];
const proxies: FaultProxy[] = [];

test.describe.configure({ mode: 'serial' });

test.beforeAll(async () => {
  server = await startServerProcess({ demo: true });
  renderer = await startRendererServer();
});

test.afterAll(async () => {
  for (const proxy of proxies) await proxy.close();
  for (const client of clients) await client.close();
  await renderer?.close();
  await server?.stop();
});

/** Builds a small RGB PNG with a gradient, so the preview shows a real picture. */
function makePng(width: number, height: number): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body));
    return Buffer.concat([length, body, crc]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8;
  header[9] = 2;
  const rows: Buffer[] = [];
  for (let y = 0; y < height; y++) {
    const row = Buffer.alloc(1 + width * 3);
    for (let x = 0; x < width; x++) {
      row[1 + x * 3] = Math.round((x / width) * 255);
      row[2 + x * 3] = Math.round((y / height) * 200);
      row[3 + x * 3] = 160;
    }
    rows.push(row);
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(Buffer.concat(rows))),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

const PNG = makePng(96, 64);

async function expectAccessible(page: Page, screen: string) {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  const summary = results.violations.map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`);
  expect(summary, `accessibility violations on ${screen}`).toEqual([]);
}

async function signUp(client: HarnessClient, details: { name: string; email: string; invite: string }, serverUrl = server.url) {
  const page = client.page;
  await page.getByRole('tab', { name: 'Criar conta' }).click();
  await page.getByLabel('Endereço do servidor SAC').fill(serverUrl);
  await page.getByLabel('Nome completo').fill(details.name);
  await page.getByLabel('E-mail').fill(details.email);
  await page.getByLabel('Senha').fill('senha-segura-123');
  await page.getByLabel('Código de convite').fill(details.invite);
  await page.getByRole('button', { name: 'Criar agora!' }).click();
  await expect(page.getByRole('heading', { name: `Olá, ${details.name.split(' ')[0]}` })).toBeVisible();
  await expect(page.getByText('Nada a enviar')).toBeVisible();
}

async function syncNow(page: Page) {
  await page.getByRole('button', { name: 'Sincronizar agora' }).click();
  await expect(page.getByText('Nada a enviar')).toBeVisible();
  await expect(page.getByText('Conectado', { exact: true })).toBeVisible();
}

async function chooseOption(page: Page, label: string, option: string) {
  await page.getByRole('combobox', { name: label, exact: true }).click();
  await page.getByRole('option', { name: option, exact: true }).click();
}

const listRows = (page: Page) => page.getByRole('table', { name: 'Solicitações' }).getByRole('row').filter({ hasNot: page.getByRole('columnheader') });

let cliente: HarnessClient;
let consultor: HarnessClient;
let ticketPath = '';

test('client searches, filters and exports the list', async ({ browser }) => {
  cliente = await HarnessClient.create(browser, renderer.url, 'tickets-cliente');
  clients.push(cliente);
  await signUp(cliente, { name: 'Rafael Servidor', email: 'rafael.tickets@camara.exemplo', invite: 'DEMO-CLIENTE' });
  const page = cliente.page;

  // A first sync of an account with years of history brings no notifications.
  const first = await cliente.core.invoke('notifications.list', {});
  expect(first.ok && first.value.unread).toBe(0);
  expect(cliente.desktop.notifications).toEqual([]);

  await page.getByRole('link', { name: 'Solicitações', exact: true }).click();
  await expect(page.getByTestId('ticket-total')).toHaveText('12 solicitações');
  await expect(listRows(page)).toHaveCount(12);

  // Accent-insensitive search: "migracao" finds "Migração".
  await page.getByLabel('Buscar').fill('migracao proposicoes');
  await expect(listRows(page)).toHaveCount(0);
  await page.getByLabel('Buscar').fill('migracao proposituras');
  await expect(listRows(page)).toHaveCount(1);
  await expect(listRows(page).first()).toContainText('7779');
  await page.getByLabel('Buscar').fill('9661');
  await expect(listRows(page)).toHaveCount(1);
  await page.getByLabel('Buscar').fill('');

  // Filters: late open tickets, then a date range typed as dd/mm/aaaa.
  await page.getByRole('checkbox', { name: 'Somente atrasadas' }).check();
  await expect(listRows(page)).toHaveCount(3);
  for (const protocol of ['7780', '8306', '7779']) await expect(page.getByRole('cell', { name: protocol, exact: true })).toBeVisible();
  await page.getByRole('checkbox', { name: 'Somente atrasadas' }).uncheck();
  await page.getByLabel('Aberta de').fill('01/05/2017');
  await page.getByLabel('Aberta de').press('Enter');
  await page.getByLabel('até', { exact: true }).fill('31/05/2017');
  await page.getByLabel('até', { exact: true }).press('Enter');
  await expect(listRows(page)).toHaveCount(4);
  await page.getByLabel('até', { exact: true }).fill('31/13/2017');
  await page.getByLabel('até', { exact: true }).press('Enter');
  await expect(page.getByText('Use o formato dd/mm/aaaa, por exemplo 05/03/2026.')).toBeVisible();
  await page.getByLabel('até', { exact: true }).fill('31/05/2017');
  await page.getByLabel('até', { exact: true }).press('Enter');
  await chooseOption(page, 'Situação', 'Concluída');
  await chooseOption(page, 'Ordenar por', 'Protocolo (menor primeiro)');
  await expect(listRows(page)).toHaveCount(3);
  await expect(listRows(page).nth(0)).toContainText('8257');
  await expect(listRows(page).nth(2)).toContainText('8259');
  await screenshot(page, 'lista-filtros');
  await expectAccessible(page, 'lista com filtros');

  // The CSV holds what the list shows, as Excel in Brazil reads it.
  await page.getByRole('button', { name: 'Exportar CSV' }).click();
  await expect(page.getByText('Lista exportada')).toBeVisible();
  await page.getByRole('button', { name: 'Fechar aviso' }).click();
  const csvName = readdirSync(cliente.savedDir).find((name) => name.endsWith('.csv'))!;
  const csv = readFileSync(join(cliente.savedDir, csvName));
  expect(csv.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
  const lines = csv.toString('utf8').slice(1).trimEnd().split('\r\n');
  expect(lines).toHaveLength(4);
  expect(lines[0]).toBe('Protocolo;Assunto;Tipo;Severidade;Departamento;Situação;Data;Prazo de atendimento;Situação do prazo;Rejeições');
  expect(lines[1]).toMatch(/^8257;Tramitação do ofício;.*;Concluída;08\/05\/2017;/);
  await page.getByRole('button', { name: 'Limpar filtros' }).click();
  await expect(listRows(page)).toHaveCount(12);

  // At the window's minimum width (1024 px) every column keeps room: the subject stays readable
  // and "Exibir detalhes" stays inside the table.
  await page.setViewportSize({ width: 1024, height: 700 });
  const subject = await page.getByRole('columnheader', { name: 'Assunto' }).boundingBox();
  const table = await page.getByRole('table').boundingBox();
  const details = page.getByRole('link', { name: /Exibir detalhes/ }).first();
  const detailsBox = await details.boundingBox();
  expect(subject!.width).toBeGreaterThan(100);
  expect(detailsBox!.x + detailsBox!.width).toBeLessThanOrEqual(table!.x + table!.width);
  // The label is not cut inside its button either.
  expect(await details.evaluate((link) => link.scrollWidth <= link.clientWidth)).toBe(true);
  await expect(page.getByRole('button', { name: 'Sincronizar agora' })).toBeInViewport({ ratio: 1 });
  await screenshot(page, 'lista-1024');
  await page.setViewportSize({ width: 1366, height: 768 });
});

test('client opens a critical ticket with attachments', async () => {
  const page = cliente.page;
  await page.getByRole('link', { name: 'Nova solicitação' }).click();
  await chooseOption(page, 'O que está acontecendo?', 'Sistema parado: o software não funciona');
  await expect(page.getByTestId('deadline-preview')).toContainText('4 horas em horário comercial');
  await expect(page.getByTestId('deadline-preview')).toContainText('O prazo começa a contar quando a solicitação chega ao servidor SAC.');
  const outside = isOutsideBusinessHours(DEFAULT_SLA_POLICY, new Date());
  await expect(page.getByText('Fora do horário comercial', { exact: true })).toHaveCount(outside ? 1 : 0);
  await screenshot(page, 'nova-solicitacao-prazo');
  await page.getByLabel('Assunto').fill(SUBJECT);
  await page.getByLabel('Descrição').fill('Ninguém consegue registrar votos desde a abertura da sessão.');
  await page.getByLabel('Departamento').fill('Plenário');

  // An executable is refused with a message; an image picked with an NFD name shows a preview.
  await page.locator('input[type="file"]').setInputFiles({ name: 'instalador.exe', mimeType: 'application/octet-stream', buffer: Buffer.from('MZ') });
  await expect(page.getByRole('alert').filter({ hasText: 'programa ou script' })).toBeVisible();
  await page.locator('input[type="file"]').setInputFiles({ name: NFD_NAME, mimeType: 'image/png', buffer: PNG });
  await expect(page.getByTestId('staged-name')).toHaveText(NFD_NAME);
  await expect(page.getByRole('img', { name: `Pré-visualização de ${NFD_NAME}` })).toBeVisible();

  // A second file arrives by drag and drop.
  await page.getByTestId('drop-zone').evaluate((zone) => {
    // The tests compile without the DOM library; these are the page's own classes.
    const dom = globalThis as unknown as Record<string, new (...args: unknown[]) => { items: { add(file: unknown): void } }>;
    const transfer = new dom.DataTransfer!();
    transfer.items.add(new dom.File!(['Ata da sessão ordinária'], 'ata sessão 12.txt', { type: 'text/plain' }));
    for (const type of ['dragover', 'drop']) {
      zone.dispatchEvent(new dom.DragEvent!(type, { dataTransfer: transfer, bubbles: true, cancelable: true }) as never);
    }
  });
  await expect(page.getByTestId('staged-name')).toHaveText([NFD_NAME, 'ata sessão 12.txt']);
  await screenshot(page, 'nova-solicitacao-anexos');
  await expectAccessible(page, 'nova solicitação');

  await page.getByRole('button', { name: 'Enviar solicitação' }).click();
  await expect(page.getByText('Parabéns, sua solicitação foi cadastrada com sucesso.')).toBeVisible();
  const viewHref = await page.getByRole('link', { name: 'Ver solicitação' }).getAttribute('href');
  expect(viewHref).toMatch(/^#\/solicitacoes\/[0-9a-f-]{36}$/);
  // The menu's Nova solicitação opens an empty form again.
  await page.getByRole('link', { name: 'Nova solicitação' }).click();
  await expect(page.getByLabel('Assunto')).toHaveValue('');
  await page.evaluate(`location.hash = ${JSON.stringify(viewHref)}`);
  ticketPath = new URL(page.url()).hash || new URL(page.url()).pathname;
  await syncNow(page);
  await expect(page.getByText(/^Protocolo 9662/)).toBeVisible();
  await expect(page.getByTestId('due-at')).toContainText('Prazo:');
  await expect(page.getByText('Parada crítica fora do horário comercial', { exact: true })).toHaveCount(outside ? 1 : 0);
  await screenshot(page, 'detalhe-critica');
  await expectAccessible(page, 'detalhe');

  await page.getByRole('tab', { name: /Anexos/ }).click();
  await expect(page.getByTestId('attachment-name')).toHaveText([NFD_NAME, 'ata sessão 12.txt']);
  await expect(page.getByRole('img', { name: `Pré-visualização de ${NFD_NAME}` })).toBeVisible();
  await page.getByRole('button', { name: 'Abrir ata sessão 12.txt' }).click();
  await expect.poll(() => cliente.desktop.opened.length).toBe(1);
  expect(basename(cliente.desktop.opened[0]!)).toBe('ata sessão 12.txt');
  expect(readFileSync(cliente.desktop.opened[0]!, 'utf8')).toBe('Ata da sessão ordinária');
  await screenshot(page, 'detalhe-anexos');
});

test('consultant works the ticket in another client', async ({ browser }) => {
  consultor = await HarnessClient.create(browser, renderer.url, 'tickets-consultor');
  clients.push(consultor);
  await signUp(consultor, { name: 'Carla Consultora', email: 'carla.tickets@backsite.exemplo', invite: 'DEMO-CONSULTOR' });
  const page = consultor.page;
  const quiet = await consultor.core.invoke('notifications.list', {});
  expect(quiet.ok && quiet.value.unread).toBe(0);

  // Switching organizations shows the other Câmara's tickets only.
  await page.getByRole('link', { name: 'Solicitações', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Solicitações da organização' })).toBeVisible();
  await page.getByRole('combobox', { name: 'Organização atendida' }).click();
  await page.getByRole('option', { name: 'Câmara Municipal de Exemplo' }).click();
  await expect(page.getByText('Nenhuma solicitação encontrada.')).toBeVisible();
  await page.getByRole('combobox', { name: 'Organização atendida' }).click();
  await page.getByRole('option', { name: 'Câmara Municipal de Santos' }).click();
  await page.getByLabel('Buscar').fill('votacao plenario');
  await expect(listRows(page)).toHaveCount(1);
  await page.getByRole('link', { name: 'Exibir detalhes da solicitação 9662' }).click();

  // The NFD name arrives intact and the download keeps it.
  await page.getByRole('tab', { name: /Anexos/ }).click();
  await expect(page.getByTestId('attachment-name').first()).toHaveText(NFD_NAME);
  await page.getByRole('button', { name: `Salvar ${NFD_NAME}` }).click();
  await expect(page.getByText('Anexo salvo')).toBeVisible();
  expect(readdirSync(consultor.savedDir)).toContain(NFD_NAME);
  expect(readFileSync(join(consultor.savedDir, NFD_NAME)).equals(PNG)).toBe(true);
  await expect(page.getByRole('img', { name: `Pré-visualização de ${NFD_NAME}` })).toBeVisible();

  // Status, a comment and the solution.
  await page.getByRole('combobox', { name: 'Mudar situação' }).click();
  await page.getByRole('option', { name: 'Produção', exact: true }).click();
  await expect(page.getByRole('combobox', { name: 'Mudar situação' })).toHaveValue('Produção');
  await page.getByRole('tab', { name: 'Histórico' }).click();
  await page.getByLabel('Adicionar comentário').fill('Servidor de votação reiniciado; acompanhando.');
  await page.getByRole('button', { name: 'Comentar' }).click();
  await expect(page.getByText('Servidor de votação reiniciado; acompanhando.')).toBeVisible();
  await page.getByRole('tab', { name: 'Solução' }).click();
  await page.getByLabel('Resultado').fill('Finalizado');
  await page.getByLabel('Descrição da solução').fill('Serviço de votação restabelecido e monitorado.');
  await page.getByRole('button', { name: 'Concluir com esta solução' }).click();
  await expect(page.getByText('Término:')).toBeVisible();
  // Rejecting a solution is the client's answer to it, not the consultant's.
  await expect(page.getByRole('button', { name: 'Rejeitar' })).toHaveCount(0);
  await syncNow(page);
  await screenshot(page, 'consultor-solucao');
});

test('client is notified, comments offline and prints', async () => {
  const page = cliente.page;
  // Away from the ticket: an open ticket marks its own notifications read as they arrive.
  await page.getByRole('link', { name: 'Início' }).click();
  await syncNow(page);

  // Status change, comment and solution: three desktop notifications and three unread entries.
  await expect.poll(() => cliente.desktop.notifications.length).toBe(3);
  expect(cliente.desktop.notifications.map((notification) => notification.title)).toEqual([
    'Situação alterada · Solicitação 9662',
    'Novo comentário · Solicitação 9662',
    'Solução registrada · Solicitação 9662',
  ]);
  await expect(page.getByTestId('unread-count')).toHaveText('3');
  await page.getByRole('link', { name: /Notificações/ }).click();
  await expect(page.getByText('3 não lidas')).toBeVisible();
  await screenshot(page, 'notificacoes');
  await expectAccessible(page, 'notificações');

  // Clicking a desktop notification opens the ticket and reads its entries.
  cliente.desktop.notifications[2]!.click();
  await expect(page.getByRole('heading', { name: SUBJECT })).toBeVisible();
  await expect(page.getByTestId('unread-count')).toHaveCount(0);

  // A client has no status control, and the IPC refuses what the UI does not offer.
  await expect(page.getByRole('combobox', { name: 'Mudar situação' })).toHaveCount(0);
  const ticketId = ticketPath.split('/').pop()!;
  const forbidden = await cliente.core.invoke('tickets.setStatus', { ticketId, status: 'producao' });
  expect(forbidden.ok ? 'ok' : forbidden.error.code).toBe('forbidden');
  const solve = await cliente.core.invoke('tickets.solve', { ticketId, result: 'Feito', text: '' });
  expect(solve.ok ? 'ok' : solve.error.code).toBe('forbidden');

  // A comment works offline and waits to be sent.
  await server.stop();
  await page.getByRole('tab', { name: 'Histórico' }).click();
  await page.getByLabel('Adicionar comentário').fill('Votação voltou a funcionar, obrigado.');
  await page.getByRole('button', { name: 'Comentar' }).click();
  await expect(page.getByText('Votação voltou a funcionar, obrigado.')).toBeVisible();
  await expect(page.getByRole('tabpanel', { name: 'Histórico' }).getByText('aguardando envio')).toBeVisible();
  await screenshot(page, 'historico-offline');
  await expectAccessible(page, 'histórico');
  await server.start();
  await syncNow(page);
  await expect(page.getByText('aguardando envio')).toHaveCount(0);

  // Print and PDF: the five sections on A4.
  await page.getByRole('button', { name: 'Imprimir' }).click();
  await expect.poll(() => cliente.printed.length).toBe(1);
  await page.getByRole('button', { name: 'Salvar PDF' }).click();
  await expect(page.getByText('PDF salvo')).toBeVisible();
  const pdf = join(cliente.savedDir, 'Solicitação 9662.pdf');
  const text = pdfText(pdf);
  for (const section of ['Básico', 'Manifestação', 'Anexos', 'Histórico', 'Solução']) expect(text).toContain(section);
  expect(text).toContain(SUBJECT);
  expect(text).toContain('Serviço de votação restabelecido e monitorado.');
  expect(text).toContain('Votação voltou a funcionar, obrigado.');
  expect(text.normalize('NFC')).toContain(NFD_NAME.normalize('NFC'));
  pdfFirstPagePng(pdf, join(RESULTS_DIR, 'screens', 'solicitacao-pdf-pagina-1'));
});

test('critical ticket outside business hours shows the plantão', async ({ browser }) => {
  // Saturday 10:00 in São Paulo on both clocks, whatever the real time is: the computer's, and
  // the server's as the client reads it from the Date header of each answer.
  const saturday = fromWallTime('America/Sao_Paulo', 2026, 3, 7, 10, 0);
  const network = await startFaultProxy(() => server.url, { serverClock: () => saturday });
  proxies.push(network);
  const plantao = await HarnessClient.create(browser, renderer.url, 'tickets-plantao', { now: () => saturday });
  clients.push(plantao);
  await signUp(plantao, { name: 'Paula Plantão', email: 'paula.tickets@camara.exemplo', invite: 'DEMO-CLIENTE' }, network.url);
  const page = plantao.page;
  await page.getByRole('link', { name: 'Nova solicitação' }).click();
  await chooseOption(page, 'O que está acontecendo?', 'Sistema parado e é preciso atendimento no local');
  await expect(page.getByTestId('deadline-preview')).toContainText('09/03/2026 16:00');
  await expect(page.getByRole('alert').filter({ hasText: 'telefone de plantão' })).toContainText('(00) 0000-0000');
  await screenshot(page, 'nova-solicitacao-plantao');
  await expectAccessible(page, 'nova solicitação fora do horário');
});
