// Upgrades of the local database: a real file written at migration 1, with offline actions in
// its outbox, opens with today's app; changes an older app could not understand are kept and
// applied once the app knows them; and no migration may destroy data.
import { cpSync, existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CHECKLIST_ITEM_IDS } from '../../src/shared/domain';
import { ENTITY_DATA_SCHEMAS, type StageData } from '../../src/shared/wire';
import { getChecklist, listTickets } from '../../src/main/core/queries';
import { blobPath } from '../../src/main/core/store/blobs';
import { openDatabase } from '../../src/main/core/store/database';
import { LOCAL_MIGRATIONS } from '../../src/main/core/store/migrations';
import { nextBatch } from '../../src/main/core/store/outbox';
import { applyPullPage, replayKeptChanges } from '../../src/main/core/sync/applyPull';
import { SERVER_COPY_SQL, type LocalContext } from '../../src/main/core/sync/optimistic';
import { DEFAULT_SLA_POLICY } from '../../src/shared/sla';

const FIXTURE = join(__dirname, '../fixtures/local-v1');
const fixtureInfo = (await import('../fixtures/local-v1/fixture.json', { with: { type: 'json' } })).default as {
  user: { id: string; name: string; organizationId: string };
  outbox: string[];
};

function copyFixture(): string {
  const dir = mkdtempSync(join(tmpdir(), 'sac-upgrade-'));
  cpSync(FIXTURE, dir, { recursive: true });
  return dir;
}

const context: LocalContext = {
  actor: { id: fixtureInfo.user.id, name: fixtureInfo.user.name, role: 'cliente' },
  organizationId: fixtureInfo.user.organizationId,
  policy: DEFAULT_SLA_POLICY,
};

describe('migration-1 database upgrade', () => {
  it('reaches the latest version', () => {
    const db = openDatabase(join(copyFixture(), 'sac.db'));

    expect(db.pragma('user_version', { simple: true })).toBe(LOCAL_MIGRATIONS.at(-1)!.version);
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    db.close();
  });

  it('keeps the outbox in order', () => {
    const db = openDatabase(join(copyFixture(), 'sac.db'));

    const { valid, invalid } = nextBatch(db, 100);

    expect(invalid).toEqual([]);
    expect(valid.map((row) => row.mutation.name)).toEqual(fixtureInfo.outbox);
    const create = valid[0]!.mutation;
    expect(create.name === 'ticket.create' && create.args.attachments?.[0]?.fileName).toBe('Relatório de implantação – sessão 1.pdf');
    db.close();
  });

  it('keeps local data readable', () => {
    const dir = copyFixture();
    const db = openDatabase(join(dir, 'sac.db'));

    const tickets = listTickets(db, { organizationId: fixtureInfo.user.organizationId }, new Date());
    const checklist = getChecklist(db, fixtureInfo.user, null);

    expect(tickets.total).toBe(13);
    expect(tickets.items[0]).toMatchObject({ protocol: null, subject: 'Tela de despachos lenta', pendingSync: true });
    expect(checklist.items.map((item) => item.itemId)).toEqual([...CHECKLIST_ITEM_IDS]);
    expect(checklist.items[0]).toMatchObject({ done: true, completedOn: '2026-11-02', note: 'Lido em reunião.', pendingSync: true });
    const blob = nextBatch(db, 1).valid[0]!.mutation;
    const sha256 = blob.name === 'ticket.create' ? blob.args.attachments![0]!.sha256 : '';
    expect(existsSync(blobPath(join(dir, 'blobs'), sha256))).toBe(true);
    db.close();
  });
});

describe('changes from a newer server', () => {
  const stage: StageData = {
    organizationId: fixtureInfo.user.organizationId,
    key: 'treinamento',
    status: 'em_andamento',
    startedOn: '2026-11-10',
    completedOn: null,
    updatedAt: '2026-11-10T12:00:00.000Z',
  };
  const { stage: _stage, ...olderSchemas } = ENTITY_DATA_SCHEMAS;

  it('unknown entity is kept, not applied', () => {
    const db = openDatabase(join(copyFixture(), 'sac.db'));
    const page = { changes: [{ entity: 'stage', id: 'etapa-1', version: 900, deleted: false, data: stage }], cursor: 'c1', hasMore: false };

    const result = applyPullPage(db, page, context, olderSchemas);

    expect(result.unknown).toBe(1);
    expect(db.prepare('SELECT count(*) AS n FROM stages WHERE id = ?').get('etapa-1')).toEqual({ n: 0 });
    expect(db.prepare('SELECT entity, id, version FROM unknown_changes').all()).toEqual([{ entity: 'stage', id: 'etapa-1', version: 900 }]);
    db.close();
  });

  it('kept change applies after an update', () => {
    const db = openDatabase(join(copyFixture(), 'sac.db'));
    applyPullPage(db, { changes: [{ entity: 'stage', id: 'etapa-1', version: 900, deleted: false, data: stage }], cursor: 'c1', hasMore: false }, context, olderSchemas);

    const replayed = replayKeptChanges(db, context);

    expect([...replayed.entities]).toEqual(['stage']);
    expect(JSON.parse((db.prepare('SELECT data_json FROM stages WHERE id = ?').get('etapa-1') as { data_json: string }).data_json)).toEqual(stage);
    expect(db.prepare('SELECT count(*) AS n FROM unknown_changes').get()).toEqual({ n: 0 });
    db.close();
  });

  it('entity nobody knows stays kept', () => {
    const db = openDatabase(join(copyFixture(), 'sac.db'));
    const page = { changes: [{ entity: 'pesquisaSatisfacao', id: 'p1', version: 901, deleted: false, data: { nota: 5 } }], cursor: 'c2', hasMore: false };

    expect(() => applyPullPage(db, page, context)).not.toThrow();
    expect(replayKeptChanges(db, context).entities.size).toBe(0);
    expect(db.prepare('SELECT count(*) AS n FROM unknown_changes').get()).toEqual({ n: 1 });
    db.close();
  });

  it('unknown field survives in the server copy', () => {
    const db = openDatabase(join(copyFixture(), 'sac.db'));
    const ticket = JSON.parse((db.prepare(`SELECT ${SERVER_COPY_SQL} AS server_json FROM tickets WHERE protocol = 9661`).get() as { server_json: string }).server_json);
    const id = (db.prepare('SELECT id FROM tickets WHERE protocol = 9661').get() as { id: string }).id;

    applyPullPage(db, { changes: [{ entity: 'ticket', id, version: 902, deleted: false, data: { ...ticket, avaliacao: 'ótima' } }], cursor: 'c3', hasMore: false }, context);

    const stored = JSON.parse((db.prepare(`SELECT ${SERVER_COPY_SQL} AS server_json FROM tickets WHERE id = ?`).get(id) as { server_json: string }).server_json);
    expect(stored.avaliacao).toBe('ótima');
    db.close();
  });
});

describe('migrations', () => {
  it('versions are consecutive', () => {
    expect(LOCAL_MIGRATIONS.map((migration) => migration.version)).toEqual(LOCAL_MIGRATIONS.map((_, index) => index + 1));
  });

  it('never destroy data', () => {
    // A file may still hold unsent actions when it is upgraded, so migrations only add. Trigger
    // bodies are left out: they run later, on the rows the app writes, as derived-index upkeep.
    const destructive = /\b(DROP\s+(TABLE|COLUMN)|DELETE\s+FROM|ALTER\s+TABLE\s+\w+\s+(RENAME|DROP)|UPDATE\s+\w+\s+SET)\b/i;
    for (const migration of LOCAL_MIGRATIONS) {
      const outsideTriggers = migration.sql.replace(/CREATE\s+TRIGGER[\s\S]*?\bEND\s*;/gi, '');
      expect(outsideTriggers, `migration ${migration.version} ${migration.name}`).not.toMatch(destructive);
    }
  });
});
