// The desktop shell's screens in real Chromium, against the real server started as a child
// process: an update played through the update machine up to "Reiniciar e atualizar", the
// exports for support, "Sair e apagar dados deste computador" with unsent actions, the consent
// asked where the OS has no password store, and the message for a damaged local database.
import { closeSync, existsSync, mkdirSync, openSync, readdirSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import type { SecretStore } from '../../src/main/core/platform';
import { API_BASE_PATH } from '../../src/shared/wire';
import { startHoldingProxy } from '../support/holdingProxy';
import { ScriptedUpdater } from '../support/scriptedUpdater';
import { startServerProcess, type ServerProcess } from '../support/serverProcess';
import { HarnessClient, screenshot, startRendererServer } from './harness';

let server: ServerProcess;
let renderer: { url: string; close: () => Promise<void> };
const clients: HarnessClient[] = [];

test.beforeAll(async () => {
  server = await startServerProcess({ demo: true });
  renderer = await startRendererServer();
});

test.afterAll(async () => {
  for (const client of clients) await client.close().catch(() => undefined);
  await renderer?.close();
  await server?.stop();
});

/** Checks the page with axe-core against WCAG 2.1 A and AA. */
async function expectAccessible(page: Page, screen: string) {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  const summary = results.violations.map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`);
  expect(summary, `accessibility violations on ${screen}`).toEqual([]);
}

/** Waits for CSS transitions (a modal fading in) to end, so a screenshot shows the final state. */
async function settled(page: Page) {
  // A cancelled transition rejects its promise, so every one is awaited as settled.
  await page.evaluate(() => {
    // The test's tsconfig has no DOM types; this function runs in the page.
    const doc = (globalThis as unknown as { document: { getAnimations(): Array<{ finished: Promise<unknown> }> } }).document;
    return Promise.allSettled(doc.getAnimations().map((animation) => animation.finished));
  });
}

let people = 0;
async function register(page: Page, name: string, invite = 'DEMO-CLIENTE', serverUrl = server.url) {
  people++;
  await page.getByRole('tab', { name: 'Criar conta' }).click();
  await page.getByLabel('Endereço do servidor SAC').fill(serverUrl);
  await page.getByLabel('Nome completo').fill(name);
  await page.getByLabel('E-mail').fill(`pessoa${people}-${Date.now()}@camara.exemplo`);
  await page.getByLabel('Senha').fill('senha-segura-123');
  await page.getByLabel('Código de convite').fill(invite);
  await page.getByRole('button', { name: 'Criar agora!' }).click();
}

async function newClient(browser: Parameters<typeof HarnessClient.create>[0], name: string, options?: Parameters<typeof HarnessClient.create>[3]) {
  const client = await HarnessClient.create(browser, renderer.url, name, options);
  clients.push(client);
  // Files saved by an earlier run must not pass for this run's exports.
  rmSync(client.savedDir, { recursive: true, force: true });
  mkdirSync(client.savedDir, { recursive: true });
  return client;
}

test('an update downloads and installs on request', async ({ browser }) => {
  const updater = new ScriptedUpdater('0.1.0');
  const client = await newClient(browser, 'atualizacao', { updater });
  const page = client.page;
  await register(page, 'Ursula Atualiza');
  await expect(page.getByText('Nada a enviar')).toBeVisible();

  await page.getByRole('link', { name: 'Ajuda e suporte' }).click();
  await expect(page.getByRole('heading', { name: 'Ajuda e suporte' })).toBeVisible();
  await expect(page.getByText('Versão instalada:')).toBeVisible();
  await screenshot(page, 'suporte');
  await expectAccessible(page, 'suporte');

  // Nothing newer on the feed yet.
  await page.getByRole('button', { name: 'Procurar atualizações' }).click();
  await expect(page.getByText('Você está usando a versão mais recente.')).toBeVisible();
  expect(updater.feeds.at(-1)).toBe(`${server.url}/updates/`);

  // A release appears: the download runs in the background with its progress shown.
  updater.offer('0.2.0');
  await page.getByRole('button', { name: 'Procurar atualizações' }).click();
  await expect(page.getByText('Nova versão 0.2.0 disponível')).toBeVisible();
  updater.progress(40);
  await expect(page.getByRole('progressbar', { name: 'Progresso do download da atualização' })).toHaveAttribute('aria-valuenow', '40');
  await expect(page.getByText('40%', { exact: true })).toBeVisible();
  await screenshot(page, 'atualizacao-baixando');
  await expectAccessible(page, 'atualizacao-baixando');

  updater.finish();
  const restart = page.getByRole('button', { name: 'Reiniciar e atualizar' });
  await expect(restart).toBeVisible();
  await screenshot(page, 'atualizacao-pronta');
  await expectAccessible(page, 'atualizacao-pronta');
  expect(updater.installs).toBe(0);

  await expect(page.getByText('Nada a enviar')).toBeVisible();
  await restart.click();
  await expect(page.getByText('Instalando a atualização. O SAC Desktop será aberto de novo em instantes.')).toBeVisible();
  expect(updater.installs).toBe(1);
  await screenshot(page, 'atualizacao-instalando');
});

test('an update waits for the sync in progress', async ({ browser }) => {
  // The server is reached through a proxy that can hold the sync's pull on 127.0.0.1.
  const proxy = await startHoldingProxy(server.url);
  try {
    const updater = new ScriptedUpdater('0.1.0');
    const client = await newClient(browser, 'atualizacao-durante-sync', { updater });
    const page = client.page;
    await register(page, 'Sara Sincroniza', 'DEMO-CLIENTE', proxy.url);
    await expect(page.getByText('Nada a enviar')).toBeVisible();

    updater.offer('0.2.0');
    await client.core.updates.check('manual');
    updater.finish();
    await expect(page.getByRole('button', { name: 'Reiniciar e atualizar' })).toBeVisible();

    proxy.hold(`${API_BASE_PATH}/sync/pull`);
    await page.getByRole('button', { name: 'Sincronizar agora' }).click();
    await proxy.waitForHeld();
    await expect(page.getByText(/^Sincronizando/)).toBeVisible();
    await page.getByRole('button', { name: 'Reiniciar e atualizar' }).click();
    await expect(page.getByText('A atualização será instalada assim que a sincronização em andamento terminar')).toBeVisible();
    expect(updater.installs).toBe(0);
    await screenshot(page, 'atualizacao-aguardando-sincronizacao');
    await expectAccessible(page, 'atualizacao-aguardando-sincronizacao');

    proxy.release();
    await expect(page.getByText('Instalando a atualização. O SAC Desktop será aberto de novo em instantes.')).toBeVisible();
    expect(updater.installs).toBe(1);
  } finally {
    proxy.release();
    await proxy.close();
  }
});

test('exports for support hold no personal data', async ({ browser }) => {
  const client = await newClient(browser, 'exportacoes');
  const page = client.page;
  await register(page, 'Vanessa Exporta');
  await expect(page.getByText('Nada a enviar')).toBeVisible();
  await page.getByRole('link', { name: 'Ajuda e suporte' }).click();

  await page.getByRole('button', { name: 'Exportar cópia local' }).click();
  await expect(page.getByText('Cópia local salva')).toBeVisible();
  const copy = readdirSync(client.savedDir).find((file) => file.startsWith('copia-sac-desktop-'));
  expect(copy).toBeDefined();
  expect(readFileSync(join(client.savedDir, copy!)).subarray(0, 15).toString()).toBe('SQLite format 3');

  await page.getByRole('button', { name: 'Exportar diagnóstico' }).click();
  await expect(page.getByText('Diagnóstico salvo')).toBeVisible();
  await expect(page.getByText('As atualizações automáticas só funcionam no SAC Desktop instalado pelo instalador oficial.')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Procurar atualizações' })).toBeDisabled();
  await screenshot(page, 'suporte-exportacoes');
  await expectAccessible(page, 'suporte-exportacoes');
  const file = readdirSync(client.savedDir).find((name) => name.startsWith('diagnostico-sac-desktop-'));
  const text = readFileSync(join(client.savedDir, file!), 'utf8');
  const diagnostics = JSON.parse(text);
  expect(diagnostics.versions.app).toBe('0.1.0');
  expect(diagnostics.localStore.integrity.status).toBe('ok');
  expect(text).not.toContain('Vanessa');
  expect(text).not.toContain('@camara.exemplo');
});

test('erasing local data lists unsent actions first', async ({ browser }) => {
  const client = await newClient(browser, 'apagar');
  const page = client.page;
  await register(page, 'Wagner Apaga');
  await expect(page.getByText('Nada a enviar')).toBeVisible();
  const account = client.core.currentAccount!;
  const dir = account.dir;

  // Offline, the new ticket waits in the outbox.
  await server.stop();
  try {
    await page.getByRole('link', { name: 'Nova solicitação' }).click();
    await page.getByLabel('Assunto').fill('Cadastrar novo vereador');
    await page.getByLabel('Descrição').fill('Incluir o vereador eleito na tela de parlamentares.');
    await page.getByRole('button', { name: 'Enviar solicitação' }).click();
    await expect(page.getByText('Parabéns, sua solicitação foi cadastrada com sucesso.')).toBeVisible();
    await expect(page.getByText('1 ação a enviar')).toBeVisible();

    await page.getByRole('button', { name: /^Menu do usuário/ }).click();
    await page.getByRole('menuitem', { name: 'Sair e apagar dados deste computador' }).click();
    const dialog = page.getByRole('dialog', { name: 'Sair e apagar dados deste computador' });
    await expect(dialog.getByText('Há ações que ainda não chegaram ao servidor')).toBeVisible();
    await expect(dialog.getByRole('list', { name: 'Ações não enviadas' })).toContainText('Nova solicitação: Cadastrar novo vereador');
    const erase = dialog.getByRole('button', { name: 'Apagar dados e sair' });
    await expect(erase).toBeDisabled();
    await settled(page);
    await screenshot(page, 'apagar-dados-aviso');
    await expectAccessible(page, 'apagar-dados-aviso');

    await dialog.getByLabel('Entendo que as ações acima serão perdidas').check();
    await expect(erase).toBeEnabled();
    await expectAccessible(page, 'apagar-dados-confirmado');
    await erase.click();
    await expect(page.getByRole('button', { name: 'Entrar', exact: true })).toBeVisible();
    await expect(page.getByLabel('E-mail')).toHaveValue('');
    expect(existsSync(dir)).toBe(false);
    await screenshot(page, 'apagar-dados-concluido');
  } finally {
    await server.start();
  }
});

test('sign-in asks before keeping the session without a keyring', async ({ browser }) => {
  const plainTextOnly: SecretStore = {
    isEncryptionAvailable: () => false,
    encrypt: (text) => Buffer.from(text, 'utf8'),
    decrypt: (data) => data.toString('utf8'),
  };
  const client = await newClient(browser, 'sem-cofre', { secrets: plainTextOnly });
  const page = client.page;
  await register(page, 'Xavier Sem Cofre');
  const dialog = page.getByRole('dialog', { name: 'Este computador não tem um cofre de senhas' });
  await expect(dialog).toBeVisible();
  expect(client.core.sessionInfo().signedIn).toBe(false);
  await settled(page);
  await screenshot(page, 'sem-cofre-de-senhas');
  await expectAccessible(page, 'sem-cofre-de-senhas');

  await dialog.getByRole('button', { name: 'Entrar sem guardar a sessão' }).click();
  await expect(page.getByRole('heading', { name: 'Olá, Xavier' })).toBeVisible();
  await page.getByRole('link', { name: 'Ajuda e suporte' }).click();
  await expect(page.getByText('Sessão não guardada: será preciso entrar de novo ao abrir o aplicativo.')).toBeVisible();
  const saved = JSON.parse(readFileSync(join(client.userDataDir, 'session.json'), 'utf8'));
  expect(saved.active).toBeNull();
});

test('a damaged local database stops with instructions', async ({ browser }) => {
  const client = await newClient(browser, 'danificado');
  const page = client.page;
  await register(page, 'Yara Danificado');
  await expect(page.getByText('Nada a enviar')).toBeVisible();
  const account = client.core.currentAccount!;
  const file = join(account.dir, 'sac.db');
  const { rootpage } = account.db.prepare("SELECT rootpage FROM sqlite_master WHERE name = 'tickets'").get() as { rootpage: number };

  // The database's tickets table is overwritten while the app is closed.
  await client.core.stop();
  const handle = openSync(file, 'r+');
  writeSync(handle, Buffer.alloc(4096, 0x5a), 0, 4096, 4096 * (rootpage - 1));
  closeSync(handle);
  const damaged = readFileSync(file);
  await client.restart();

  await expect(page.getByRole('heading', { name: 'Os dados deste computador precisam de atenção' })).toBeVisible();
  await expect(page.getByText('Nada foi apagado ou alterado')).toBeVisible();
  await screenshot(page, 'dados-danificados');
  await expectAccessible(page, 'dados-danificados');

  await page.getByRole('button', { name: 'Exportar cópia local' }).click();
  await expect(page.getByText('Cópia local salva')).toBeVisible();
  const copy = readdirSync(client.savedDir).find((name) => name.startsWith('copia-sac-desktop-'));
  expect(readFileSync(join(client.savedDir, copy!)).equals(damaged)).toBe(true);
  expect(readFileSync(file).equals(damaged)).toBe(true);

  await page.getByRole('button', { name: 'Apagar dados deste computador e entrar de novo' }).click();
  await expect(page.getByRole('dialog', { name: 'Apagar os dados deste computador?' })).toBeVisible();
  await settled(page);
  await screenshot(page, 'dados-danificados-confirmar');
  await expectAccessible(page, 'dados-danificados-confirmar');
  await page.getByRole('button', { name: 'Apagar e entrar de novo' }).click();
  await expect(page.getByRole('button', { name: 'Entrar', exact: true })).toBeVisible();
  expect(existsSync(file)).toBe(false);
});
