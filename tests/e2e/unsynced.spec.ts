// "Não sincronizado" in real Chromium: a client rejects a solution offline while the consultant
// reopens the ticket; the server refuses the rejection, the client is told, and finds the reason
// they typed in the list, where they can copy it, send it again or discard it.
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import type { AppCore } from '../../src/main/core/appCore';
import { startFaultProxy, type FaultProxy } from '../support/faultProxy';
import { startServerProcess, type ServerProcess } from '../support/serverProcess';
import { call, newCore, registerCore } from '../support/testClient';
import { HarnessClient, screenshot, startRendererServer } from './harness';

let server: ServerProcess;
let network: FaultProxy;
let renderer: { url: string; close: () => Promise<void> };
let consultor: AppCore;
const clients: HarnessClient[] = [];

test.beforeAll(async () => {
  server = await startServerProcess({ demo: true });
  network = await startFaultProxy(() => server.url);
  renderer = await startRendererServer();
  consultor = newCore({ automaticSync: false });
  await consultor.start();
  await registerCore(consultor, server.url, 'DEMO-CONSULTOR', 'Carla Consultora');
});

test.afterAll(async () => {
  for (const client of clients) await client.close();
  await consultor?.stop();
  await renderer?.close();
  await network?.close();
  await server?.stop();
});

async function expectAccessible(page: Page, screen: string) {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  const summary = results.violations.map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`);
  expect(summary, `accessibility violations on ${screen}`).toEqual([]);
}

test('rejected action keeps the reason typed', async ({ browser }) => {
  const cliente = await HarnessClient.create(browser, renderer.url, 'cliente-nao-sincronizado');
  clients.push(cliente);
  await cliente.context.grantPermissions(['clipboard-read', 'clipboard-write']);
  const page = cliente.page;
  await page.getByRole('tab', { name: 'Criar conta' }).click();
  await page.getByLabel('Endereço do servidor SAC').fill(network.url);
  await page.getByLabel('Nome completo').fill('Rafael Servidor');
  await page.getByLabel('E-mail').fill('rafael.rejeicao@camara.exemplo');
  await page.getByLabel('Senha').fill('senha-segura-123');
  await page.getByLabel('Código de convite').fill('DEMO-CLIENTE');
  await page.getByRole('button', { name: 'Criar agora!' }).click();
  await expect(page.getByRole('heading', { name: 'Olá, Rafael' })).toBeVisible();

  // The consultant concludes 7780; the client sees it concluded, then loses the network.
  await call(consultor, 'sync.now', {});
  const ticketId = (await call(consultor, 'tickets.list', { search: '7780' })).items[0]!.id;
  await call(consultor, 'tickets.solve', { ticketId, result: 'Finalizado', text: 'Layout novo publicado.' });
  await call(consultor, 'sync.now', {});
  await page.getByRole('button', { name: 'Sincronizar agora' }).click();
  await page.getByRole('link', { name: 'Solicitações', exact: true }).click();
  await page.getByRole('link', { name: 'Exibir detalhes da solicitação 7780' }).click();
  network.setOffline(true);

  const reason = 'O despacho novo ainda sai sem o brasão da Câmara.';
  await page.getByRole('button', { name: 'Rejeitar' }).click();
  await page.getByLabel('Motivo da rejeição').fill(reason);
  await page.getByRole('button', { name: 'Confirmar rejeição' }).click();
  await expect(page.getByText('Quantidade de rejeições: 1')).toBeVisible();

  // Meanwhile the consultant reopens it; when the client syncs, the server refuses the rejection.
  await call(consultor, 'tickets.setStatus', { ticketId, status: 'producao' });
  await call(consultor, 'sync.now', {});
  network.setOffline(false);
  await page.getByRole('button', { name: 'Sincronizar agora' }).click();
  await expect(page.getByText('O servidor não aceitou uma ação')).toBeVisible();
  await expect(page.getByText('Quantidade de rejeições: 0')).toBeVisible();
  await expect(page.getByText('Situação: Produção')).toBeVisible();
  await screenshot(page, 'rejeicao-recusada');

  await page.getByRole('banner').getByRole('link', { name: '1 não aceita' }).click();
  await expect(page.getByRole('heading', { name: 'Não sincronizado', level: 1 })).toBeVisible();
  await expect(page.getByLabel('O que você escreveu')).toHaveValue(reason);
  await expect(page.getByText(/Só é possível rejeitar uma solicitação concluída/)).toBeVisible();
  await screenshot(page, 'nao-sincronizado');
  await expectAccessible(page, 'nao-sincronizado');

  await page.getByRole('button', { name: 'Copiar texto' }).click();
  await expect(page.getByRole('button', { name: 'Texto copiado' })).toBeVisible();
  expect(await page.evaluate(() => (globalThis as unknown as { navigator: { clipboard: { readText(): Promise<string> } } }).navigator.clipboard.readText())).toBe(reason);

  // Sending it again is refused again (still in Produção); discarding empties the list.
  await page.getByRole('button', { name: 'Tentar de novo' }).click();
  await page.getByRole('button', { name: 'Sincronizar agora' }).click();
  await expect(page.getByLabel('O que você escreveu')).toHaveValue(reason);
  await page.getByRole('button', { name: 'Descartar' }).click();
  await expect(page.getByRole('dialog', { name: 'Descartar esta ação?' })).toBeVisible();
  await screenshot(page, 'descartar-confirmacao');
  await page.getByRole('dialog').getByRole('button', { name: 'Descartar' }).click();
  await expect(page.getByText('Nenhuma ação pendente de revisão.')).toBeVisible();
  await expect(page.getByRole('link', { name: /não aceita/ })).toHaveCount(0);
});
