/**
 * Backfill of the full Apache Commons Lang history (9,738 commits) from the GitHub, GitLab and Bitbucket Data Center simulators into the
 * sandbox's SQLite store: API requests, commits per second, and the same run with faults injected (10%
 * server errors, one rate-limit window, two kills) ending with the same store.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { KyselyPlugin } from 'kysely';
import { loadSeed } from '../sandbox/jira/jira-seed';
import { JiraSite } from '../sandbox/jira/jira-site';
import { startGitHostStub, type HistoryCommit } from '../sandbox/provider-stub/git-host-stub';
import { createSandboxPorts } from '../sandbox/sandbox-ports';
import { setRepositoryLinks } from '../src/account-admin/link-repositories';
import { useAccessToken } from '../src/account-admin/authorise-account';
import { createAccount } from '../src/account-admin/create-account';
import { ProjectKeyDirectory } from '../src/issue-keys/project-key-directory';
import { runJiraCopy } from '../src/jira-copy/jira-copy-job';
import { runBackfillSlice } from '../src/host-sync/backfill';
import { MAX_BUILD_READS_PER_RUN } from '../src/host-sync/branch-builds';
import { reconcileRepository } from '../src/host-sync/reconcile-repository';
import { readSharedFixture } from '../test/support/shared-fixtures';

const history = readSharedFixture('history', 'apache-commons-lang.jsonl')
  .split('\n')
  .filter(Boolean)
  .map((line) => JSON.parse(line) as HistoryCommit);
const stub = await startGitHostStub({ history });
const quiet = { info: () => undefined, warn: () => undefined, error: console.error };

async function run(label: string, faults: boolean, host: 'github' | 'gitlab' | 'bitbucket-data-center' = 'github') {
  const dataDir = mkdtempSync(join(tmpdir(), 'dvcs-bench-backfill-'));
  const site = new JiraSite(loadSeed());
  site.seed.projects.push({ id: '10002', key: 'LANG', name: 'Commons Lang', permissionScheme: 'Default software scheme', lead: site.seed.users[0]!.accountId });
  // The issues the history mentions exist, as on Apache's Jira, so the summary property has somewhere to go.
  const template = site.issue('DEMO-1')!;
  for (let n = 1; n <= 2_000; n += 1) site.issues.set(`LANG-${n}`, { ...template, id: String(200_000 + n), key: `LANG-${n}`, projectKey: 'LANG', properties: new Map() });
  let now = Date.now();
  const { ports, close } = await createSandboxPorts({ dataDir, site, baseUrl: () => 'http://localhost', log: quiet, providerHosts: stub.hosts, allowPrivateHosts: true });
  ports.clock = { now: () => now };
  ports.queue.push = () => Promise.resolve();
  const jiraRequests: string[] = [];
  const jira = ports.jira;
  ports.jira = {
    asUser: (accountId) => jira.asUser(accountId),
    asApp: () => ({
      requestJira: (endpoint, init) => (
        jiraRequests.push(`${init?.method ?? 'GET'} ${endpoint.path.replace(/\?.*$/, '').replace(/\d+/g, 'N')}`),
        jira.asApp().requestJira(endpoint, init)
      ),
    }),
  };
  const hosts = {
    github: {
      account: { provider: 'github', hostUrl: 'https://github.com', name: 'octo' },
      token: stub.tokens.github,
      repository: { providerRepoId: '1', fullName: 'apache/commons-lang', url: `${stub.url}/apache/commons-lang` },
    },
    gitlab: {
      account: { provider: 'gitlab', hostUrl: stub.hosts.gitlab.web, name: 'acme' },
      token: stub.tokens.gitlab,
      repository: { providerRepoId: '9100', fullName: 'acme/commons-lang', url: `${stub.hosts.gitlab.web}/acme/commons-lang` },
    },
    'bitbucket-data-center': {
      account: { provider: 'bitbucket-data-center', hostUrl: stub.bitbucketDcServerUrl, name: 'ACME' },
      token: stub.tokens.bitbucketDc,
      repository: { providerRepoId: '301', fullName: 'ACME/commons-lang', url: `${stub.bitbucketDcServerUrl}/projects/ACME/repos/commons-lang` },
    },
  } as const;
  const chosen = hosts[host];
  const account = await createAccount(ports, { ...chosen.account, authMethod: 'oauth' });
  await useAccessToken(ports, account.id, chosen.token);
  await setRepositoryLinks(ports, account.id, [{ ...chosen.repository, linked: true }]);
  const repositoryId = (await ports.database.db.selectFrom('repository').select('id').executeTakeFirstOrThrow()).id;
  const keys = new ProjectKeyDirectory(() => ports.jira.asApp(), ports.clock);
  stub.requests.length = 0;
  stub.faultsInjected = 0;
  stub.faults = faults ? { serverErrorRate: 0.1, rateLimitAtRequest: 20, seed: 7 } : {};
  let cursorWrites = 0;
  const killer: KyselyPlugin = {
    transformQuery: (args) => {
      if (faults && args.node.kind === 'UpdateQueryNode' && JSON.stringify(args.node.table).includes('"job"')) {
        cursorWrites += 1;
        if (cursorWrites === 30 || cursorWrites === 70) throw new Error('process killed');
      }
      return args.node;
    },
    transformResult: (args) => Promise.resolve(args.result),
  };
  const database = { ...ports.database, db: ports.database.db.withPlugin(killer) };
  const started = process.hrtime.bigint();
  let slices = 0;
  let kills = 0;
  let waits = 0;
  for (;;) {
    slices += 1;
    try {
      const outcome = await runBackfillSlice({ ...ports, database }, keys, repositoryId, 20_000);
      if (outcome.status === 'done') break;
      if (outcome.status === 'failed') throw new Error(outcome.message);
      if (outcome.status === 'wait') {
        waits += 1;
        now += outcome.delaySeconds * 1000;
      }
    } catch (error) {
      if (!String(error).includes('process killed')) throw error;
      kills += 1;
    }
  }
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  // The Jira side of the backfill: the summary property of every issue it touched, as the sync job sends it.
  jiraRequests.length = 0;
  for (let run = 0; run < 100; run += 1) {
    const { next } = await runJiraCopy(ports);
    if (!next) break;
    now += (next.delayInSeconds ?? 0) * 1000;
  }
  const jiraSummary = [...jiraRequests.reduce((counts, request) => counts.set(request, (counts.get(request) ?? 0) + 1), new Map<string, number>())]
    .map(([request, count]) => `${count}× ${request}`)
    .join(', ');
  const issuesWritten = [...site.issues.values()].filter((issue) => issue.projectKey === 'LANG' && issue.properties.size > 0).length;
  const commits = (await ports.database.db.selectFrom('dev_commit').select('sha').orderBy('sha').execute()).map((row) => row.sha);
  // Commit-list requests: GitHub's `/commits` and GitLab's `/repository/commits` (one commit's own URL excluded).
  const commitRequests = stub.requests.filter((request) => /\/commits$/.test(request)).length;
  // Build reads at the backfill's end: GitHub's statuses and workflow runs of each head read (branch-builds.ts), or any other host's equivalent.
  const buildRequests = stub.requests.filter((request) =>
    /\/commits\/[0-9a-f]+\/status$|\/actions\/runs$|\/statuses(\/|$)|\/pipelines$|\/build-status\//.test(request.replace(/\?.*$/, '')),
  ).length;
  console.log(
    `${label}: history_commits=${history.length} commits_stored=${commits.length} commit_list_requests=${commitRequests} build_requests=${buildRequests} build_heads_max=${MAX_BUILD_READS_PER_RUN} target_max=${Math.ceil(1.05 * Math.ceil(history.length / 100))} review_requests=${stub.requests.filter((request) => request.endsWith('/reviews')).length} api_requests=${stub.requests.length} faults_injected=${stub.faultsInjected} waits=${waits} kills=${kills} slices=${slices} seconds=${seconds.toFixed(2)} history_commits_per_s=${Math.round(history.length / seconds)} jira_requests=${jiraRequests.length} issue_properties_written=${issuesWritten} (${jiraSummary})`,
  );
  if (!faults) {
    stub.requests.length = 0;
    now += 3600_000;
    await reconcileRepository(ports, keys, repositoryId);
    console.log(
      `reconcile-unchanged: api_requests=${stub.requests.length} review_requests=${stub.requests.filter((request) => request.endsWith('/reviews')).length} commit_list_requests=${stub.requests.filter((request) => request.includes('/commits')).length} (${stub.requests.map((request) => request.replace(/\?.*$/, '')).join(', ')})`,
    );
    if (host === 'github') {
      // The request budget for builds: a changed open pull request has its head's latest builds read.
      stub.requests.length = 0;
      now += 3600_000;
      const pull = stub.pulls.find((candidate) => candidate.state === 'open')!;
      const updatedAt = pull.updatedAt;
      pull.updatedAt = new Date(now - 60_000).toISOString();
      await reconcileRepository(ports, keys, repositoryId);
      pull.updatedAt = updatedAt;
      const buildRequests = stub.requests.filter((request) => /\/commits\/[0-9a-f]+\/status|\/actions\/runs/.test(request)).length;
      const heads = stub.requests.filter((request) => /\/commits\/[0-9a-f]+\/status/.test(request)).length;
      console.log(
        `reconcile-builds: linked_heads_read=${heads} build_requests=${buildRequests} requests_per_linked_branch=${heads ? buildRequests / heads : 0} (GitHub: statuses + workflow runs; Bitbucket Cloud: 1) max_heads_per_run=${MAX_BUILD_READS_PER_RUN}`,
      );
    }
  }
  await close();
  rmSync(dataDir, { recursive: true, force: true });
  return commits;
}

const clean = await run('backfill-clean', false);
const faulty = await run('backfill-faults', true);
console.log(`backfill-identical: ${JSON.stringify(clean) === JSON.stringify(faulty)}`);
const gitlabClean = await run('backfill-gitlab-clean', false, 'gitlab');
const gitlabFaulty = await run('backfill-gitlab-faults', true, 'gitlab');
console.log(`backfill-gitlab-identical: ${JSON.stringify(gitlabClean) === JSON.stringify(gitlabFaulty) && JSON.stringify(gitlabClean) === JSON.stringify(clean)}`);
const dcClean = await run('backfill-bitbucket-dc-clean', false, 'bitbucket-data-center');
const dcFaulty = await run('backfill-bitbucket-dc-faults', true, 'bitbucket-data-center');
console.log(`backfill-bitbucket-dc-identical: ${JSON.stringify(dcClean) === JSON.stringify(dcFaulty) && JSON.stringify(dcClean) === JSON.stringify(clean)}`);
await stub.close();
