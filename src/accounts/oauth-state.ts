import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { AppError } from '../errors/app-error';
import type { Ports } from '../ports/ports';

const STATE_KEY_SECRET = 'app:oauth-state-key';
const STATE_LIFETIME_MS = 10 * 60 * 1000;

async function signingKey(ports: Ports): Promise<string> {
  const existing = await ports.secrets.get(STATE_KEY_SECRET);
  if (existing) return existing;
  const created = randomBytes(32).toString('hex');
  await ports.secrets.set(STATE_KEY_SECRET, created);
  return created;
}

const sign = (key: string, stateId: string, accountId: string) => createHmac('sha256', key).update(`${stateId}.${accountId}`).digest('base64url');

/**
 * Starts an OAuth round trip: a random state id, bound to the account and signed with the app's key,
 * stored until it is used or ten minutes pass.
 */
export async function issueOAuthState(ports: Ports, accountId: string): Promise<string> {
  const stateId = randomBytes(18).toString('base64url');
  await ports.database.db
    .insertInto('oauth_state')
    .values({ state_id: stateId, account_id: accountId, expires_at: ports.clock.now() + STATE_LIFETIME_MS })
    .execute();
  return `${stateId}.${sign(await signingKey(ports), stateId, accountId)}`;
}

/**
 * Checks a state coming back from the Git host and uses it up: it must carry a valid signature for this
 * account, exist, and not have expired. Deleting the row is what makes it single-use, also when two
 * callbacks race.
 */
export async function consumeOAuthState(ports: Ports, accountId: string, state: string): Promise<void> {
  const [stateId = '', signature = ''] = state.split('.');
  const expected = Buffer.from(sign(await signingKey(ports), stateId, accountId));
  const given = Buffer.from(signature);
  if (!stateId || expected.length !== given.length || !timingSafeEqual(expected, given)) {
    throw new AppError('oauth_failed', 'This authorisation link is not valid for this account. Start the authorisation again from Jira.');
  }
  const deleted = await ports.database.db
    .deleteFrom('oauth_state')
    .where('state_id', '=', stateId)
    .where('account_id', '=', accountId)
    .where('expires_at', '>', ports.clock.now())
    .executeTakeFirst();
  if (Number(deleted.numDeletedRows) !== 1) {
    throw new AppError('oauth_failed', 'This authorisation has expired or was already used. Start it again from Jira; it is valid for 10 minutes.');
  }
}
