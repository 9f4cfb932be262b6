/**
 * One GitHub push of 100 commits, each mentioning an issue, through the real webtrigger handler into the
 * sandbox's SQLite store: statements sent (round trips, as Forge SQL would see them) and time.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { githubPush } from '../sandbox/demo/github-payloads';
import { loadSeed } from '../sandbox/jira/jira-seed';
import { JiraSite } from '../sandbox/jira/jira-site';
import { createSandboxPorts } from '../sandbox/sandbox-ports';
import { createAccount } from '../src/account-admin/create-account';
import { countingDatabase } from '../test/support/query-counter';
import { GITHUB_EXAMPLE, linkRepositories } from '../test/support/linked-repositories';
import { githubRequest } from '../test/support/webhook-requests';
import { report, sample } from './stats';
import { composeApp } from '../src/app/compose-app';

const dataDir = mkdtempSync(join(tmpdir(), 'dvcs-bench-ingest-'));
const silent = { info: () => undefined, warn: () => undefined, error: console.error };
const { ports, close } = await createSandboxPorts({ dataDir, site: new JiraSite(loadSeed()), baseUrl: () => 'http://localhost', log: silent });
const counter = countingDatabase(ports.database);
const handlers = composeApp({ ...ports, database: counter.database }).webtriggers;
const account = await createAccount(ports, { provider: 'github', hostUrl: 'https://github.com', name: 'bench', authMethod: 'oauth' });
await linkRepositories(ports, account.id, [GITHUB_EXAMPLE]);

let next = 0;
const delivery = () => {
  const commits = Array.from({ length: 100 }, (_, index) => {
    next += 1;
    return {
      sha: next.toString(16).padStart(40, '0'),
      message: `DEMO-${(index % 4) + 1} Change number ${next}\n\nA body line.`,
      timestamp: new Date(1_750_000_000_000 + next * 1000).toISOString(),
    };
  });
  return githubRequest(account.id, account.webhookSecret, 'push', githubPush('main', commits));
};

counter.reset();
const cold = await handlers.githubWebhook(delivery());
const coldStatements = counter.count();
if (cold.statusCode !== 200) throw new Error(cold.body);
const requests = Array.from({ length: 200 }, delivery);
let warmStatements = 0;
const samples = await sample(requests.length, async (index) => {
  counter.reset();
  const answer = await handlers.githubWebhook(requests[index]!);
  if (answer.statusCode !== 200) throw new Error(answer.body);
  warmStatements = Math.max(warmStatements, counter.count());
});
report('webhook-100-commits', samples, { engine: 'sqlite-file', statements_first_delivery: coldStatements, statements_warm_max: warmStatements });

// A hostile push a signature cannot stop: 100 commits naming 2,000 issues each (about 1.9 MB). The bounds
// keep it to 100 keys a commit and 10,000 links a delivery.
const hostileKeys = (from: number) => Array.from({ length: 2_000 }, (_, n) => `DEMO-${from + n}`).join(' ');
const hostile = githubRequest(
  account.id,
  account.webhookSecret,
  'push',
  githubPush(
    'main',
    Array.from({ length: 100 }, (_, index) => {
      next += 1;
      return { sha: next.toString(16).padStart(40, '0'), message: `${hostileKeys(index * 2_000 + 1)} planted`, timestamp: new Date(1_750_000_000_000 + next * 1000).toISOString() };
    }),
  ),
);
const linksBefore = Number(
  (
    await ports.database.db
      .selectFrom('issue_link')
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirstOrThrow()
  ).n,
);
const hostileSamples = await sample(1, async () => {
  const answer = await handlers.githubWebhook(hostile);
  if (answer.statusCode !== 200) throw new Error(answer.body);
});
const linksAdded =
  Number(
    (
      await ports.database.db
        .selectFrom('issue_link')
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  ) - linksBefore;
report('webhook-hostile-1.9MB', hostileSamples, { engine: 'sqlite-file', body_bytes: hostile.body.length, links_added: linksAdded, target_max_ms: 3000 });
await close();
rmSync(dataDir, { recursive: true, force: true });
