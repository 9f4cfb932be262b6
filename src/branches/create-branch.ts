import { canBrowseIssue, canViewDevelopmentTools } from '../access/jira-permissions';
import { connectAccount } from '../accounts/host-connection';
import { parseAccountSettings } from '../accounts/account-settings';
import { recordEvents } from '../dev-info/record-events';
import { inScope, parseProjectScope } from '../accounts/project-scope';
import { AppError } from '../errors/app-error';
import { projectOf } from '../issue-keys/extract-issue-keys';
import { KeyScan } from '../issue-keys/key-scan';
import type { ProjectKeyDirectory } from '../issue-keys/project-key-directory';
import { route } from '../ports/jira';
import { PROVIDER_NAMES } from '../git-hosts/provider-hosts';
import { safeHttpUrl } from '../urls/http-url';
import type { Ports } from '../ports/ports';
import { rememberBranchHeads } from '../host-sync/branch-heads';
import { branchNameProblem, suggestBranchName } from './branch-name';

const NOT_ALLOWED_MESSAGE =
  'No repository linked to this project allows creating branches from Jira. A Jira admin can switch it on for an account under Settings → Apps → DVCS accounts.';
const MAX_BRANCHES_LISTED = 200;

export interface BranchTarget {
  repositoryId: string;
  fullName: string;
  providerName: string;
  /** Known branches to start from (the hourly reconciliation keeps this list), default branch first when known. */
  branches: string[];
}

/** Linked repositories where the issue's project may create branches: the account allows it and the scope includes the project. */
async function targets(ports: Ports, issueKey: string) {
  const rows = await ports.database.db
    .selectFrom('repository as r')
    .innerJoin('account as a', 'a.id', 'r.account_id')
    .select(['r.id', 'r.full_name', 'r.url', 'r.provider_repo_id', 'r.allowed_project_keys', 'a.id as account_id', 'a.settings', 'a.provider'])
    .where('r.linked', '=', 1)
    .orderBy('r.full_name')
    .orderBy('r.id')
    .execute();
  return rows.filter((row) => parseAccountSettings(row.settings).allowBranchCreation && inScope(parseProjectScope(row.allowed_project_keys), projectOf(issueKey)));
}

async function requireDevelopmentTools(ports: Ports, issueKey: string) {
  if (!(await canViewDevelopmentTools(ports.jira.asUser(), issueKey))) {
    throw new AppError('forbidden', 'You need the View Development Tools permission to create branches for this issue.');
  }
}

/** Issue keys a branch name may name besides the issue it is created from, each checked with Jira. */
const MAX_OTHER_KEYS = 10;

/**
 * A branch shows on every issue its name names, so one created from an issue must name that issue, and
 * may name others only if the person creating it can see them: otherwise it would plant work on issues
 * they cannot open.
 */
async function requireNamedIssuesVisible(ports: Ports, projectKeys: ProjectKeyDirectory, issueKey: string, name: string): Promise<void> {
  const scan = new KeyScan();
  const named = scan.keys(name, await projectKeys.keysFor([name], scan));
  if (!named.includes(issueKey.toUpperCase())) {
    throw new AppError('invalid_input', `The branch name must contain ${issueKey}, so the branch shows on this issue (for example ${issueKey}-short-description).`);
  }
  const others = named.filter((key) => key !== issueKey.toUpperCase());
  if (others.length > MAX_OTHER_KEYS) throw new AppError('invalid_input', `The branch name names ${others.length} other issues; name at most ${MAX_OTHER_KEYS}.`);
  const jira = ports.jira.asUser();
  for (const key of others) {
    if (!(await canBrowseIssue(jira, key))) {
      throw new AppError('invalid_input', `The branch name also names ${key}, which you cannot see in Jira, so it would show there. Remove ${key} from the name.`);
    }
  }
}

/** What the panel's Create branch form offers: repositories, their branches and a suggested name. */
export async function branchOptions(ports: Ports, issueKey: string): Promise<{ allowed: boolean; message?: string; suggestedName: string; repositories: BranchTarget[] }> {
  await requireDevelopmentTools(ports, issueKey);
  const issue = await ports.jira.asUser().requestJira(route`/rest/api/3/issue/${issueKey}?fields=summary`);
  const summary = issue.ok ? String(((await issue.json()) as { fields?: { summary?: string } }).fields?.summary ?? '') : '';
  const allowed = await targets(ports, issueKey);
  const repositories: BranchTarget[] = [];
  for (const row of allowed) {
    const heads = await ports.database.db.selectFrom('branch_head').select('name').where('repository_id', '=', row.id).orderBy('name').limit(MAX_BRANCHES_LISTED).execute();
    const names = heads.map((head) => head.name);
    const preferred = ['main', 'master', 'develop'].find((name) => names.includes(name));
    repositories.push({
      repositoryId: row.id,
      fullName: row.full_name,
      providerName: PROVIDER_NAMES[row.provider],
      branches: preferred ? [preferred, ...names.filter((name) => name !== preferred)] : names,
    });
  }
  return {
    allowed: repositories.length > 0,
    ...(repositories.length === 0 ? { message: NOT_ALLOWED_MESSAGE } : {}),
    suggestedName: suggestBranchName(issueKey, summary),
    repositories,
  };
}

/**
 * Creates a branch on the Git host with the account's credentials, for someone who may see development
 * tools on the issue, in a repository whose account allows it. The new branch is stored at once, so the
 * panel shows it before the host's webhook arrives.
 */
export async function createBranchForIssue(
  ports: Ports,
  projectKeys: ProjectKeyDirectory,
  issueKey: string,
  input: { repositoryId: string; name: string; from: string },
): Promise<{ name: string; url: string }> {
  await requireDevelopmentTools(ports, issueKey);
  const problem = branchNameProblem(input.name) ?? (branchNameProblem(input.from) ? 'Choose the branch to start from.' : null);
  if (problem) throw new AppError('invalid_input', problem);
  await requireNamedIssuesVisible(ports, projectKeys, issueKey, input.name);
  const target = (await targets(ports, issueKey)).find((row) => row.id === input.repositoryId);
  if (!target) throw new AppError('forbidden', NOT_ALLOWED_MESSAGE);
  const connection = await connectAccount(ports, target.account_id);
  const repository = { providerRepoId: target.provider_repo_id, fullName: target.full_name, url: target.url };
  let created;
  try {
    created = await connection.call((host, token) => host.createBranch(token, repository, input.name, input.from));
  } catch (error) {
    if (error instanceof AppError && error.code === 'provider_error' && /already exists/i.test(error.externalMessage ?? '')) {
      throw new AppError('invalid_input', `${target.full_name} already has a branch named ${input.name}. Choose another name.`);
    }
    if (error instanceof AppError && error.code === 'provider_not_found') {
      throw new AppError('invalid_input', `${target.full_name} has no branch ${input.from} to start from, or the account cannot see it.`);
    }
    throw error;
  }
  const recordTarget = { repositoryId: target.id, scope: parseProjectScope(target.allowed_project_keys), mirror: parseAccountSettings(target.settings).mirrorDevelopmentInfo };
  await recordEvents(ports, projectKeys, recordTarget, [{ kind: 'branch-created', repository, branch: created.name, branchUrl: created.url, headSha: created.headSha }]);
  await rememberBranchHeads(ports.database, target.id, [created]);
  ports.log.info('branch created from an issue', { repositoryId: target.id, issueKey });
  return { name: created.name, url: safeHttpUrl(created.url) ?? '' };
}
