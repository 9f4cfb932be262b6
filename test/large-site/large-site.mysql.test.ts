import type { Connection } from 'mysql2/promise';
import { deleteAccount } from '../../src/account-admin/delete-account';
import { purgeRepositorySlice } from '../../src/dev-info/repository-purge';
import { relinkRepository, type RelinkCursor } from '../../src/dev-info/relink-repository';
import { diagnoseCommit } from '../../src/diagnostics/diagnose-commit';
import { ProjectKeyDirectory } from '../../src/issue-keys/project-key-directory';
import { queueDevinfoRepositories } from '../../src/dev-info/devinfo-outbox';
import { markRepositoryIssuesChanged } from '../../src/dev-info/issue-summary-outbox';
import { pushDevinfo } from '../../src/jira-copy/push-devinfo';
import { pushIssueSummaries } from '../../src/jira-copy/push-issue-summaries';
import { openMysqlDatabase } from '../../src/local/mysql-database';
import { FORGE_SQL_LIMITS } from '../../src/storage/forge-sql-limits';
import { describeWithMysql, mysqlUrlFor } from '../support/mysql';
import { sandboxFixture } from '../support/sandbox-fixture';

/**
 * A large site on a real MySQL-compatible server: one repository with 200,000 commits, 50,000 pull
 * requests and 50,000 branches, every one linked to an issue. Each operation that touches a whole
 * repository or a whole outbox runs here, and every statement it sends must stay inside Forge SQL's
 * limits, return a bounded number of rows, and read through an index (EXPLAIN: no full scan and no
 * filesort over a large table).
 */
const COMMITS = Number(process.env.LARGE_SITE_COMMITS ?? 200_000);
const PULLS = Number(process.env.LARGE_SITE_PULLS ?? 50_000);
const BRANCHES = PULLS;
const ISSUES = 50_000;
/** No statement may return more rows than this: everything is paged. */
const MAX_ROWS = 1_000;
/** Nor change more than this: writes and deletes go in batches. */
const MAX_CHANGED = 5_000;

const REPO = 'repo_large';
const ACCOUNT = 'acc_large';
const sha = (n: number) => n.toString(16).padStart(40, '0');
const issueOf = (n: number) => `LANG-${(n % ISSUES) + 1}`;

async function insertMany(connection: Connection, table: string, columns: string[], count: number, row: (n: number) => unknown[]): Promise<void> {
  const batch = 2_000;
  for (let start = 0; start < count; start += batch) {
    const rows = Array.from({ length: Math.min(batch, count - start) }, (_, index) => row(start + index));
    await connection.query(`insert into \`${table}\` (${columns.map((column) => `\`${column}\``).join(', ')}) values ?`, [rows]);
  }
}

interface StatementStats {
  sql: string;
  operations: Set<string>;
  count: number;
  maxRows: number;
  maxAffected: number;
  maxMs: number;
  maxRequestBytes: number;
  maxResponseBytes: number;
}

interface Plan {
  rowsRead: number;
  text: string;
  problems: string[];
}

/** Tables that are large on this site (or on any busy one): reading one whole is what the test forbids. */
const LARGE_TABLES = new Set(['dev_commit', 'dev_pull_request', 'dev_branch', 'branch_head', 'issue_link', 'delivery', 'devinfo_outbox', 'issue_summary', 'smart_commit']);

describeWithMysql('a large site on MySQL', () => {
  jest.setTimeout(20 * 60_000);
  let database: Awaited<ReturnType<typeof openMysqlDatabase>>;
  let fixture: Awaited<ReturnType<typeof sandboxFixture>>;
  const statements = new Map<string, StatementStats>();
  const plans = new Map<string, Plan>();
  let operation = 'setup';

  beforeAll(async () => {
    database = await openMysqlDatabase(mysqlUrlFor('dvcs_large_site'), { fresh: true });
    const { connection } = database;
    const started = Date.now();
    await connection.query(
      "insert into account (id, provider, host_url, name, auth_method, status, settings, created_at, updated_at) values (?, 'github', 'https://github.com', 'apache', 'access-token', 'connected', ?, 1, 1)",
      [ACCOUNT, JSON.stringify({ mirrorDevelopmentInfo: true })],
    );
    await connection.query(
      "insert into repository (id, account_id, provider_repo_id, full_name, url, linked, smart_commits, sync_status, created_at, updated_at) values (?, ?, '1', 'apache/commons-lang', 'https://github.com/apache/commons-lang', 1, 1, 'synced', 1, 1)",
      [REPO, ACCOUNT],
    );
    await insertMany(connection, 'dev_commit', ['repository_id', 'sha', 'message', 'author_name', 'author_email', 'authored_at', 'url', 'files_changed'], COMMITS, (n) => [
      REPO,
      sha(n),
      `${issueOf(n)} Fix the ${n}th corner case in StringUtils`,
      'Dana',
      'dana@example.com',
      1_600_000_000_000 + n * 1000,
      `https://github.com/apache/commons-lang/commit/${sha(n)}`,
      3,
    ]);
    await insertMany(
      connection,
      'dev_pull_request',
      ['repository_id', 'number', 'title', 'state', 'source_branch', 'destination_branch', 'author_name', 'updated_at', 'url'],
      PULLS,
      (n) => [
        REPO,
        n + 1,
        `${issueOf(n)} Pull request ${n + 1}`,
        n % 3 === 0 ? 'OPEN' : 'MERGED',
        `${issueOf(n)}-work-${n}`,
        'master',
        'dana',
        1_600_000_000_000 + n,
        `https://github.com/apache/commons-lang/pull/${n + 1}`,
      ],
    );
    await insertMany(connection, 'dev_branch', ['repository_id', 'name', 'head_sha', 'url', 'deleted', 'updated_at'], BRANCHES, (n) => [
      REPO,
      `${issueOf(n)}-work-${n}`,
      sha(n),
      `https://github.com/apache/commons-lang/tree/${issueOf(n)}-work-${n}`,
      0,
      1,
    ]);
    await insertMany(connection, 'branch_head', ['repository_id', 'name', 'head_sha'], BRANCHES, (n) => [REPO, `${issueOf(n)}-work-${n}`, sha(n)]);
    const link = (kind: string, key: (n: number) => string, time: (n: number) => number) => (n: number) => [issueOf(n), 'LANG', kind, REPO, key(n), time(n)];
    const linkColumns = ['issue_key', 'project_key', 'item_kind', 'repository_id', 'item_key', 'item_time'];
    await insertMany(
      connection,
      'issue_link',
      linkColumns,
      COMMITS,
      link('commit', sha, (n) => 1_600_000_000_000 + n * 1000),
    );
    await insertMany(
      connection,
      'issue_link',
      linkColumns,
      PULLS,
      link(
        'pull_request',
        (n) => String(n + 1),
        (n) => 1_600_000_000_000 + n,
      ),
    );
    await insertMany(
      connection,
      'issue_link',
      linkColumns,
      BRANCHES,
      link(
        'branch',
        (n) => `${issueOf(n)}-work-${n}`,
        () => 1,
      ),
    );
    await insertMany(connection, 'delivery', ['delivery_id', 'provider', 'received_at', 'attempts', 'repository_id'], 20_000, (n) => [
      `d-${n}`,
      'github',
      Date.now() - n * 60_000,
      1,
      REPO,
    ]);
    await connection.query('analyze table dev_commit, dev_pull_request, dev_branch, branch_head, issue_link, delivery');
    console.log(
      `large site seeded in ${((Date.now() - started) / 1000).toFixed(1)} s: ${COMMITS} commits, ${PULLS} pull requests, ${BRANCHES} branches, ${COMMITS + PULLS + BRANCHES} links`,
    );

    fixture = await sandboxFixture({ now: () => Date.parse('2026-11-23T10:00:00Z') });
    fixture.site.seed.projects.push({ id: '10002', key: 'LANG', name: 'Commons Lang', permissionScheme: 'Default software scheme', lead: fixture.site.seed.users[0]!.accountId });
    for (let n = 1; n <= Math.min(ISSUES, COMMITS); n += 1)
      fixture.site.issues.set(`LANG-${n}`, { ...fixture.site.issue('DEMO-1')!, id: String(100_000 + n), key: `LANG-${n}`, projectKey: 'LANG', properties: new Map() });
    fixture.ports.database = database;
    fixture.ports.queue.push = async () => undefined;
    database.dialectLimits.inspector = async (sql, parameters) => {
      if (plans.has(sql) || !/^(select|update|delete)/i.test(sql)) return;
      plans.set(sql, await inspect(sql, parameters));
    };
    database.dialectLimits.observer = (record) => {
      const stats = statements.get(record.sql) ?? {
        sql: record.sql,
        operations: new Set<string>(),
        count: 0,
        maxRows: 0,
        maxAffected: 0,
        maxMs: 0,
        maxRequestBytes: 0,
        maxResponseBytes: 0,
      };
      stats.operations.add(operation);
      stats.count += 1;
      stats.maxRows = Math.max(stats.maxRows, record.rows);
      stats.maxAffected = Math.max(stats.maxAffected, record.affectedRows);
      stats.maxMs = Math.max(stats.maxMs, record.ms);
      stats.maxRequestBytes = Math.max(stats.maxRequestBytes, record.requestBytes);
      stats.maxResponseBytes = Math.max(stats.maxResponseBytes, record.responseBytes);
      statements.set(record.sql, stats);
    };
  });

  /**
   * The plan of a statement, taken just before its first run, while the data it reads is there: for a
   * SELECT, MariaDB's ANALYZE (it runs the query and reports the rows each table really gave); for a
   * write, EXPLAIN (its estimate), since running it twice would change what the test measures.
   */
  async function inspect(sql: string, parameters: readonly unknown[]): Promise<Plan> {
    const read = /^select/i.test(sql);
    const [rows] = await database.connection.query(`${read ? 'analyze' : 'explain'} ${sql}`, parameters as unknown[]);
    const steps = rows as Array<{ table: string | null; type: string | null; key: string | null; rows: number | null; r_rows?: number | null; Extra: string | null }>;
    const problems: string[] = [];
    for (const step of steps) {
      const large = LARGE_TABLES.has(step.table ?? '');
      if (large && (step.type === 'ALL' || step.type === 'index')) problems.push(`full ${step.type === 'index' ? 'index ' : ''}scan of ${step.table}`);
      if (large && /filesort/i.test(step.Extra ?? '')) problems.push(`filesort on ${step.table}`);
    }
    return {
      rowsRead: steps.reduce((total, step) => total + Number((read ? step.r_rows : step.rows) ?? 0), 0),
      text: steps.map((step) => `${step.table ?? '-'}:${step.type ?? '-'}${step.key ? `(${step.key})` : ''}${step.Extra ? ` [${step.Extra}]` : ''}`).join(' '),
      problems,
    };
  }

  afterAll(async () => {
    database.dialectLimits.observer = undefined;
    database.dialectLimits.inspector = undefined;
    await fixture?.close();
    await database?.close();
  });

  const keys = () => new ProjectKeyDirectory(() => fixture.ports.jira.asApp(), fixture.ports.clock);

  it('relinks the whole repository under a new project scope, a page at a time', async () => {
    operation = 'relink';
    await database.connection.query('update repository set allowed_project_keys = \'["LANG"]\' where id = ?', [REPO]);
    const directory = keys();
    let cursor: RelinkCursor | null = null;
    let slices = 0;
    do {
      const slice = await relinkRepository(fixture.ports, directory, REPO, cursor, 20_000);
      cursor = slice.next;
      slices += 1;
    } while (cursor);
    expect(slices).toBeGreaterThanOrEqual(1);
  });

  it('queues every issue and item of the repository for both outboxes, a page at a time', async () => {
    operation = 'outboxes';
    await markRepositoryIssuesChanged(database, [REPO], Date.parse('2026-11-23T10:00:00Z'));
    await queueDevinfoRepositories(database, [REPO], Date.parse('2026-11-23T10:00:00Z'));
    const [[summaries], [outbox]] = await Promise.all([
      database.connection.query('select count(*) as n from issue_summary'),
      database.connection.query('select count(*) as n from devinfo_outbox'),
    ]);
    expect(Number((summaries as Array<{ n: number }>)[0]!.n)).toBe(Math.min(ISSUES, COMMITS));
    expect(Number((outbox as Array<{ n: number }>)[0]!.n)).toBe(COMMITS + PULLS + BRANCHES);
  });

  it('sends the Jira copies from the outboxes: the due queries read one index range', async () => {
    operation = 'jira-sync';
    const summaries = await pushIssueSummaries(fixture.ports);
    expect(summaries.pushed).toBe(1_000);
    const devinfo = await pushDevinfo(fixture.ports);
    expect(devinfo.sent + devinfo.failed).toBeGreaterThan(0);
  });

  it('finds a commit by a prefix of its sha', async () => {
    operation = 'diagnostics';
    const answer = await diagnoseCommit(fixture.ports, keys(), sha(123_456).slice(0, 12));
    expect(answer.steps[0]).toMatchObject({ title: 'Commit', outcome: 'ok' });
  });

  it('removes an unlinked repository in bounded slices, then deletes the account', async () => {
    operation = 'unlink';
    await database.connection.query('update repository set linked = 0 where id = ?', [REPO]);
    let slices = 0;
    while (!(await purgeRepositorySlice(fixture.ports, REPO, 20_000))) slices += 1;
    const [[links]] = await Promise.all([database.connection.query('select count(*) as n from issue_link')]);
    expect(Number((links as Array<{ n: number }>)[0]!.n)).toBe(0);
    expect(slices).toBeGreaterThanOrEqual(0);
    operation = 'account delete';
    const report = await deleteAccount(fixture.ports, ACCOUNT);
    // The report counts linked repositories (what the confirmation named); this one left the issues when unlinked.
    expect(report.repositories).toBe(0);
    const [repositories] = await database.connection.query('select count(*) as n from repository where account_id = ?', [ACCOUNT]);
    expect(Number((repositories as Array<{ n: number }>)[0]!.n)).toBe(0);
  });

  it('kept every statement inside Forge SQL’s limits, bounded and on an index', () => {
    const problems: string[] = [];
    const lines: string[] = [];
    for (const stats of [...statements.values()].sort((a, b) => b.maxMs - a.maxMs)) {
      const plan = plans.get(stats.sql);
      const found = [...(plan?.problems ?? [])];
      if (stats.maxRows > MAX_ROWS) found.push(`${stats.maxRows} rows returned`);
      if (stats.maxAffected > MAX_CHANGED) found.push(`${stats.maxAffected} rows changed by one statement`);
      const limit = /^select/i.test(stats.sql) ? FORGE_SQL_LIMITS.selectMs : FORGE_SQL_LIMITS.dmlMs;
      if (stats.maxMs > limit) found.push(`${stats.maxMs.toFixed(0)} ms`);
      if (found.length > 0) problems.push(`${found.join(', ')}: ${stats.sql.slice(0, 400)}\n    plan: ${plan?.text ?? '-'}`);
      lines.push(
        [
          [...stats.operations].join('+').padEnd(24),
          String(stats.count).padStart(6),
          String(Math.max(stats.maxRows, stats.maxAffected)).padStart(6),
          String(plan?.rowsRead ?? '-').padStart(8),
          stats.maxMs.toFixed(1).padStart(8),
          String(stats.maxRequestBytes).padStart(8),
          String(stats.maxResponseBytes).padStart(8),
          stats.sql.replace(/\s+/g, ' ').slice(0, 120),
        ].join(' '),
      );
    }
    console.log(
      [
        `large site: ${statements.size} distinct statements`,
        'operation                  runs   rows  read(1st)   max ms    req B   resp B  statement   (rows: returned or changed; read: ANALYZE for reads, EXPLAIN for writes)',
        ...lines,
      ].join('\n'),
    );
    expect(problems).toEqual([]);
  });
});
