import type { Ports } from '../../src/ports/ports';

/** Inserts an account and one linked repository directly, for tests of what reads the store. */
export async function seedRepository(ports: Ports, options: { accountId?: string; repositoryId?: string; provider?: 'github' | 'bitbucket-cloud' } = {}) {
  const accountId = options.accountId ?? 'acc_test';
  const repositoryId = options.repositoryId ?? 'repo_test';
  const { db } = ports.database;
  await db
    .insertInto('account')
    .values({
      id: accountId,
      provider: options.provider ?? 'github',
      host_url: 'https://github.com',
      name: 'acme',
      auth_method: 'oauth',
      status: 'connected',
      settings: '{}',
      created_at: 1,
      updated_at: 1,
    })
    .execute();
  await db
    .insertInto('repository')
    .values({
      id: repositoryId,
      account_id: accountId,
      provider_repo_id: '1',
      full_name: 'acme/app',
      url: 'https://github.com/acme/app',
      linked: 1,
      smart_commits: 1,
      allowed_project_keys: null,
      sync_cursor: null,
      sync_status: 'webhook',
      last_sync_at: null,
      last_error: null,
      created_at: 1,
      updated_at: 1,
    })
    .execute();
  return { accountId, repositoryId };
}

/** A commit row and its links, for read-side tests. */
export async function seedCommit(ports: Ports, repositoryId: string, sha: string, message: string, issueKeys: string[], time: number) {
  const { db } = ports.database;
  await db
    .insertInto('dev_commit')
    .values({
      repository_id: repositoryId,
      sha,
      message,
      author_name: 'Dana',
      author_email: 'dana@example.com',
      authored_at: time,
      url: `https://github.com/acme/app/commit/${sha}`,
      files_changed: 1,
    })
    .execute();
  for (const issueKey of issueKeys) {
    await db
      .insertInto('issue_link')
      .values({ issue_key: issueKey, project_key: issueKey.split('-')[0]!, item_kind: 'commit', repository_id: repositoryId, item_key: sha, item_time: time })
      .execute();
  }
}
