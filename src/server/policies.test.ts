// The procedure's texts (introduction, service levels, security, maintenance and update, backup)
// as clients receive them through pull, on every server, with or without --demo.
import { afterEach, describe, expect, it } from 'vitest';
import { policyDataSchema, type PolicyData } from '../shared/wire';
import { DEFAULT_POLICIES } from './policies';
import { writeDocument } from './sync/documents';
import { pullAll, registerUser, startTestServer, visibleDocuments, type TestServer } from './testing/serverHarness';

const servers: TestServer[] = [];

async function demoServer(): Promise<TestServer> {
  const server = await startTestServer({ demo: true });
  servers.push(server);
  return server;
}

afterEach(async () => {
  for (const server of servers.splice(0)) await server.dispose();
});

const textOf = (policy: PolicyData) => policy.blocks.map((block) => [block.text ?? '', ...(block.items ?? [])].join(' ')).join(' ');

describe('policy documents', () => {
  it('every user sees the five texts', async () => {
    const server = await demoServer();
    for (const invite of ['DEMO-CLIENTE', 'DEMO-CONSULTOR', 'DEMO-OUTRA']) {
      const user = await registerUser(server, invite);
      const policies = await visibleDocuments<PolicyData>(server, user.token, 'policy');

      expect(policies.map((policy) => policy.id).sort(), invite).toEqual(
        ['atendimento', 'backup', 'manutencao', 'procedimento', 'seguranca'],
      );
    }
  });

  it('each text matches the wire schema', async () => {
    const server = await demoServer();
    const user = await registerUser(server, 'DEMO-CLIENTE');
    const policies = await visibleDocuments(server, user.token, 'policy');

    expect(policies).toHaveLength(DEFAULT_POLICIES.length);
    for (const policy of policies) {
      const parsed = policyDataSchema.safeParse(policy.data);
      expect(parsed.success, `${policy.id}: ${JSON.stringify(parsed.error?.issues)}`).toBe(true);
    }
  });

  it('id equals key and items link back', async () => {
    const server = await demoServer();
    const user = await registerUser(server, 'DEMO-CLIENTE');
    const policies = await visibleDocuments<PolicyData>(server, user.token, 'policy');
    const byItem = Object.fromEntries(policies.map((policy) => [policy.data.checklistItemId, policy.data.key]));

    for (const policy of policies) expect(policy.data.key).toBe(policy.id);
    expect(byItem).toEqual({ '01': 'procedimento', '04': 'atendimento', '05': 'seguranca', '06': 'manutencao', '07': 'backup' });
  });

  it('service levels and on-call phone', async () => {
    const server = await demoServer();
    const user = await registerUser(server, 'DEMO-CLIENTE');
    const [policy] = (await visibleDocuments<PolicyData>(server, user.token, 'policy')).filter((doc) => doc.id === 'atendimento');
    const text = textOf(policy!.data);

    expect(text).toContain('2 (duas) horas');
    expect(text).toContain('4 (quatro) horas');
    expect(text).toContain('8 (oito) horas');
    expect(text).toContain('24 (vinte e quatro) horas');
    expect(text).toContain('5 dias úteis');
    expect(text).toMatch(/fora do horário comercial.*telefone de plantão \(00\) 0000-0000/);
  });

  it('update and backup rules', async () => {
    const server = await demoServer();
    const user = await registerUser(server, 'DEMO-CLIENTE');
    const policies = await visibleDocuments<PolicyData>(server, user.token, 'policy');
    const maintenance = textOf(policies.find((doc) => doc.id === 'manutencao')!.data);
    const backup = textOf(policies.find((doc) => doc.id === 'backup')!.data);
    const security = textOf(policies.find((doc) => doc.id === 'seguranca')!.data);

    expect(maintenance).toContain('segunda-feira a quarta-feira');
    expect(maintenance).toContain('1 (uma) semana de antecedência');
    expect(backup).toContain('A estrutura de código de programação das ferramentas não é enviada');
    expect(backup).toContain('Lei 12.527/2011');
    expect(security).toContain('Você é responsável pela sua senha.');
  });
});

describe('policy seeding', () => {
  it('server without --demo has them', async () => {
    const server = await startTestServer();
    servers.push(server);
    const rows = await server.db.selectFrom('documents').select(['id', 'organization_id']).where('entity', '=', 'policy').execute();

    expect(rows.map((row) => row.id).sort()).toEqual(DEFAULT_POLICIES.map((policy) => policy.key).sort());
    for (const row of rows) expect(row.organization_id).toBeNull();
  });

  it('restart writes nothing new', async () => {
    const first = await demoServer();
    const user = await registerUser(first, 'DEMO-CLIENTE');
    const before = await pullAll(first, user.token);
    const restarted = await first.restart({ demo: true });
    servers.splice(servers.indexOf(first), 1, restarted);
    const after = await pullAll(restarted, user.token, { cursor: before.cursor });

    expect(after.changes.filter((change) => change.entity === 'policy')).toEqual([]);
  });

  it('vendor edit survives a restart', async () => {
    const first = await demoServer();
    const user = await registerUser(first, 'DEMO-CLIENTE');
    const { cursor } = await pullAll(first, user.token);
    const edited: PolicyData = {
      ...(DEFAULT_POLICIES.find((policy) => policy.key === 'backup')! as PolicyData),
      blocks: [{ kind: 'paragraph', text: 'Backups a cada hora, guardados por 90 dias.' }],
      updatedAt: new Date().toISOString(),
    };
    await first.db.transaction().execute((trx) => writeDocument(trx, { entity: 'policy', id: 'backup', organizationId: null, data: edited }));
    const restarted = await first.restart({ demo: true });
    servers.splice(servers.indexOf(first), 1, restarted);
    const { changes } = await pullAll(restarted, user.token, { cursor });

    const policyChanges = changes.filter((change) => change.entity === 'policy');

    expect(policyChanges.map((change) => change.id)).toEqual(['backup']);
    expect((policyChanges[0]!.data as PolicyData).blocks).toEqual(edited.blocks);
  });
});
