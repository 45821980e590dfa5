// Documents that describe people and organizations: rewritten whenever a user joins, so that
// clients learn names (the consultant printed on the checklist page, say) through pull.
import type { UsersTable } from '../db/schema';
import type { DirectoryUserData, OrganizationData } from '../../shared/wire';
import { writeDocument, type Trx } from './documents';

export async function writeUserDocument(
  trx: Trx,
  user: Pick<UsersTable, 'id' | 'name' | 'email' | 'role' | 'organization_id'>,
): Promise<void> {
  const data: DirectoryUserData = { name: user.name, role: user.role, organizationId: user.organization_id, email: user.email };
  await writeDocument(trx, { entity: 'user', id: user.id, organizationId: user.organization_id, data });
}

export async function writeOrganizationDocument(trx: Trx, organizationId: string): Promise<void> {
  const organization = await trx.selectFrom('organizations').select('name').where('id', '=', organizationId).executeTakeFirstOrThrow();
  const consultants = await trx
    .selectFrom('memberships')
    .innerJoin('users', 'users.id', 'memberships.user_id')
    .select('users.name')
    .where('memberships.organization_id', '=', organizationId)
    .where('users.role', '=', 'consultor')
    .orderBy('users.created_at')
    .execute();
  const data: OrganizationData = { name: organization.name, consultantNames: consultants.map((row) => row.name) };
  await writeDocument(trx, { entity: 'organization', id: organizationId, organizationId, data });
}
