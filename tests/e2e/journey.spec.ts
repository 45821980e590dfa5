// The implementation journey in real Chromium against the real server started with --demo. A
// participant ticks the checklist, reads the stages, the policies and the contacts, makes both
// guided requests offline and prints the page. A consultant records the stages, follows every
// participant and prints them all, and long notes and many participants flow onto further
// pages. Every new screen is checked with axe-core and saved as a screenshot.
import { randomUUID } from 'node:crypto';
import { existsSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Locator, type Page } from '@playwright/test';
import { CHECKLIST_ITEMS, type ChecklistItemId } from '../../src/shared/domain';
import { formatCalendarDate, todayInSaoPaulo } from '../../src/shared/format';
import { addDays, isoDateOf, weekdayOf } from '../../src/shared/zonedTime';
import { SacApi } from '../../src/main/core/sync/sacApi';
import type { Mutation, User } from '../../src/shared/wire';
import { startServerProcess, type ServerProcess } from '../support/serverProcess';
import { HarnessClient, pdfText, RESULTS_DIR, screenshot, startRendererServer } from './harness';
import { pdfPageCount, pdfPagePng, pdfPageSize, pdfPageText } from './pdfPages';

const PRINTED_LINES: Record<ChecklistItemId, string> = {
  '01': 'Ler atentamente este procedimento.',
  '02': 'SAC – Serviço de Atendimento ao Cliente.',
  '03': 'Próximas etapas',
  '04': 'Atendimento',
  '05': 'Políticas de segurança',
  '06': 'Política de manutenção e atualização',
  '07': 'Política de backup',
};

let server: ServerProcess;
let renderer: { url: string; close: () => Promise<void> };
const clients: HarnessClient[] = [];

test.beforeAll(async () => {
  server = await startServerProcess({ demo: true });
  renderer = await startRendererServer();
});

test.afterAll(async () => {
  for (const client of clients) await client.close();
  await renderer?.close();
  await server?.stop();
});

/** Checks the page with axe-core against WCAG 2.1 A and AA. */
async function expectAccessible(page: Page, screen: string) {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  const summary = results.violations.map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`);
  expect(summary, `accessibility violations on ${screen}`).toEqual([]);
}

async function signUp(browser: Parameters<typeof HarnessClient.create>[0], details: { name: string; email: string; invite: string }) {
  const client = await HarnessClient.create(browser, renderer.url, details.email.split('@')[0]!);
  clients.push(client);
  const page = client.page;
  await page.getByRole('tab', { name: 'Criar conta' }).click();
  await page.getByLabel('Endereço do servidor SAC').fill(server.url);
  await page.getByLabel('Nome completo').fill(details.name);
  await page.getByLabel('E-mail').fill(details.email);
  await page.getByLabel('Senha').fill('senha-segura-123');
  await page.getByLabel('Código de convite').fill(details.invite);
  await page.getByRole('button', { name: 'Criar agora!' }).click();
  await expect(page.getByRole('heading', { name: `Olá, ${details.name.split(' ')[0]}` })).toBeVisible();
  await expect(page.getByText('Nada a enviar')).toBeVisible();
  return client;
}

/** Follows an entry of the left navigation. */
async function openScreen(page: Page, label: string) {
  await page.getByRole('navigation', { name: 'Navegação principal' }).getByRole('link', { name: label, exact: true }).click();
}

async function syncNow(page: Page) {
  await page.getByRole('button', { name: 'Sincronizar agora' }).click();
  await expect(page.getByText('Nada a enviar')).toBeVisible();
  await expect(page.getByText('Conectado', { exact: true })).toBeVisible();
}

/** Clicks a "Salvar PDF" button and waits for the file the save dialog chose; returns its path. */
async function savePdf(client: HarnessClient, button: Locator, fileName: string): Promise<string> {
  const file = join(client.savedDir, fileName);
  rmSync(file, { force: true });
  await button.click();
  await expect.poll(() => existsSync(file) && statSync(file).size > 0, { message: `${fileName} saved` }).toBe(true);
  return file;
}

/** Shifts a YYYY-MM-DD date by whole days. */
function shift(isoDate: string, days: number): string {
  const [year, month, day] = isoDate.split('-').map(Number) as [number, number, number];
  return isoDateOf(addDays({ year, month, day }, days));
}

function weekday(isoDate: string): number {
  const [year, month, day] = isoDate.split('-').map(Number) as [number, number, number];
  return weekdayOf({ year, month, day });
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Finds the line of one item in pdftotext's layout output: number, box, wording and date. */
function itemLine(text: string, itemId: ChecklistItemId): string {
  const line = text.split('\n').find((candidate) => new RegExp(`^\\s*${itemId} -\\s`).test(candidate));
  expect(line, `line of item ${itemId} in:\n${text}`).toBeDefined();
  return line!;
}

function expectItemLine(text: string, itemId: ChecklistItemId, completedOn: string | null) {
  const line = itemLine(text, itemId);
  const wording = escapeRegExp(PRINTED_LINES[itemId]);
  if (completedOn) {
    expect(line).toMatch(new RegExp(`^\\s*${itemId} -\\s+X\\s+${wording}\\s+${escapeRegExp(formatCalendarDate(completedOn))}\\s*$`));
  } else {
    expect(line).toMatch(new RegExp(`^\\s*${itemId} -\\s+${wording}\\s+__/__/____\\s*$`));
  }
}

test('participant works through the journey and prints it', async ({ browser }) => {
  const today = todayInSaoPaulo();
  const tenDaysAgo = shift(today, -10);
  const client = await signUp(browser, { name: 'Rafael Servidor', email: 'rafael.jornada@camara.exemplo', invite: 'DEMO-CLIENTE' });
  const page = client.page;

  // Checklist: 01 ticked today by default, 02 typed ten days ago, a future date explained.
  await openScreen(page, 'Checklist');
  await page.getByRole('checkbox', { name: /^01 –/ }).click();
  await expect(page.getByLabel('Data de conclusão do item 01')).toHaveValue(formatCalendarDate(today));
  await page.getByRole('checkbox', { name: /^02 –/ }).click();
  const date02 = page.getByLabel('Data de conclusão do item 02');
  await date02.fill(formatCalendarDate(tenDaysAgo));
  await date02.press('Enter');
  await date02.press('Escape');
  await expect(date02).toHaveValue(formatCalendarDate(tenDaysAgo));
  await page.getByRole('checkbox', { name: /^03 –/ }).click();
  const date03 = page.getByLabel('Data de conclusão do item 03');
  await date03.fill(formatCalendarDate(shift(today, 3)));
  await date03.press('Enter');
  const futureMessage = page.getByText(
    `A data de conclusão não pode estar no futuro. Informe a data em que a atividade foi feita. A data digitada foi ${formatCalendarDate(shift(today, 3))}. A data anterior foi mantida.`,
  );
  await expect(futureMessage).toBeVisible();
  // Nothing covers it, the calendar under the field included: its ends are the topmost elements.
  await date03.click();
  await expect(page.getByRole('dialog').or(page.locator('.mantine-Popover-dropdown')).first()).toBeVisible();
  const uncovered = await futureMessage.evaluate((element) => {
    const box = element.getBoundingClientRect();
    return [box.left + 4, box.right - 4].every((x) => element.contains(element.ownerDocument.elementFromPoint(x, box.top + 8)));
  });
  expect(uncovered).toBe(true);
  await date03.press('Escape');
  await date03.blur();
  await expect(date03).toHaveValue(formatCalendarDate(today));
  await date03.fill('31/02/2026');
  await date03.blur();
  await expect(page.getByText('Data inválida: "31/02/2026". Digite a data no formato dd/mm/aaaa')).toBeVisible();
  await expect(page.getByText('A data anterior foi mantida.')).toBeVisible();
  await expect(date03).toHaveValue(formatCalendarDate(today));

  // A note on 01 and the links of each item.
  await page.getByRole('button', { name: 'Adicionar observação do item 01' }).click();
  await page.getByLabel('Observação do item 01').fill('Lido com a equipe da Secretaria.');
  await page.getByRole('button', { name: 'Salvar observação' }).click();
  await expect(page.getByText('Observação: Lido com a equipe da Secretaria.')).toBeVisible();
  // A note typed but not saved stops the printing with a warning, instead of missing from the page.
  await page.getByRole('button', { name: 'Adicionar observação do item 04' }).click();
  await page.getByLabel('Observação do item 04').fill('Prazos lidos.');
  rmSync(join(client.savedDir, 'Checklist de implantação - Rafael Servidor.pdf'), { force: true });
  await page.getByRole('button', { name: 'Salvar PDF' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'A observação do item 04 ainda não foi salva' })).toBeVisible();
  expect(existsSync(join(client.savedDir, 'Checklist de implantação - Rafael Servidor.pdf'))).toBe(false);
  await page.getByTestId('checklist-item-04').getByRole('button', { name: 'Cancelar' }).click();
  await expect(page.getByText('A observação do item 04 ainda não foi salva')).toHaveCount(0);
  await expect(page.getByTestId('checklist-item-02').getByRole('link', { name: 'Abrir as solicitações do SAC' })).toHaveAttribute(
    'href',
    '#/solicitacoes',
  );
  await expect(page.getByTestId('checklist-item-03').getByRole('link')).toHaveAttribute('href', '#/etapas');
  for (const [itemId, key] of [['01', 'procedimento'], ['04', 'atendimento'], ['05', 'seguranca'], ['06', 'manutencao'], ['07', 'backup']]) {
    await expect(page.getByTestId(`checklist-item-${itemId}`).getByRole('link')).toHaveAttribute('href', `#/politicas/${key}`);
  }
  await screenshot(page, 'jornada-checklist');
  await expectAccessible(page, 'checklist');

  // The printed page contains every date and box state.
  const pdf = await savePdf(client, page.getByRole('button', { name: 'Salvar PDF' }), 'Checklist de implantação - Rafael Servidor.pdf');
  await expect(page.getByText('PDF salvo')).toBeVisible();
  const text = pdfText(pdf);
  expectItemLine(text, '01', today);
  expectItemLine(text, '02', tenDaysAgo);
  expectItemLine(text, '03', today);
  for (const itemId of ['04', '05', '06', '07'] as const) expectItemLine(text, itemId, null);
  expect(text).toContain('Título: Como participar do processo de implantação do meu sistema.');
  expect(text).toMatch(/Empresa:\s+Câmara Municipal de Santos/);
  expect(text).toMatch(/Participante:\s+Rafael Servidor/);
  expect(text).toContain('Observação: Lido com a equipe da Secretaria.');
  expect(text).toContain('Atividades concluídas: 3 de 7.');
  expect(text).toContain(`Primeira atividade em ${formatCalendarDate(tenDaysAgo)}; última em ${formatCalendarDate(today)}; 11 dias no total.`);
  expect(text).toContain('Em aberto: 04, 05, 06 e 07.');
  expect(text).toMatch(/Impresso em \d{2}\/\d{2}\/\d{4} \d{2}:\d{2}/);
  expect(text).toContain('Página 1 de 1');
  expect(pdfPageCount(pdf)).toBe(1);
  const size = pdfPageSize(pdf);
  expect(Math.round(size.width / 72 * 25.4)).toBe(210);
  expect(Math.round(size.height / 72 * 25.4)).toBe(297);
  pdfPagePng(pdf, 1, join(RESULTS_DIR, 'screens', 'jornada-checklist-pdf-pagina-1'), 100);

  // "Imprimir" hands the same page to the system print dialog.
  await page.getByRole('button', { name: 'Imprimir' }).click();
  await expect.poll(() => client.printed.length).toBe(1);
  expect(client.printed[0]).toContain('Lido com a equipe da Secretaria.');
  expect(client.printed[0]).toContain(formatCalendarDate(tenDaysAgo));

  // Etapas: a client reads the timeline and what each stage means, and cannot edit it.
  await openScreen(page, 'Etapas');
  await expect(page.getByRole('heading', { name: '1. Levantamento' })).toBeVisible();
  await expect(page.getByText('O consultor entende como funciona a sua organização')).toBeVisible();
  await expect(page.getByRole('listitem')).toHaveCount(4);
  await expect(page.getByRole('button', { name: /Registrar/ })).toHaveCount(0);
  await screenshot(page, 'jornada-etapas-cliente');
  await expectAccessible(page, 'etapas');

  // Políticas e prazos: every text, the service levels in force and the on-call phone.
  await openScreen(page, 'Políticas e prazos');
  await expect(page.getByRole('tab', { name: 'Sobre este procedimento' })).toHaveAttribute('aria-selected', 'true');
  await page.getByRole('tab', { name: 'Atendimento' }).click();
  await expect(page.getByRole('table', { name: 'Prazos de atendimento em vigor' })).toBeVisible();
  await expect(page.getByText('Telefone de plantão para paradas críticas')).toBeVisible();
  await screenshot(page, 'jornada-politicas-atendimento');
  await expectAccessible(page, 'politicas');
  await page.getByRole('tab', { name: 'Políticas de segurança' }).click();
  await expect(page.getByText('Você é responsável pela sua senha.')).toBeVisible();
  await page.getByRole('tab', { name: 'Política de backup' }).click();
  await expect(page.getByText('Lei 12.527/2011')).toBeVisible();

  // Contatos: an e-mail opens the mail program, addresses and phones copy with one click.
  await openScreen(page, 'Contatos');
  await page.getByRole('button', { name: 'Escrever e-mail para consultor@exemplo.com.br' }).click();
  await expect.poll(() => client.links.opened).toEqual(['mailto:consultor@exemplo.com.br']);
  const supportRow = page.getByRole('row', { name: /Para configurações em geral/ });
  await supportRow.getByRole('button', { name: 'Copiar telefone (00) 0000-0000 (WhatsApp)' }).click();
  await expect(supportRow.getByRole('status').filter({ hasText: 'Copiado' })).toHaveCount(1);
  await supportRow.getByRole('button', { name: 'Copiar e-mail contato@exemplo.com.br' }).click();
  await expect.poll(() => client.clipboard.texts).toEqual(['(00) 0000-0000', 'contato@exemplo.com.br']);
  await screenshot(page, 'jornada-contatos');
  await expectAccessible(page, 'contatos');
});

/** Returns the first date on or after `from` with the given ISO weekday (1 = Monday). */
function nextWeekday(from: string, isoWeekday: number): string {
  let date = from;
  while (weekday(date) !== isoWeekday) date = shift(date, 1);
  return date;
}

test('guided requests work offline and explain their rules', async ({ browser }) => {
  const today = todayInSaoPaulo();
  const client = await signUp(browser, { name: 'Beatriz Secretária', email: 'beatriz.pedidos@camara.exemplo', invite: 'DEMO-CLIENTE' });
  const page = client.page;
  await server.stop();

  // The update request opens from the maintenance policy, offline.
  await openScreen(page, 'Políticas e prazos');
  await page.getByRole('tab', { name: 'Política de manutenção e atualização' }).click();
  await page.getByRole('link', { name: 'Solicitar atualização da plataforma' }).click();
  const dateField = page.getByLabel('Data da atualização');
  await expect(dateField).toHaveValue(/^\d{2}\/\d{2}\/\d{4}$/);
  const proposed = await dateField.inputValue();
  const [day, month, year] = proposed.split('/');
  const proposedIso = `${year}-${month}-${day}`;
  expect(proposedIso >= shift(today, 7), `${proposedIso} at least a week after ${today}`).toBe(true);
  expect([1, 2, 3]).toContain(weekday(proposedIso));
  await expect(page.getByRole('status').filter({ hasText: 'Atualização pedida para' })).toBeVisible();

  // A Thursday is refused with the reason and a suggestion.
  const thursday = nextWeekday(shift(today, 7), 4);
  await dateField.fill(formatCalendarDate(thursday));
  await dateField.press('Escape');
  await expect(page.getByText(`A atualização só é feita de segunda a quarta-feira, e ${formatCalendarDate(thursday)} é uma quinta-feira.`)).toBeVisible();
  await expect(page.getByRole('button', { name: 'Enviar pedido de atualização' })).toBeDisabled();
  await screenshot(page, 'jornada-pedido-atualizacao-quinta');
  await expectAccessible(page, 'pedido de atualização');

  // So is a Monday less than a week ahead, and a Saturday.
  const soonMonday = nextWeekday(shift(today, 1), 1);
  if (soonMonday < shift(today, 7)) {
    await dateField.fill(formatCalendarDate(soonMonday));
    await dateField.press('Escape');
    await expect(page.getByText(/precisa ser pedida com pelo menos 7 dias de antecedência/)).toBeVisible();
  }
  const saturday = nextWeekday(shift(today, 7), 6);
  await dateField.fill(formatCalendarDate(saturday));
  await dateField.press('Escape');
  await expect(page.getByText(`e ${formatCalendarDate(saturday)} é um sábado.`, { exact: false })).toBeVisible();

  // The suggested date is accepted and the request waits in the outbox.
  // The field shows the suggestion after a render, so wait for it rather than reading at once.
  const useSuggestion = page.getByRole('button', { name: /^Usar / });
  const named = /(\d{2}\/\d{2}\/\d{4})$/.exec((await useSuggestion.textContent()) ?? '');
  expect(named, 'date named on the suggestion button').not.toBeNull();
  const accepted = named![1]!;
  await useSuggestion.click();
  await expect(dateField).toHaveValue(accepted);
  await page.getByLabel('Observações').fill('De preferência depois das 14h.');
  await page.getByRole('button', { name: 'Enviar pedido de atualização' }).click();
  await expect(page.getByText('Pedido de atualização cadastrado')).toBeVisible();
  await screenshot(page, 'jornada-pedido-atualizacao-cadastrado');
  await page.getByRole('link', { name: 'Ver solicitação' }).click();
  await expect(page.getByText(new RegExp(`Atualização da plataforma em ${escapeRegExp(accepted)} \\((segunda|terça|quarta)-feira\\)`)).first()).toBeVisible();

  // The main process applies the same rule to a call that skips the form.
  const refused = await client.core.invoke('requests.platformUpdate', { date: thursday });
  if (refused.ok) throw new Error('the main process accepted a Thursday');
  expect(refused.error.code).toBe('invalid_update_date');
  expect(refused.error.message).toContain('quinta-feira');

  // The database copy request states that only the data is sent.
  await openScreen(page, 'Políticas e prazos');
  await page.getByRole('tab', { name: 'Política de backup' }).click();
  await page.getByRole('link', { name: 'Solicitar cópia do banco de dados' }).click();
  await expect(page.getByText('A estrutura de código de programação das ferramentas não é enviada.')).toBeVisible();
  await page.getByRole('button', { name: 'Enviar pedido de cópia' }).click();
  await expect(page.getByText('Confirme que você leu o que a cópia contém')).toBeVisible();
  await screenshot(page, 'jornada-pedido-copia-banco');
  await expectAccessible(page, 'pedido de cópia do banco');
  await page.getByRole('checkbox', { name: /Entendi que a cópia traz somente os dados/ }).click();
  await page.getByRole('button', { name: 'Enviar pedido de cópia' }).click();
  await expect(page.getByText('Pedido de cópia do banco de dados cadastrado')).toBeVisible();

  // Back online, both requests reach the server and get protocol numbers.
  const pending = await client.core.invoke('sync.status', {});
  if (!pending.ok) throw new Error(pending.error.message);
  expect(pending.value.pendingCount).toBe(2);
  await server.start();
  await syncNow(page);
  await openScreen(page, 'Solicitações');
  for (const subject of [/Atualização da plataforma em/, /Cópia do banco de dados da plataforma/]) {
    const row = page.getByRole('row', { name: subject });
    await expect(row.getByRole('cell').first()).toHaveText(/^\d+$/);
  }
  await screenshot(page, 'jornada-pedidos-sincronizados');
});

/**
 * Registers a participant through the server's API and pushes their checklist, as another
 * computer would: `items` maps item numbers to completion dates and optional notes.
 */
async function participantWithChecklist(
  name: string,
  invite: 'DEMO-CLIENTE' | 'DEMO-OUTRA',
  items: Array<{ itemId: ChecklistItemId; completedOn: string; note?: string }>,
): Promise<User> {
  const auth = await new SacApi({ serverUrl: server.url }).register({
    name,
    email: `participante-${randomUUID().slice(0, 8)}@camara.exemplo`,
    password: 'senha-segura-123',
    inviteCode: invite,
  });
  if (items.length > 0) {
    const api = new SacApi({ serverUrl: server.url, token: auth.token });
    const mutations: Mutation[] = items.map((item) => ({
      id: randomUUID(),
      name: 'checklist.set',
      args: { itemId: item.itemId, done: true, completedOn: item.completedOn, ...(item.note ? { note: item.note } : {}) },
      createdAt: new Date().toISOString(),
    }));
    const { results } = await api.push(mutations);
    expect(results.map((result) => result.status)).toEqual(items.map(() => 'applied'));
  }
  return auth.user;
}

/** The first line of a page's content, trimmed: the running header above it is skipped. */
const firstLine = (text: string) =>
  text
    .split('\n')
    .map((line) => line.trim())
    .find((line) => line && !line.startsWith('Checklist de implantação –')) ?? '';

/** The running header at the top of a page: whose checklist it is. */
const runningHeader = (text: string) => text.split('\n').find((line) => line.trim())?.trim() ?? '';

test('consultant records stages and follows every participant', async ({ browser }) => {
  const today = todayInSaoPaulo();
  const day = (offset: number) => shift(today, offset);
  const ana = await participantWithChecklist('Ana Participante', 'DEMO-CLIENTE', [
    { itemId: '01', completedOn: day(-20) },
    { itemId: '02', completedOn: day(-17) },
    { itemId: '03', completedOn: day(-17) },
    { itemId: '04', completedOn: day(-10), note: 'Prazos conferidos com o consultor.' },
    { itemId: '05', completedOn: day(-5) },
    { itemId: '06', completedOn: day(-5) },
    { itemId: '07', completedOn: day(-5) },
  ]);
  await participantWithChecklist('Bruno Participante', 'DEMO-CLIENTE', [{ itemId: '01', completedOn: day(-3) }]);
  await participantWithChecklist('Otávio da Outra Câmara', 'DEMO-OUTRA', []);

  const consultant = await signUp(browser, { name: 'Carla Consultora', email: 'carla.jornada@backsite.exemplo', invite: 'DEMO-CONSULTOR' });
  const page = consultant.page;

  // The overview lists each organization's participants with progress and open items.
  await openScreen(page, 'Visão do consultor');
  const santos = page.getByRole('table', { name: 'Participantes de Câmara Municipal de Santos' });
  const anaRow = santos.getByRole('row', { name: /Ana Participante/ });
  await expect(anaRow).toContainText('7 de 7');
  await expect(anaRow).toContainText('Todas concluídas');
  await expect(anaRow).toContainText(`${formatCalendarDate(day(-20))} a ${formatCalendarDate(day(-5))} (16 dias)`);
  const brunoRow = santos.getByRole('row', { name: /Bruno Participante/ });
  await expect(brunoRow).toContainText('1 de 7');
  for (const open of ['02', '03', '04', '05', '06', '07']) await expect(brunoRow.getByText(open, { exact: true })).toBeVisible();
  const other = page.getByRole('table', { name: 'Participantes de Câmara Municipal de Exemplo' });
  await expect(other.getByRole('row', { name: /Otávio da Outra Câmara/ })).toContainText('0 de 7');
  await expect(page.getByText('Carla Consultora', { exact: true }).first()).toBeVisible();

  // How long each of Ana's items took.
  await page.getByRole('button', { name: 'Mostrar atividades de Ana Participante' }).click();
  const details = page.getByRole('table', { name: 'Atividades de Ana Participante' });
  await expect(details.getByRole('row', { name: /^01 –/ })).toContainText('primeira atividade');
  await expect(details.getByRole('row', { name: /^02 –/ })).toContainText('3 dias após a anterior');
  await expect(details.getByRole('row', { name: /^03 –/ })).toContainText('no mesmo dia da anterior');
  await expect(details.getByRole('row', { name: /^04 –/ })).toContainText('7 dias após a anterior');
  await expect(details.getByRole('row', { name: /^04 –/ })).toContainText('Prazos conferidos com o consultor.');
  await screenshot(page, 'jornada-visao-consultor');
  await expectAccessible(page, 'visão do consultor');

  // Ana's own checklist opens read-only and prints with her dates.
  await santos.getByRole('link', { name: 'Ana Participante' }).click();
  await expect(page.getByRole('heading', { name: 'Checklist de Ana Participante' })).toBeVisible();
  await expect(page.getByRole('checkbox')).toHaveCount(0);
  await expect(page.getByTestId('checklist-item-01')).toContainText('Concluída');
  await expect(page.getByTestId('checklist-item-01')).toContainText('primeira atividade');
  await expect(page.getByTestId('checklist-item-04')).toContainText('Observação: Prazos conferidos com o consultor.');
  await screenshot(page, 'jornada-checklist-participante');
  await expectAccessible(page, 'checklist de participante');
  const anaPdf = pdfText(
    await savePdf(consultant, page.getByRole('button', { name: 'Salvar PDF' }), 'Checklist de implantação - Ana Participante.pdf'),
  );
  const anaDates: Record<ChecklistItemId, string> = { '01': day(-20), '02': day(-17), '03': day(-17), '04': day(-10), '05': day(-5), '06': day(-5), '07': day(-5) };
  for (const item of CHECKLIST_ITEMS) expectItemLine(anaPdf, item.id, anaDates[item.id]);
  expect(anaPdf).toMatch(/Consultor:\s+Carla Consultora/);

  // Everyone at once: a summary page, then one page per participant.
  const overview = await consultant.core.invoke('checklist.overview', {});
  if (!overview.ok) throw new Error(overview.error.message);
  const sheets = overview.value.organizations.flatMap((organization) =>
    organization.participants.map((person) => ({ name: person.name, organization: organization.name })),
  );
  const participants = sheets.map((sheet) => sheet.name);
  expect(participants).toEqual(expect.arrayContaining(['Ana Participante', 'Bruno Participante', 'Otávio da Outra Câmara']));
  await openScreen(page, 'Visão do consultor');
  const allPdf = await savePdf(
    consultant,
    page.getByRole('button', { name: 'Salvar PDF de todos os checklists' }),
    'Checklists de implantação - todas as organizações.pdf',
  );
  expect(pdfPageCount(allPdf)).toBe(1 + participants.length);
  const summary = pdfPageText(allPdf, 1);
  expect(summary).toContain('Checklist de implantação: acompanhamento dos participantes');
  expect(summary).toMatch(new RegExp(`Ana Participante\\s+7 de 7\\s+${escapeRegExp(formatCalendarDate(day(-20)))}\\s+${escapeRegExp(formatCalendarDate(day(-5)))}\\s+16\\s+nenhuma`));
  expect(summary).toMatch(/Bruno Participante\s+1 de 7\s+.*02, 03, 04, 05, 06 e 07/);
  expect(summary).toMatch(/Otávio da Outra Câmara\s+0 de 7\s+—\s+—\s+—/);
  expect(runningHeader(summary)).toBe('Checklist de implantação – resumo dos participantes');
  sheets.forEach(({ name, organization }, index) => {
    const sheet = pdfPageText(allPdf, index + 2);
    expect(runningHeader(sheet)).toBe(`Checklist de implantação – ${name} – ${organization}`);
    expect(firstLine(sheet)).toBe('PROCEDIMENTO DO CLIENTE');
    expect(sheet).toMatch(new RegExp(`Empresa:\\s+${escapeRegExp(organization)}`));
    expect(sheet).toMatch(new RegExp(`Participante:\\s+${escapeRegExp(name)}`));
    expect(sheet).toContain(`Página ${index + 2} de ${participants.length + 1}`);
  });
  pdfPagePng(allPdf, 1, join(RESULTS_DIR, 'screens', 'jornada-visao-consultor-pdf-pagina-1'), 100);
  pdfPagePng(allPdf, 2, join(RESULTS_DIR, 'screens', 'jornada-visao-consultor-pdf-pagina-2'), 100);

  // Etapas: the consultant records Levantamento as done and Treinamento as started.
  await openScreen(page, 'Etapas');
  await page.getByRole('button', { name: 'Registrar a etapa Levantamento' }).click();
  await page.getByText('Concluída', { exact: true }).last().click();
  const started = page.getByLabel('Início');
  await started.fill(formatCalendarDate(day(-30)));
  await started.press('Escape');
  const completed = page.getByLabel('Conclusão');
  await completed.fill(formatCalendarDate(day(2)));
  await completed.blur();
  await expect(page.getByText('A data de conclusão não pode estar no futuro.')).toBeVisible();
  await screenshot(page, 'jornada-etapas-registrar');
  await expectAccessible(page, 'registrar etapa');
  await completed.fill(formatCalendarDate(day(-2)));
  await completed.press('Escape');
  await page.getByRole('button', { name: 'Salvar etapa' }).click();
  const levantamento = page.getByRole('listitem').filter({ hasText: '1. Levantamento' });
  await expect(levantamento).toContainText('Concluída');
  await expect(levantamento).toContainText(`Início em ${formatCalendarDate(day(-30))}; conclusão em ${formatCalendarDate(day(-2))}.`);
  await page.getByRole('button', { name: 'Registrar a etapa Treinamento' }).click();
  await page.getByText('Em andamento', { exact: true }).last().click();
  await page.getByRole('button', { name: 'Salvar etapa' }).click();
  await expect(page.getByRole('listitem').filter({ hasText: '2. Treinamento' })).toContainText(`Início em ${formatCalendarDate(today)}.`);
  await syncNow(page);
  await screenshot(page, 'jornada-etapas-consultor');
  await expectAccessible(page, 'etapas do consultor');

  // A client sees the stages as recorded and is refused the consultant's channels.
  const cliente = await signUp(browser, { name: 'Célia Servidora', email: 'celia.etapas@camara.exemplo', invite: 'DEMO-CLIENTE' });
  await openScreen(cliente.page, 'Etapas');
  await expect(cliente.page.getByRole('listitem').filter({ hasText: '1. Levantamento' })).toContainText('Concluída');
  await expect(cliente.page.getByRole('listitem').filter({ hasText: '2. Treinamento' })).toContainText('Em andamento');
  await screenshot(cliente.page, 'jornada-etapas-cliente-sincronizado');
  await expect(cliente.page.getByRole('navigation', { name: 'Navegação principal' }).getByRole('link', { name: 'Visão do consultor' })).toHaveCount(0);
  const stageId = (await consultant.core.invoke('stages.list', {})) as { ok: true; value: { stages: Array<{ id: string }> } };
  for (const [channel, input] of [
    ['checklist.overview', {}],
    ['checklist.printOverview', {}],
    ['checklist.saveOverviewPdf', {}],
    ['checklist.get', { userId: ana.id }],
    ['checklist.print', { userId: ana.id }],
    ['stages.set', { stageId: stageId.value.stages[2]!.id, status: 'em_andamento', startedOn: today, completedOn: null }],
  ] as const) {
    const result = await cliente.core.invoke(channel, input);
    expect(result.ok ? 'accepted' : result.error.code, channel).toBe('forbidden');
  }
});

test('long notes and many participants flow onto further pages', async ({ browser }) => {
  const today = todayInSaoPaulo();
  const paragraph =
    'Reunião com a Secretaria Legislativa para revisar o fluxo de proposituras, os modelos de ofício e a numeração dos despachos. ' +
    'Ficou combinado que a equipe da Câmara testa cada tela antes da próxima visita do consultor e anota as dúvidas no SAC. ';
  const longNote = `${paragraph.repeat(6)}\nPendências: revisar permissões dos vereadores; conferir a tramitação dos ofícios.`.slice(0, 1_900);
  const names = Array.from({ length: 12 }, (_, index) => `Participante ${String(index + 1).padStart(2, '0')} da Exemplo`);
  for (const [index, name] of names.entries()) {
    // The first participant has all seven items with long notes; the others some items.
    const count = index === 0 ? 7 : 1 + (index % 7);
    const items = CHECKLIST_ITEMS.slice(0, count).map((item, position) => ({
      itemId: item.id,
      completedOn: shift(today, -30 + position * 2),
      ...(index === 0 ? { note: longNote } : position === 0 ? { note: `Observação curta do participante ${index + 1}.` } : {}),
    }));
    await participantWithChecklist(name, 'DEMO-OUTRA', items);
  }

  const consultant = await signUp(browser, { name: 'Diego Consultor', email: 'diego.paginas@backsite.exemplo', invite: 'DEMO-CONSULTOR' });
  const page = consultant.page;
  await openScreen(page, 'Visão do consultor');
  const pdf = await savePdf(
    consultant,
    page.getByRole('button', { name: 'Salvar PDF dos checklists de Câmara Municipal de Exemplo' }),
    'Checklists de implantação - Câmara Municipal de Exemplo.pdf',
  );
  const pages = pdfPageCount(pdf);
  const texts = Array.from({ length: pages }, (_, index) => pdfPageText(pdf, index + 1));

  // Every participant has a sheet; the one with long notes takes more than one page.
  for (const name of names) expect(texts.filter((text) => text.includes(`Participante: ${name}`)), name).toHaveLength(1);
  expect(pages).toBeGreaterThan(1 + names.length);
  texts.forEach((text, index) => expect(text).toContain(`Página ${index + 1} de ${pages}`));

  // No row is split: every page starts with a sheet's header, a whole item line or the summary.
  for (const [index, text] of texts.entries()) {
    const first = firstLine(text);
    expect(
      first === 'PROCEDIMENTO DO CLIENTE' || /^0[1-7] -\s+X?\s*\S/.test(first) || first.startsWith('Desempenho'),
      `page ${index + 1} starts with "${first}"`,
    ).toBe(true);
  }
  const longSheetStart = texts.findIndex((text) => text.includes(`Participante: ${names[0]}`));
  expect(firstLine(texts[longSheetStart + 1]!)).toMatch(/^0[1-7] -\s+X\s+/);
  expect(runningHeader(texts[longSheetStart + 1]!)).toBe(`Checklist de implantação – ${names[0]} – Câmara Municipal de Exemplo`);
  pdfPagePng(pdf, 1, join(RESULTS_DIR, 'screens', 'jornada-muitos-participantes-pdf-pagina-1'), 100);
  pdfPagePng(pdf, longSheetStart + 1, join(RESULTS_DIR, 'screens', 'jornada-notas-longas-pdf-pagina-a'), 100);
  pdfPagePng(pdf, longSheetStart + 2, join(RESULTS_DIR, 'screens', 'jornada-notas-longas-pdf-pagina-b'), 100);

  // The participant's own page with the long notes also flows onto a second page.
  await page.getByRole('link', { name: names[0] }).click();
  const single = await savePdf(consultant, page.getByRole('button', { name: 'Salvar PDF', exact: true }), `Checklist de implantação - ${names[0]}.pdf`);
  const singlePages = pdfPageCount(single);
  expect(singlePages).toBeGreaterThan(1);
  const second = pdfPageText(single, 2);
  expect(firstLine(second)).toMatch(/^0[1-7] -\s+X\s+/);
  expect(second).toContain(`Página 2 de ${singlePages}`);
  expect(pdfPageText(single, singlePages)).toContain('Atividades concluídas: 7 de 7.');
  pdfPagePng(single, 2, join(RESULTS_DIR, 'screens', 'jornada-notas-longas-pagina-2'), 100);
});
