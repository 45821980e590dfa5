// A server started without --demo gets its first organization from --add-organization: the
// printed invite codes let the Câmara's staff and its consultants sign up, and nobody else.
import { execFile, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { registerUser, startTestServer, visibleDocuments, type TestServer } from './testing/serverHarness';

const run = promisify(execFile);
const CLI = resolve(__dirname, 'cli.ts');
const TSX = resolve(__dirname, '../../node_modules/.bin/tsx');
let server: TestServer | null = null;
const dirs: string[] = [];

afterEach(async () => {
  await server?.dispose();
  server = null;
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function addOrganization(dataDir: string, name: string) {
  return run(TSX, [CLI, '--data', dataDir, '--add-organization', name]);
}

/** Starts the server CLI on a free port and returns what it prints until `until` matches. */
function startOutput(args: string[], until: RegExp): Promise<string> {
  const child = spawn(TSX, [CLI, '--port', '0', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  return new Promise((resolvePrinted, reject) => {
    let printed = '';
    const timer = setTimeout(() => {
      child.kill();
      reject(new Error(`the server did not print ${until} within 30 s:\n${printed}`));
    }, 30_000);
    child.stdout.on('data', (chunk: Buffer) => {
      printed += chunk.toString();
      if (!until.test(printed)) return;
      clearTimeout(timer);
      child.kill();
      resolvePrinted(printed);
    });
  });
}

describe('server without organizations', () => {
  it('says how to create one', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'sac-org-'));
    dirs.push(dataDir);
    const printed = await startOutput(['--data', dataDir], /--add-organization/);

    expect(printed).toContain('listening on http://127.0.0.1:');
    expect(printed).toContain(`No organization found, so no one can sign up. Create one with: npm run server -- --data ${dataDir} --add-organization`);
  }, 60_000);
});

describe('--add-organization', () => {
  it('prints invite codes that sign the staff and the consultants up', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'sac-org-'));
    dirs.push(dataDir);
    const { stdout } = await addOrganization(dataDir, 'Câmara Municipal de Bertioga');
    const cliente = /\(cliente\):\s+(\S+)/.exec(stdout)?.[1];
    const consultor = /\(consultor\):\s+(\S+)/.exec(stdout)?.[1];
    expect(cliente).toMatch(/^CLI-[A-Z2-9]{5}-[A-Z2-9]{5}$/);
    expect(consultor).toMatch(/^CONS-[A-Z2-9]{5}-[A-Z2-9]{5}$/);

    // The folder contains password hashes and invite codes, so only the server's user may read it.
    if (process.platform !== 'win32') {
      expect(statSync(dataDir).mode & 0o077).toBe(0);
      expect(statSync(join(dataDir, 'sac-server.db')).mode & 0o077).toBe(0);
    }

    server = await startTestServer({ dataDir });
    const staff = await registerUser(server, cliente!);
    const consultant = await registerUser(server, consultor!);
    expect(staff.user).toMatchObject({ role: 'cliente', organizationId: consultant.user.organizationId });
    expect(consultant.user.role).toBe('consultor');
    const stages = await visibleDocuments(server, staff.token, 'stage');
    expect(stages).toHaveLength(4);
    const organizations = await visibleDocuments<{ name: string }>(server, staff.token, 'organization');
    expect(organizations.map((organization) => organization.data.name)).toEqual(['Câmara Municipal de Bertioga']);
  }, 60_000);

  it('refuses a second organization of the same name', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'sac-org-'));
    dirs.push(dataDir);
    await addOrganization(dataDir, 'Câmara Municipal de Cubatão');
    const second = await addOrganization(dataDir, ' Câmara Municipal de Cubatão ').catch((error: { code: number; stderr: string }) => error);

    expect(second).toMatchObject({ code: 2 });
    expect((second as { stderr: string }).stderr).toContain('already exists');
  }, 60_000);
});
