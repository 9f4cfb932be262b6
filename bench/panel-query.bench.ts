/**
 * The Development panel's first load for an issue with 5,000 linked commits, in a store of 1,000,000
 * commits (SQLite file): time of the store work, and requests per resolver call.
 */
import type { JiraRequestInit, JiraRoute } from '../src/ports/jira';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { loadSeed } from '../sandbox/jira/jira-seed';
import { JiraSite } from '../sandbox/jira/jira-site';
import { createSandboxPorts } from '../sandbox/sandbox-ports';
import { readPanel } from '../src/dev-info/dev-info-reader';
import { runInvocation } from '../src/local/invocation-scope';
import { countingDatabase } from '../test/support/query-counter';
import { report, sample } from './stats';
import { composeApp } from '../src/app/compose-app';

const TOTAL = Number(process.env.BENCH_COMMITS ?? 1_000_000);
const HOT = 5_000;
const dataDir = mkdtempSync(join(tmpdir(), 'dvcs-bench-panel-'));
const silent = { info: () => undefined, warn: () => undefined, error: console.error };
const site = new JiraSite(loadSeed());
const { ports, close } = await createSandboxPorts({ dataDir, site, baseUrl: () => 'http://localhost', log: silent });

// Bulk-load with raw SQLite (the schema came from the migrations above); 1 in 200 commits goes to DEMO-1.
const started = Date.now();
const raw = new BetterSqlite3(join(dataDir, 'sandbox.sqlite'));
raw.exec(`INSERT INTO account (id, provider, host_url, name, auth_method, status, settings, created_at, updated_at) VALUES ('acc', 'github', 'https://github.com', 'acme', 'oauth', 'connected', '{}', 0, 0);
  INSERT INTO repository (id, account_id, provider_repo_id, full_name, url, linked, smart_commits, sync_status, created_at, updated_at)
  VALUES ('repo', 'acc', '1', 'acme/monorepo', 'https://github.com/acme/monorepo', 1, 1, 'webhook', 0, 0);`);
const commit = raw.prepare('INSERT INTO dev_commit (repository_id, sha, message, author_name, author_email, authored_at, url, files_changed) VALUES (?, ?, ?, ?, ?, ?, ?, ?)');
const link = raw.prepare('INSERT INTO issue_link (issue_key, project_key, item_kind, repository_id, item_key, item_time) VALUES (?, ?, ?, ?, ?, ?)');
raw.transaction(() => {
  for (let n = 0; n < TOTAL; n += 1) {
    const sha = n.toString(16).padStart(40, '0');
    const issue = n % (TOTAL / HOT) === 0 ? 'DEMO-1' : `DEMO-${1000 + (n % 100_000)}`;
    const time = 1_600_000_000_000 + n * 1000;
    commit.run('repo', sha, `${issue} Change ${n}\n\nBody text of the commit message.`, 'Dana', 'dana@example.com', time, `https://github.com/acme/monorepo/commit/${sha}`, 3);
    link.run(issue, 'DEMO', 'commit', 'repo', sha, time);
  }
})();
raw.exec('ANALYZE');
raw.close();
const loadSeconds = ((Date.now() - started) / 1000).toFixed(1);

const first = await readPanel(ports.database, 'DEMO-1');
if (first.summary.commits !== HOT || first.commit.items.length !== 3) throw new Error(`unexpected panel: ${JSON.stringify(first.summary)}`);
const samples = await sample(300, () => readPanel(ports.database, 'DEMO-1'));

const counter = countingDatabase(ports.database);
let jiraRequests = 0;
const countingPorts = {
  ...ports,
  database: counter.database,
  jira: {
    asApp: () => ports.jira.asApp(),
    asUser: () => ({ requestJira: (endpoint: JiraRoute, init?: JiraRequestInit) => ((jiraRequests += 1), ports.jira.asUser().requestJira(endpoint, init)) }),
  },
};
const context = { accountId: '557058:dev-dana', extension: { type: 'jira:issuePanel', issue: { key: 'DEMO-1' } } };
const resolverSamples = await sample(100, () => runInvocation({ accountId: context.accountId }, () => composeApp(countingPorts).resolvers.getDevelopmentPanel({ context })));
report('panel-first-page', samples, { engine: 'sqlite-file', commits_in_store: TOTAL, commits_on_issue: HOT, load_seconds: loadSeconds });
report('panel-resolver-call', resolverSamples, {
  jira_requests_per_call: jiraRequests / resolverSamples.length,
  queries_per_call: counter.count() / resolverSamples.length,
});
await close();
rmSync(dataDir, { recursive: true, force: true });
