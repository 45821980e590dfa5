// The consultant's overview with many participants: building the read model from a real SQLite
// file, and rendering the printed document (summary plus one sheet per participant) as HTML.
// The targets keep the "Visão do consultor" screen and "Imprimir todos" responsive for a
// consultant who serves several Câmaras of a few hundred participants.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { randomUUID } from 'node:crypto';
import { CHECKLIST_ITEM_IDS, checklistEntryId } from '../src/shared/domain';
import type { ChangeEnvelope, ChecklistItemData, DirectoryUserData, OrganizationData } from '../src/shared/wire';
import { getChecklistOverview } from '../src/main/core/checklistOverview';
import { renderOverviewDocument } from '../src/main/core/print/overviewDocument';
import { openDatabase } from '../src/main/core/store/database';
import { applyPullPage } from '../src/main/core/sync/applyPull';
import { DEFAULT_SLA_POLICY } from '../src/shared/sla';
import type { Benchmark, BenchRow } from './types';

const ORGANIZATIONS = 3;
const PARTICIPANTS_PER_ORGANIZATION = 200;
const RUNS = 15;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

function seedChanges(): { changes: ChangeEnvelope[]; organizations: Array<{ id: string } & OrganizationData> } {
  const changes: ChangeEnvelope[] = [];
  let version = 0;
  const organizations = Array.from({ length: ORGANIZATIONS }, (_, index) => ({
    id: randomUUID(),
    name: `Câmara Municipal ${index + 1}`,
    consultantNames: ['Consultora de Teste'],
  }));
  for (const organization of organizations) {
    const data: OrganizationData = { name: organization.name, consultantNames: organization.consultantNames };
    changes.push({ entity: 'organization', id: organization.id, version: ++version, deleted: false, data });
    for (let person = 0; person < PARTICIPANTS_PER_ORGANIZATION; person++) {
      const userId = randomUUID();
      const user: DirectoryUserData = { name: `Participante ${person + 1}`, role: 'cliente', organizationId: organization.id };
      changes.push({ entity: 'user', id: userId, version: ++version, deleted: false, data: user });
      // Participants are at every stage of the checklist, some with a note on each item.
      CHECKLIST_ITEM_IDS.slice(0, person % 8).forEach((itemId, position) => {
        const item: ChecklistItemData = {
          userId,
          organizationId: organization.id,
          itemId,
          done: true,
          completedOn: `2026-11-${String(1 + position * 3).padStart(2, '0')}`,
          note: person % 5 === 0 ? 'Observação de teste com algumas palavras sobre a atividade.' : null,
          updatedAt: '2026-12-01T12:00:00.000Z',
        };
        changes.push({ entity: 'checklistItem', id: checklistEntryId(userId, itemId), version: ++version, deleted: false, data: item });
      });
    }
  }
  return { changes, organizations };
}

export const checklistOverviewBenchmark: Benchmark = {
  name: 'checklist overview',
  async run(): Promise<BenchRow[]> {
    const dir = mkdtempSync(join(tmpdir(), 'sac-bench-overview-'));
    const db = openDatabase(join(dir, 'sac.db'));
    try {
      const { changes, organizations } = seedChanges();
      const context = {
        actor: { id: randomUUID(), name: 'Consultora de Teste', role: 'consultor' as const },
        organizationId: organizations[0]!.id,
        policy: DEFAULT_SLA_POLICY,
      };
      applyPullPage(db, { changes, cursor: 'bench', hasMore: false }, context);

      const participants = ORGANIZATIONS * PARTICIPANTS_PER_ORGANIZATION;
      const buildTimes: number[] = [];
      const renderTimes: number[] = [];
      let html = '';
      for (let run = 0; run < RUNS; run++) {
        const started = performance.now();
        const overview = getChecklistOverview(db, organizations, 'Consultora de Teste');
        buildTimes.push(performance.now() - started);
        const renderStarted = performance.now();
        html = renderOverviewDocument(overview, new Date());
        renderTimes.push(performance.now() - renderStarted);
      }
      const build = median(buildTimes);
      const render = median(renderTimes);
      return [
        {
          benchmark: `overview read model, ${participants} participants`,
          value: build,
          unit: 'ms (median)',
          target: '≤ 100 ms',
          met: build <= 100,
        },
        {
          benchmark: `overview document HTML, ${participants} participants`,
          value: render,
          unit: 'ms (median)',
          target: '≤ 100 ms',
          met: render <= 100,
        },
        { benchmark: `overview document size, ${participants} participants`, value: Buffer.byteLength(html) / 1024, unit: 'KiB' },
      ];
    } finally {
      db.close();
      rmSync(dir, { recursive: true, force: true });
    }
  },
};
