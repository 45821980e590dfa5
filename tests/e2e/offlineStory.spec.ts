// The foundation story in real Chromium against the real server started with --demo: a
// consultant works offline, the app restarts, the work syncs, a client of the Câmara sees it,
// the consultant solves it, the client rejects it, and the checklist PDF holds the dates.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { startServerProcess, type ServerProcess } from '../support/serverProcess';
import { HarnessClient, pdfFirstPagePng, pdfText, RESULTS_DIR, screenshot, startRendererServer } from './harness';

const ATTACHMENT_NAME = 'Relatório de implantação – sessão 1.pdf';
const CHECKLIST_DATES = [
  { item: '01', typed: '02/11/2026' },
  { item: '02', typed: '10/11/2026' },
  { item: '03', typed: '20/11/2026' },
];

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

async function register(page: Page, details: { name: string; email: string; invite: string }) {
  await page.getByRole('tab', { name: 'Criar conta' }).click();
  await page.getByLabel('Endereço do servidor SAC').fill(server.url);
  await page.getByLabel('Nome completo').fill(details.name);
  await page.getByLabel('E-mail').fill(details.email);
  await page.getByLabel('Senha').fill('senha-segura-123');
  await page.getByLabel('Código de convite').fill(details.invite);
}

async function syncNow(page: Page) {
  await page.getByRole('button', { name: 'Sincronizar agora' }).click();
  await expect(page.getByText('Nada a enviar')).toBeVisible();
  await expect(page.getByText('Conectado', { exact: true })).toBeVisible();
}

test('offline work reaches the Câmara exactly once', async ({ browser }) => {
  const consultant = await HarnessClient.create(browser, renderer.url, 'consultor');
  clients.push(consultant);
  const page = consultant.page;

  // A consultant signs up with the demo invite and lands on the dashboard, synced.
  await register(page, { name: 'Carla Consultora', email: 'carla@backsite.exemplo', invite: 'DEMO-CONSULTOR' });
  await screenshot(page, 'cadastro');
  await expectAccessible(page, 'cadastro');
  await page.getByRole('button', { name: 'Criar agora!' }).click();
  await expect(page.getByRole('heading', { name: 'Olá, Carla' })).toBeVisible();
  await expect(page.getByText('Nada a enviar')).toBeVisible();
  await page.getByRole('link', { name: 'Solicitações', exact: true }).click();
  await expect(page.getByRole('cell', { name: '9661', exact: true })).toBeVisible();
  await screenshot(page, 'solicitacoes');
  await expectAccessible(page, 'solicitacoes');

  // The server goes away; the consultant keeps working.
  await server.stop();
  await page.getByRole('link', { name: 'Nova', exact: true }).click();
  await page.getByLabel('Assunto').fill('Ajustar meu sistema');
  await page.getByLabel('Descrição').fill('Criar um novo botão na tela de despachos.');
  await page.locator('input[type="file"]').setInputFiles({
    name: ATTACHMENT_NAME,
    mimeType: 'application/pdf',
    buffer: Buffer.from('%PDF-1.4\n% relatório da sessão 1\n'),
  });
  await expect(page.getByText(ATTACHMENT_NAME)).toBeVisible();
  await screenshot(page, 'nova-solicitacao');
  await expectAccessible(page, 'nova-solicitacao');
  await page.getByRole('button', { name: 'Enviar solicitação' }).click();
  await expect(page.getByText('Parabéns, sua solicitação foi cadastrada com sucesso.')).toBeVisible();
  await screenshot(page, 'solicitacao-cadastrada');

  await page.getByRole('link', { name: 'Checklist' }).click();
  for (const { item, typed } of CHECKLIST_DATES) {
    const checkbox = page.getByRole('checkbox', { name: new RegExp(`^${item} –`) });
    await checkbox.click();
    await expect(checkbox).toBeChecked();
    const date = page.getByLabel(`Data de conclusão do item ${item}`);
    await expect(date).toBeEnabled();
    await date.fill(typed);
    await date.press('Enter');
    await date.press('Escape');
    await expect(date).toHaveValue(typed);
  }
  await expect(page.getByText('Sem conexão', { exact: true })).toBeVisible();
  await screenshot(page, 'checklist-offline');
  await expectAccessible(page, 'checklist');

  // Every screen works with the server unreachable.
  await page.getByRole('link', { name: 'Contatos' }).click();
  await expect(page.getByRole('cell', { name: 'Para dar sequência no atendimento' })).toBeVisible();
  await screenshot(page, 'contatos-offline');
  await expectAccessible(page, 'contatos');
  await page.getByRole('link', { name: 'Solicitações', exact: true }).click();
  await page.getByRole('link', { name: 'Exibir detalhes da solicitação 9661' }).click();
  await expect(page.getByText('Protocolo: 9661')).toBeVisible();
  await page.getByRole('tab', { name: 'Solução' }).click();
  await expect(page.getByText('Término: 05/09/2017 17:29')).toBeVisible();
  await expect(page.getByText('Resultado: Finalizado')).toBeVisible();
  await screenshot(page, 'detalhe-9661-offline');
  await page.getByRole('link', { name: 'Início' }).click();
  await expect(page.getByRole('heading', { name: 'Olá, Carla' })).toBeVisible();
  await expectAccessible(page, 'inicio');

  // The app's services restart: the outbox is still there.
  const pendingBefore = await consultant.core.invoke('sync.status', {});
  expect(pendingBefore.ok && pendingBefore.value.pendingCount).toBeGreaterThanOrEqual(4);
  await consultant.restart();
  await expect(page.getByRole('heading', { name: 'Olá, Carla' })).toBeVisible();
  await expect(page.getByText(/ações a enviar/)).toBeVisible();
  await screenshot(page, 'inicio-apos-reinicio');

  // The server comes back and the consultant syncs.
  await server.start();
  await syncNow(page);
  await page.getByRole('link', { name: 'Solicitações', exact: true }).click();
  const row = page.getByRole('row', { name: /Ajustar meu sistema/ });
  await expect(row.getByRole('cell', { name: '9662', exact: true })).toBeVisible();
  await screenshot(page, 'solicitacoes-sincronizadas');

  // A client of the Câmara signs up on a second client and sees the ticket and its attachment.
  const cliente = await HarnessClient.create(browser, renderer.url, 'cliente');
  clients.push(cliente);
  await register(cliente.page, { name: 'Rafael Servidor', email: 'rafael@camara.exemplo', invite: 'DEMO-CLIENTE' });
  await cliente.page.getByRole('button', { name: 'Criar agora!' }).click();
  await cliente.page.getByRole('link', { name: 'Solicitações', exact: true }).click();
  await cliente.page.getByRole('link', { name: 'Exibir detalhes da solicitação 9662' }).click();
  await expect(cliente.page.getByText('Protocolo: 9662')).toBeVisible();
  await screenshot(cliente.page, 'detalhe-basico-cliente');
  await expectAccessible(cliente.page, 'detalhe');
  await cliente.page.getByRole('tab', { name: /Anexos/ }).click();
  await expect(cliente.page.getByTestId('attachment-name')).toHaveText(ATTACHMENT_NAME);
  await screenshot(cliente.page, 'detalhe-anexos-cliente');

  // The consultant solves it.
  await page.getByRole('link', { name: 'Exibir detalhes da solicitação 9662' }).click();
  await page.getByRole('tab', { name: 'Solução' }).click();
  await page.getByLabel('Descrição da solução').fill('Botão criado e publicado na versão desta semana.');
  await page.getByRole('button', { name: 'Concluir com esta solução' }).click();
  await expect(page.getByText('Término:')).toBeVisible();
  await syncNow(page);
  await screenshot(page, 'detalhe-solucao-consultor');

  // The client syncs, rejects the solution with a reason and sees the rejection count.
  await syncNow(cliente.page);
  await expect(cliente.page.getByRole('button', { name: 'Rejeitar' })).toBeVisible();
  await cliente.page.getByRole('button', { name: 'Rejeitar' }).click();
  await cliente.page.getByLabel('Motivo da rejeição').fill('O botão não aparece na tela inicial.');
  await screenshot(cliente.page, 'rejeitar');
  await cliente.page.getByRole('button', { name: 'Confirmar rejeição' }).click();
  await cliente.page.getByRole('tab', { name: 'Básico' }).click();
  await expect(cliente.page.getByText('Quantidade de rejeições: 1')).toBeVisible();
  await syncNow(cliente.page);
  await expect(cliente.page.getByText('Quantidade de rejeições: 1')).toBeVisible();
  await cliente.page.getByRole('tab', { name: 'Histórico' }).click();
  await screenshot(cliente.page, 'historico-cliente');

  // The consultant's checklist PDF holds the three dates.
  await page.getByRole('link', { name: 'Checklist' }).click();
  await page.getByRole('button', { name: 'Salvar PDF' }).click();
  await expect(page.getByText('PDF salvo')).toBeVisible();
  const pdf = join(consultant.savedDir, 'Checklist de implantação - Carla Consultora.pdf');
  expect(existsSync(pdf)).toBe(true);
  const text = pdfText(pdf);
  for (const { typed } of CHECKLIST_DATES) expect(text).toContain(typed);
  expect(text).toContain('Câmara Municipal de Santos');
  pdfFirstPagePng(pdf, join(RESULTS_DIR, 'screens', 'checklist-pdf-pagina-1'));
});
