// Adds a real organization to a server's data folder: the Câmara, its implementation stages and
// two invite codes, one for its staff and one for the vendor's consultants who serve it. This is
// how a server started without --demo gets its first users (npm run server -- --add-organization).
import { randomInt } from 'node:crypto';
import { newId } from '../shared/ids';
import type { ServerDb } from './db/connect';
import { seedStages } from './demo';
import { writeOrganizationDocument } from './sync/directory';

export interface NewOrganization {
  organizationId: string;
  invites: { cliente: string; consultor: string };
}

/** Letters and digits that cannot be mistaken for one another when read aloud or typed. */
const CODE_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';

function inviteCode(prefix: string): string {
  let code = '';
  for (let index = 0; index < 10; index++) code += CODE_ALPHABET[randomInt(CODE_ALPHABET.length)];
  return `${prefix}-${code.slice(0, 5)}-${code.slice(5)}`;
}

export async function addOrganization(db: ServerDb, name: string): Promise<NewOrganization> {
  const trimmed = name.trim();
  if (trimmed.length < 3 || trimmed.length > 120) throw new Error('the organization name must have 3 to 120 characters');
  return db.transaction().execute(async (trx) => {
    const existing = await trx.selectFrom('organizations').select('id').where('name', '=', trimmed).executeTakeFirst();
    if (existing) throw new Error(`an organization named "${trimmed}" already exists`);
    const now = new Date().toISOString();
    const organizationId = newId();
    await trx.insertInto('organizations').values({ id: organizationId, name: trimmed, created_at: now }).execute();
    const invites = { cliente: inviteCode('CLI'), consultor: inviteCode('CONS') };
    await trx
      .insertInto('invites')
      .values([
        { code: invites.cliente, role: 'cliente', organization_id: organizationId, serves_json: '[]' },
        { code: invites.consultor, role: 'consultor', organization_id: organizationId, serves_json: '[]' },
      ])
      .execute();
    await writeOrganizationDocument(trx, organizationId);
    await seedStages(trx, organizationId, now);
    return { organizationId, invites };
  });
}
