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
import { createAccount } from '../src/accounts/account-store';
import { countingDatabase } from '../src/storage/query-counter';
import { githubRequest } from '../test/support/webhook-requests';
import { webtriggerHandlers } from '../src/webtriggers/webtrigger-handlers';
import { report, sample } from './stats';

const dataDir = mkdtempSync(join(tmpdir(), 'dvcs-bench-ingest-'));
const silent = { info: () => undefined, warn: () => undefined, error: console.error };
const { ports, close } = await createSandboxPorts({ dataDir, site: new JiraSite(loadSeed()), baseUrl: () => 'http://localhost', log: silent });
const counter = countingDatabase(ports.database);
const handlers = webtriggerHandlers({ ...ports, database: counter.database });
const account = await createAccount(ports, { provider: 'github', hostUrl: 'https://github.com', name: 'bench', authMethod: 'oauth' });

let next = 0;
const delivery = () => {
  const commits = Array.from({ length: 100 }, (_, index) => {
    next += 1;
    return { sha: next.toString(16).padStart(40, '0'), message: `DEMO-${(index % 4) + 1} Change number ${next}\n\nA body line.`, timestamp: new Date(1_750_000_000_000 + next * 1000).toISOString() };
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
await close();
rmSync(dataDir, { recursive: true, force: true });
