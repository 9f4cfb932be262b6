import type { Ports } from '../ports/ports';
import type { AccountTable } from '../storage/schema';

export type AccountStatus = 'needs-authorisation' | 'connected' | 'invalid-credentials' | 'rate-limited';

export async function setAccountStatus(ports: Ports, accountId: string, status: AccountStatus, authMethod?: AccountTable['auth_method']) {
  await ports.database.db
    .updateTable('account')
    .set({ status, updated_at: ports.clock.now(), ...(authMethod ? { auth_method: authMethod } : {}) })
    .where('id', '=', accountId)
    .execute();
}
