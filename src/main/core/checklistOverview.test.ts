// The consultant's overview read model over a real store filled through pull, and the printed
// document built from it.
import { describe, expect, it } from 'vitest';
import { checklistEntryId, type ChecklistItemId } from '../../shared/domain';
import type { ChecklistItemData, DirectoryUserData, OrganizationData } from '../../shared/wire';
import { getChecklistOverview, UNKNOWN_PARTICIPANT_NAME } from './checklistOverview';
import { renderOverviewDocument } from './print/overviewDocument';
import type { SqliteDatabase } from './store/database';
import { applyPullPage } from './sync/applyPull';
import { change, consultantContext, CONSULTANT_ID, page } from './testSupport/fixtures';
import { tempStore } from './testSupport/tempStore';

const SANTOS = { id: '0b8f5d6e-2f4a-4c1b-9a57-6d3e2c1b0a01', name: 'Câmara Municipal de Santos', consultantNames: ['Carla Consultora'] };
const EXEMPLO = { id: '0b8f5d6e-2f4a-4c1b-9a57-6d3e2c1b0a02', name: 'Câmara Municipal de Exemplo', consultantNames: ['Carla Consultora'] };
const ANA = 'a0000000-0000-4000-8000-000000000001';
const BRUNO = 'a0000000-0000-4000-8000-000000000002';
const OTAVIO = 'a0000000-0000-4000-8000-000000000003';
const GHOST = 'a0000000-0000-4000-8000-000000000004';
const PRINTED_AT = new Date('2026-12-04T21:30:00.000Z');

let version = 0;

function person(id: string, name: string, organizationId: string, role: DirectoryUserData['role'] = 'cliente') {
  return change('user', id, ++version, { name, role, organizationId } satisfies DirectoryUserData);
}

function item(userId: string, organizationId: string, itemId: ChecklistItemId, completedOn: string | null, note: string | null = null) {
  const data: ChecklistItemData = {
    userId,
    organizationId,
    itemId,
    done: completedOn !== null,
    completedOn,
    note,
    updatedAt: '2026-12-01T12:00:00.000Z',
  };
  return change('checklistItem', checklistEntryId(userId, itemId), ++version, data);
}

function seed(db: SqliteDatabase) {
  applyPullPage(
    db,
    page([
      change('organization', SANTOS.id, ++version, { name: SANTOS.name, consultantNames: SANTOS.consultantNames } satisfies OrganizationData),
      change('organization', EXEMPLO.id, ++version, { name: EXEMPLO.name, consultantNames: EXEMPLO.consultantNames } satisfies OrganizationData),
      person(BRUNO, 'Bruno Participante', SANTOS.id),
      person(ANA, 'Ana Participante', SANTOS.id),
      person(OTAVIO, 'Otávio da Exemplo', EXEMPLO.id),
      person(CONSULTANT_ID, 'Carla Consultora', SANTOS.id, 'consultor'),
      item(ANA, SANTOS.id, '01', '2026-11-02'),
      item(ANA, SANTOS.id, '03', '2026-11-05', 'Etapas explicadas na reunião.'),
      item(ANA, SANTOS.id, '02', '2026-11-10'),
      item(ANA, SANTOS.id, '04', null, 'Ainda falta ler.'),
      item(CONSULTANT_ID, SANTOS.id, '01', '2026-11-01'),
      item(GHOST, SANTOS.id, '01', '2026-11-03'),
    ]),
    consultantContext(),
  );
}

describe('getChecklistOverview', () => {
  it('clients of each organization, by name', () => {
    const { db } = tempStore();
    seed(db);
    const overview = getChecklistOverview(db, [SANTOS, EXEMPLO], 'Carla Consultora');

    expect(overview.consultantName).toBe('Carla Consultora');
    expect(overview.organizations.map((organization) => organization.name)).toEqual([SANTOS.name, EXEMPLO.name]);
    expect(overview.organizations[0]!.participants.map((participant) => participant.name)).toEqual([
      'Ana Participante',
      'Bruno Participante',
      UNKNOWN_PARTICIPANT_NAME,
    ]);
    expect(overview.organizations[1]!.participants.map((participant) => participant.name)).toEqual(['Otávio da Exemplo']);
  });

  it('progress, open items and pace', () => {
    const { db } = tempStore();
    seed(db);
    const ana = getChecklistOverview(db, [SANTOS], 'Carla').organizations[0]!.participants[0]!;

    expect(ana).toMatchObject({ done: 3, total: 7, first: '2026-11-02', last: '2026-11-10', days: 9 });
    expect(ana.openItemIds).toEqual(['04', '05', '06', '07']);
    expect(ana.items.map((entry) => [entry.itemId, entry.daysSincePrevious])).toEqual([
      ['01', null],
      ['02', 5],
      ['03', 3],
      ['04', null],
      ['05', null],
      ['06', null],
      ['07', null],
    ]);
    expect(ana.items[3]).toMatchObject({ done: false, completedOn: null, note: 'Ainda falta ler.' });
  });

  it('participant with no items is all open', () => {
    const { db } = tempStore();
    seed(db);
    const bruno = getChecklistOverview(db, [SANTOS], 'Carla').organizations[0]!.participants[1]!;

    expect(bruno).toMatchObject({ name: 'Bruno Participante', done: 0, first: null, days: null });
    expect(bruno.openItemIds).toHaveLength(7);
  });

  it('only the requested organizations', () => {
    const { db } = tempStore();
    seed(db);

    expect(getChecklistOverview(db, [EXEMPLO], 'Carla').organizations.map((organization) => organization.id)).toEqual([EXEMPLO.id]);
  });

  it('empty store gives empty organizations', () => {
    const { db } = tempStore();

    expect(getChecklistOverview(db, [SANTOS], 'Carla').organizations[0]!.participants).toEqual([]);
  });
});

describe('renderOverviewDocument', () => {
  it('summary then one sheet per participant', () => {
    const { db } = tempStore();
    seed(db);
    const html = renderOverviewDocument(getChecklistOverview(db, [SANTOS, EXEMPLO], 'Carla Consultora'), PRINTED_AT);
    const sheets = [...html.matchAll(/<section class="sheet ([a-z ]+?)(sheet-\d+|summary-page)">/g)].map((match) => match[2]);
    const participants = [...html.matchAll(/<dt>Participante:<\/dt><dd>([^<]*)<\/dd>/g)].map((match) => match[1]);

    expect(sheets).toEqual(['summary-page', 'sheet-1', 'sheet-2', 'sheet-3', 'sheet-4']);
    expect(participants).toEqual(['Ana Participante', 'Bruno Participante', UNKNOWN_PARTICIPANT_NAME, 'Otávio da Exemplo']);
  });

  it('summary rows with dates and open items', () => {
    const { db } = tempStore();
    seed(db);
    const html = renderOverviewDocument(getChecklistOverview(db, [SANTOS], 'Carla Consultora'), PRINTED_AT);

    expect(html).toMatch(
      /<td class="name">Ana Participante<\/td>\s*<td class="numeric">3 de 7<\/td>\s*<td class="numeric">02\/11\/2026<\/td>\s*<td class="numeric">10\/11\/2026<\/td>\s*<td class="numeric">9<\/td>\s*<td>04, 05, 06 e 07<\/td>/,
    );
    expect(html).toMatch(/<td class="name">Bruno Participante<\/td>\s*<td class="numeric">0 de 7<\/td>\s*<td class="numeric">—<\/td>/);
  });

  it('every sheet names the consultant and its organization', () => {
    const { db } = tempStore();
    seed(db);
    const html = renderOverviewDocument(getChecklistOverview(db, [SANTOS, EXEMPLO], 'Carla Consultora'), PRINTED_AT);

    expect(html.match(/<dt>Consultor:<\/dt><dd>Carla Consultora<\/dd>/g)).toHaveLength(5);
    expect(html).toContain('@page sheet-4 { @top-left { content: "Checklist de implantação – Otávio da Exemplo – Câmara Municipal de Exemplo";');
    expect(html).toContain('<dt>Empresa:</dt><dd>Câmara Municipal de Exemplo</dd>');
  });

  it('organization without participants says so', () => {
    const { db } = tempStore();
    const html = renderOverviewDocument(getChecklistOverview(db, [EXEMPLO], 'Carla'), PRINTED_AT);

    expect(html).toContain('Nenhum participante cadastrado nesta organização.');
    expect(html).not.toContain('sheet-1');
  });
});
