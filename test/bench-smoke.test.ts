import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';

/**
 * The benchmarks are not timed here (they run with `npm run bench`); this only keeps them working, on
 * smaller data, so a schema or API change cannot silently break them.
 */
describe('benchmarks still run', () => {
  jest.setTimeout(120_000);
  const run = (file: string, env: Record<string, string> = {}) =>
    spawnSync(resolve('node_modules/.bin/tsx'), [file], { encoding: 'utf8', env: { ...process.env, ...env }, timeout: 110_000 });

  it.each([
    ['bench/issue-keys.bench.ts', {}, /^issue-keys: .*throughput_MBps=/m],
    ['bench/webhook-ingest.bench.ts', {}, /^webhook-100-commits: .*statements_warm_max=4$/m],
    // Three reads for an issue with commits only: the counts, the newest commits, and the repositories a full list filters by.
    ['bench/panel-query.bench.ts', { BENCH_COMMITS: '20000' }, /^panel-resolver-call: .*jira_requests_per_call=1 queries_per_call=3$/m],
    ['bench/backfill.bench.ts', {}, /^backfill-identical: true$/m],
    ['bench/ui-weight.bench.ts', { BENCH_UI_LOADS: '1' }, /^ui-load panel: first_row_median_ms=\d+ .*\nui-load admin: first_row_median_ms=\d+ /m],
  ])('%s', (file, env, expected) => {
    const result = run(file, env);
    expect(
      result.stderr
        .split('\n')
        .filter((line) => line && !line.includes('nodedir'))
        .join('\n'),
    ).toBe('');
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(expected);
  });
});
