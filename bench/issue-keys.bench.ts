/**
 * Issue-key extraction throughput over a real history: every commit message of Apache Commons Lang
 * (9,738 commits, 2002-2026, `../shared/fixtures/history/apache-commons-lang.jsonl`), with LANG as the
 * site's project plus look-alike keys that must be rejected.
 */
import { readFileSync } from 'node:fs';
import { extractIssueKeys } from '../src/issue-keys/extract-issue-keys';
import { sharedFixturePath } from '../test/support/shared-fixtures';
import { report, sample } from './stats';

const file = process.env.HISTORY ?? sharedFixturePath('history', 'apache-commons-lang.jsonl');
const messages = readFileSync(file, 'utf8')
  .split('\n')
  .filter(Boolean)
  .map((line) => (JSON.parse(line) as { message: string }).message);
const bytes = messages.reduce((total, message) => total + Buffer.byteLength(message, 'utf8'), 0);
const projects = new Set(['LANG', 'DEMO', 'OPS']);

let keys = 0;
for (const message of messages) keys += extractIssueKeys(message, projects).length;
const samples = await sample(20, () => {
  for (const message of messages) extractIssueKeys(message, projects);
});
const medianSeconds = [...samples].sort((a, b) => a - b)[10]! / 1000;
report('issue-keys', samples, {
  corpus: 'apache-commons-lang',
  messages: messages.length,
  megabytes: (bytes / 1e6).toFixed(2),
  keys_found: keys,
  throughput_MBps: (bytes / 1e6 / medianSeconds).toFixed(1),
});
