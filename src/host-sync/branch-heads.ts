import type { Database } from '../storage/database';
import type { RemoteBranch } from '../git-hosts/git-host-client';
import { takeIncoming, upsertRows } from '../storage/upsert';

export async function rememberBranchHeads(database: Database, repositoryId: string, branches: RemoteBranch[]): Promise<void> {
  await upsertRows(
    database,
    'branch_head',
    branches.map((branch) => ({ repository_id: repositoryId, name: branch.name.slice(0, 255), head_sha: branch.headSha })),
    ['repository_id', 'name'],
    { head_sha: takeIncoming },
  );
}

export async function storedBranchHeads(database: Database, repositoryId: string): Promise<Map<string, string>> {
  const rows = await database.db.selectFrom('branch_head').select(['name', 'head_sha']).where('repository_id', '=', repositoryId).execute();
  return new Map(rows.map((row) => [row.name, row.head_sha]));
}

export async function forgetBranchHeads(database: Database, repositoryId: string, names: string[]): Promise<void> {
  if (names.length > 0) await database.db.deleteFrom('branch_head').where('repository_id', '=', repositoryId).where('name', 'in', names).execute();
}
