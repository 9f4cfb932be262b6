import { AppError } from '../errors/app-error';
import type { Ports } from '../ports/ports';
import type { AccountTable } from '../storage/schema';

export async function loadAccount(ports: Ports, accountId: string): Promise<AccountTable> {
  const account = await ports.database.db.selectFrom('account').selectAll().where('id', '=', accountId).executeTakeFirst();
  if (!account) throw new AppError('not_found', 'This account no longer exists. Reload the page.');
  return account;
}
