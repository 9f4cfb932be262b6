import { mysqlUrlFor } from '../support/mysql';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { githubPush } from '../../sandbox/demo/github-payloads';
import { githubHeaders } from '../../sandbox/demo/signed-delivery';
import { loadSeed } from '../../sandbox/jira/jira-seed';
import { JiraSite } from '../../sandbox/jira/jira-site';
import { startGitHostStub, type GitHostStub } from '../../sandbox/provider-stub/git-host-stub';
import { LATEST_SCHEMA_VERSION, MIGRATIONS } from '../../src/storage/migrations';
import { openForgeSqlService, leadingKeyword, type ForgeSqlService, type SqlStatementRecord } from './forge-sql-service';
import { LocalForgePlatform } from './local-forge-platform';

/**
 * The app's exported handlers (src/index.ts, as manifest.yml names them), run through the real Forge SDK
 * clients — @forge/api, @forge/sql, @forge/kvs, @forge/events, @forge/resolver, unmodified — against a
 * local Forge platform (./local-forge-platform.ts): Jira is the sandbox's model, SQL is a real MariaDB,
 * the Git host is a local stand-in reached through Forge's egress rules. Nothing in src/forge/ is replaced.
 *
 * install (lifecycle trigger) → the admin creates a GitHub account, gives it a token and links a repository
 * (ui-resolver; the app adds the repository's webhook through GitHub's API and queues its history) → the
 * queued backfill is delivered to the consumer → GitHub's signed push is POSTed to the web trigger URL the
 * app registered → the queued Jira sync writes the issue's summary property → the panel resolver shows the
 * commit to a developer and refuses a user without View Development Tools. Then: what reached MariaDB
 * (DDL only through the DDL endpoint and only at install, statement counts, one schema-version read per
 * cold container), what reached Jira and as whom, where egress went, and that no secret reached SQL.
 *
 * Two variants: the TypeScript source (src/index.ts through ts-jest), and the webpack output of Forge's own
 * bundler (test/forge/forge-bundle.ts: index.cjs, what `forge deploy` uploads) with the manifest as the
 * deploy archive carries it. Each manifest function runs in its own module registry, as its own container.
 *
 * Needs a MySQL-compatible server: DVCS_TEST_MYSQL_URL=mysql://user:password@host:port/database (the
 * database is dropped and created again). Without it the suite is reported as skipped; in CI it must run.
 */
const url = process.env.DVCS_TEST_MYSQL_URL;
/** Users of the sandbox's seed (sandbox/jira/seed.json), as test/support/sandbox-fixture.ts names them. */
const USERS = { admin: '557058:admin-alice', developer: '557058:dev-dana', viewer: '557058:viewer-victor', opsOnly: '557058:ops-olivia' } as const;
const repoRoot = resolve(__dirname, '../..');
const bundleHelper = resolve(__dirname, '../forge/forge-bundle.ts');

type ModuleLoader = (functionKey: string, file: string) => Record<string, unknown>;

/** Each function key gets its own module registry: a separate Forge "container" with its own warm state. */
const loadSource: ModuleLoader = (_functionKey, file) => {
  let loaded: Record<string, unknown> | undefined;
  jest.isolateModules(() => {
    loaded = require(join(repoRoot, 'src', file)) as Record<string, unknown>;
  });
  return loaded!;
};

/** A database of this suite's own on the server, whatever the URL names: suites run side by side. */
function databaseUrl(_base: string, suffix: string): string {
  return mysqlUrlFor(`dvcs_forge_e2e${suffix}`);
}

/** Where the hosts the app may call (manifest.yml egress) live in this test: the local Git host stand-in. */
function gitHostRoute(stub: GitHostStub) {
  return (target: URL): string | undefined => {
    const rest = `${target.pathname}${target.search}`;
    if (target.host === 'api.github.com') return `${stub.url}/api/v3${rest}`;
    if (target.host === 'github.com') return `${stub.url}${rest}`;
    if (target.host === 'api.bitbucket.org') return `${stub.url}/bitbucket${rest}`;
    if (target.host === 'bitbucket.org') return `${stub.url}/bitbucket${rest}`;
    return undefined;
  };
}

const isSchemaChange = (statement: SqlStatementRecord) => ['CREATE', 'ALTER', 'DROP', 'RENAME', 'TRUNCATE'].includes(leadingKeyword(statement.query));

function describeForgeEndToEnd(
  variant: string,
  options: { databaseSuffix: string; prepare: () => Promise<{ loadModule: ModuleLoader; manifestPath?: string; cleanup?: () => void }> },
) {
  describe(`Forge SDK end to end (${variant}): webhook → Forge SQL → panel`, () => {
    let stub: GitHostStub;
    let sqlService: ForgeSqlService;
    let platform: LocalForgePlatform;
    let site: JiraSite;
    let cleanup: (() => void) | undefined;
    /** How far the platform's queue clock is ahead of the wall clock (to deliver delayed events now). */
    let queueSkewMs = 0;
    const sha = 'c0ffee1234567890c0ffee1234567890c0ffee12';

    beforeAll(async () => {
      const prepared = await options.prepare();
      cleanup = prepared.cleanup;
      stub = await startGitHostStub();
      sqlService = await openForgeSqlService(databaseUrl(url!, options.databaseSuffix));
      site = new JiraSite(loadSeed(), () => new Date('2026-11-01T10:00:00.000Z'));
      platform = new LocalForgePlatform({
        manifestPath: prepared.manifestPath ?? join(repoRoot, 'manifest.yml'),
        site,
        sql: sqlService,
        route: gitHostRoute(stub),
        loadModule: prepared.loadModule,
        now: () => Date.now() + queueSkewMs,
      }).install();
    }, 120_000);

    afterAll(async () => {
      platform?.uninstall();
      await sqlService?.close();
      await stub?.close();
      cleanup?.();
    });

    const statementsOf = (invocationIds: Set<string>) =>
      sqlService.statements.filter((statement) => statement.invocationId !== undefined && invocationIds.has(statement.invocationId));
    const invocationsSince = (start: number) => new Set(platform.invocations.slice(start).map((invocation) => invocation.id));

    it('runs the whole path through the real SDK clients', async () => {
      // 1. Install: the lifecycle trigger brings the schema up to date through the DDL endpoint.
      let mark = platform.invocations.length;
      await platform.installApp(USERS.admin);
      const install = statementsOf(invocationsSince(mark));
      const [schemaVersion] = await sqlService.inspect<{ version: number }>('SELECT version FROM schema_version WHERE id = 1');
      expect(Number(schemaVersion?.version)).toBe(LATEST_SCHEMA_VERSION);
      const appDdl = MIGRATIONS.flatMap((step) => step.statements('mysql'));
      expect(install.filter((statement) => statement.endpoint === 'ddl').map((statement) => statement.query)).toEqual(expect.arrayContaining(appDdl));
      expect(install.filter(isSchemaChange).every((statement) => statement.endpoint === 'ddl')).toBe(true);

      // 2. The admin creates a GitHub account (ui-resolver, admin page), gives it a token, links a repository.
      const admin = (functionKey: string, payload: unknown) => platform.invokeResolver({ moduleKey: 'dvcs-accounts', functionKey, payload, accountId: USERS.admin });
      // The stand-in Git host's token is octo's, a member of octo-org: a credential must be able to read its account.
      const created = (await admin('createAccount', { provider: 'github', name: 'octo-org' })) as {
        ok: boolean;
        data: { accountId: string; webhookSecret: string; webhookUrl: string; callbackUrl: string };
      };
      expect(created).toMatchObject({ ok: true, data: { accountId: expect.stringMatching(/^acc_/) } });
      const { accountId, webhookSecret, webhookUrl } = created.data;
      // The URL is the one Forge's webTrigger.getUrl gave the app, with the account named in the query.
      expect(webhookUrl).toMatch(new RegExp(`^https://${platform.webtriggerHost.replace(/\./g, '\\.')}/x1/[\\w-]+\\?account=${accountId}$`));
      expect(await admin('useAccessToken', { accountId, token: stub.tokens.github })).toMatchObject({ ok: true });
      const linked = await admin('setRepositoryLinks', {
        accountId,
        changes: [{ providerRepoId: '186853002', fullName: 'Codertocat/Hello-World', url: 'https://github.com/Codertocat/Hello-World', linked: true }],
      });
      expect(linked).toEqual({ ok: true, data: { results: [{ fullName: 'Codertocat/Hello-World', linked: true, webhook: 'created' }] } });
      // A non-admin is refused on the back end.
      expect(await platform.invokeResolver({ moduleKey: 'dvcs-accounts', functionKey: 'getAdminOverview', accountId: USERS.developer })).toMatchObject({
        ok: false,
        error: { code: 'forbidden' },
      });

      // The webhook GitHub now holds points at the web trigger URL, signed with the account's secret.
      expect(stub.webhooks).toEqual([expect.objectContaining({ host: 'github', repository: 'Codertocat/Hello-World', url: webhookUrl, secret: webhookSecret })]);
      // Secrets went to Forge's secret store, never to SQL.
      const secretKeys = [...platform.kvs.secrets.keys()];
      expect(secretKeys).toEqual(expect.arrayContaining([`account:${accountId}:credentials`]));
      expect(secretKeys.every((key) => key.startsWith(`account:${accountId}:`))).toBe(true);
      expect(JSON.stringify([...platform.kvs.secrets.values()])).toContain(webhookSecret);
      const everySqlText = JSON.stringify(sqlService.statements.map((statement) => [statement.query, statement.params]));
      expect(everySqlText).not.toContain(webhookSecret);
      expect(everySqlText).not.toContain(stub.tokens.github);

      // 3. The backfill the link queued is delivered to the consumer, as Forge delivers async events.
      const backfills = await platform.deliverDueEvents();
      expect(backfills.map((event) => event.body.kind)).toContain('backfill');
      expect(backfills.every((event) => event.state === 'delivered')).toBe(true);

      // 4. GitHub delivers a signed push mentioning DEMO-1 to the URL it was given.
      const hook = stub.webhooks[0]!;
      const push = JSON.stringify(githubPush('main', [{ sha, message: 'DEMO-1 Fix the login redirect', timestamp: '2026-11-01T09:30:00Z' }]));
      mark = platform.invocations.length;
      const delivered = await platform.invokeWebtrigger(hook.url, { method: 'POST', headers: githubHeaders(hook.secret, 'push', push), body: push });
      expect(delivered).toMatchObject({ status: 200, headers: { 'Content-Type': ['application/json'] } });
      expect(JSON.parse(delivered.body)).toMatchObject({ ok: true });
      const webhookStatements = statementsOf(invocationsSince(mark));
      const forged = await platform.invokeWebtrigger(hook.url, { method: 'POST', headers: githubHeaders('not-the-secret', 'push', push), body: push.replace('Fix', 'Break') });
      expect(forged.status).toBe(401);
      await platform.deliverDueEvents();

      // The Jira sync the backfill and the push asked for (queued with a short delay): the consumer writes the
      // issue's summary property as the app, for JQL.
      queueSkewMs += 60_000;
      const syncs = await platform.deliverDueEvents();
      expect(syncs.map((event) => event.body.kind)).toEqual(expect.arrayContaining(['jira-sync']));
      const write = platform.product.find((request) => request.method === 'POST' && request.path === '/rest/api/3/issue/properties/multi');
      expect(write).toMatchObject({ principal: { kind: 'app' }, functionKey: platform.functionOf('backfill-consumer') });
      expect(site.issues.get('DEMO-1')?.properties.get('dvcs-link.summary')).toMatchObject({ commits: 1 });

      // 5. The Development panel on DEMO-1: a developer sees the commit; a viewer is refused.
      const panelAs = (accountId: string | undefined) =>
        platform.invokeResolver({
          moduleKey: 'development-panel',
          functionKey: 'getDevelopmentPanel',
          accountId,
          extension: { issue: { key: 'DEMO-1', id: '10100', type: 'Task' }, project: { key: 'DEMO', id: '10000', type: 'software' } },
        }) as Promise<{ ok: boolean; data: { access: string; commits?: { items: Array<{ sha?: string; summary?: string }> }; summary?: { commits: number }; message?: string } }>;
      mark = platform.invocations.length;
      const jiraMark = platform.product.length;
      const dana = await panelAs(USERS.developer);
      const panelStatements = statementsOf(invocationsSince(mark));
      const panelJira = platform.product.slice(jiraMark);
      expect(dana).toMatchObject({ ok: true, data: { access: 'granted', summary: { commits: 1 } } });
      expect(dana.data.commits?.items).toEqual([
        expect.objectContaining({
          sha,
          summary: 'DEMO-1 Fix the login redirect',
          repository: { name: 'Codertocat/Hello-World', url: 'https://github.com/Codertocat/Hello-World' },
        }),
      ]);
      const victor = await panelAs(USERS.viewer);
      expect(victor).toEqual({
        ok: true,
        data: { access: 'denied', issueKey: 'DEMO-1', message: 'You need the View Development Tools permission to see development information.' },
      });
      expect(JSON.stringify(victor)).not.toContain(sha);
      expect((await panelAs(USERS.opsOnly)).data.access).toBe('denied');
      // The permission is asked of Jira as the user behind each invocation, never as the app.
      const uiResolver = platform.functionOf('development-panel');
      const permissionChecks = platform.product.filter((request) => /mypermissions|permissions\/check/.test(request.path) && request.functionKey === uiResolver);
      expect(permissionChecks.map((request) => request.principal)).toEqual(
        expect.arrayContaining([
          { kind: 'user', accountId: USERS.developer },
          { kind: 'user', accountId: USERS.viewer },
        ]),
      );
      expect(permissionChecks.some((request) => request.principal.kind === 'app')).toBe(false);

      // What reached MariaDB, and how.
      const statements = sqlService.statements;
      // The one failure: the install's first read of the schema version, before its table exists (1146), which
      // the app takes as version 0. Nothing was refused.
      expect(statements.filter((statement) => statement.outcome === 'refused' || statement.outcome === 'error').map((statement) => [statement.errno, statement.query])).toEqual([
        [1146, expect.stringMatching(/^select .*schema_version/)],
      ]);
      expect(install[0]?.outcome).toBe('error');
      expect(statements.filter(isSchemaChange).every((statement) => statement.endpoint === 'ddl')).toBe(true);
      // The schema changed only in the install; the cold starts of the other functions sent no DDL at all.
      expect(statements.filter((statement) => statement.endpoint === 'ddl' && !install.includes(statement))).toEqual([]);
      expect(webhookStatements.length).toBeGreaterThan(0);
      expect(webhookStatements.every((statement) => statement.endpoint === 'execute')).toBe(true);
      // The panel's first call, warm: one permission request to Jira (as the user) and at most three reads.
      expect(panelJira).toEqual([expect.objectContaining({ principal: { kind: 'user', accountId: USERS.developer }, status: 200 })]);
      expect(panelStatements.length).toBeLessThanOrEqual(3);
      expect(panelStatements.every((statement) => statement.endpoint === 'execute' && statement.outcome === 'rows')).toBe(true);
      // A cold container reads the schema version once; a warm one does not read it again.
      const versionReads = (invocationId: string) => sqlService.statements.filter((statement) => statement.invocationId === invocationId && /schema_version/.test(statement.query));
      const lifecycle = platform.functionOf('lifecycle');
      for (const invocation of platform.invocations.filter((candidate) => candidate.functionKey !== lifecycle)) {
        expect([invocation.functionKey, invocation.coldStart, versionReads(invocation.id).length]).toEqual([
          invocation.functionKey,
          invocation.coldStart,
          invocation.coldStart ? 1 : 0,
        ]);
      }

      // Every platform call was one the local platform models; egress went only where the manifest allows.
      expect(platform.unsupported).toEqual([]);
      expect(platform.kvs.unsupported).toEqual([]);
      expect(platform.egress.length).toBeGreaterThan(0);
      expect(platform.egress.every((call) => call.allowed && new URL(call.url).host === 'api.github.com')).toBe(true);
      expect(platform.invocations.filter((invocation) => invocation.outcome !== 'ok')).toEqual([]);
      // What `forge logs` would show: the delivery stored, nothing logged as an error.
      expect(platform.logs.filter((line) => line.level === 'error')).toEqual([]);
      expect(platform.logs.some((line) => line.functionKey === platform.functionOf('github-webhook') && line.text.includes('webhook stored'))).toBe(true);
      // A container per function, cold once and warm afterwards.
      const cold = platform.invocations.filter((invocation) => invocation.coldStart).map((invocation) => invocation.functionKey);
      expect(new Set(cold).size).toBe(cold.length);

      report(variant, platform, sqlService, { install, webhook: webhookStatements, panel: panelStatements });
    }, 120_000);
  });
}

/** One line per phase in the test output: how many statements went where. */
function report(variant: string, platform: LocalForgePlatform, sql: ForgeSqlService, phases: Record<string, SqlStatementRecord[]>) {
  const count = (list: SqlStatementRecord[]) => `${list.length} (${list.filter((s) => s.endpoint === 'ddl').length} DDL endpoint)`;
  const lines = [
    `Forge SDK e2e (${variant}): ${sql.statements.length} SQL statements, ${platform.invocations.length} invocations (${platform.invocations.filter((i) => i.coldStart).length} cold), ${platform.egress.length} egress calls, ${platform.product.length} Jira requests, ${platform.events.pushes.length} queue pushes`,
    `  events: ${platform.events.queued.map((event) => `${String(event.body.kind)}${event.delayInSeconds ? `+${event.delayInSeconds}s` : ''} ${event.state}`).join(', ')}`,
    ...Object.entries(phases).map(([phase, list]) => `  ${phase}: ${count(list)}`),
  ];
  console.log(lines.join('\n'));
}

if (url) {
  describeForgeEndToEnd('TypeScript source', { databaseSuffix: '', prepare: async () => ({ loadModule: loadSource }) });
  if (existsSync(bundleHelper)) {
    describeForgeEndToEnd('bundled by @forge/bundler', {
      databaseSuffix: '_bundle',
      prepare: async () => {
        // Forge's own bundler (webpack, the app's tsconfig), as `forge deploy` runs it; cached per source hash.
        const { forgeBundle } = require(bundleHelper) as { forgeBundle: () => Promise<{ outDir: string; functions: Array<{ key: string; file: string; exportName: string }> }> };
        const bundle = await forgeBundle();
        const loadModule: ModuleLoader = (functionKey) => {
          const bundled = bundle.functions.find((fn) => fn.key === functionKey);
          if (!bundled) throw new Error(`The bundle has no function '${functionKey}'`);
          let loaded: Record<string, unknown> | undefined;
          jest.isolateModules(() => {
            loaded = require(bundled.file) as Record<string, unknown>;
          });
          return loaded!;
        };
        // The manifest as the deploy archive carries it (JSON, which the YAML reader takes as it is).
        return { loadModule, manifestPath: join(bundle.outDir, 'manifest.yml') };
      },
    });
  } else {
    // TODO(forge-bundle): run the same path on the webpack output `forge deploy` uploads, once
    // test/forge/forge-bundle.ts (bundleForgeApp(outDir), Forge's own @forge/bundler) exists.
    describe.skip('Forge SDK end to end (bundled by @forge/bundler): TODO, waits for test/forge/forge-bundle.ts', () => {
      it('runs the bundled handlers', () => undefined);
    });
  }
} else {
  if (process.env.CI) throw new Error('DVCS_TEST_MYSQL_URL must be set in CI: the Forge SDK end-to-end test cannot be skipped there.');
  describe.skip('Forge SDK end to end on MariaDB (set DVCS_TEST_MYSQL_URL to run)', () => {
    it('needs a server', () => undefined);
  });
}
