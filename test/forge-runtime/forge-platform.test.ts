import { mysqlUrlFor } from '../support/mysql';
import { join, resolve } from 'node:path';
import { loadSeed } from '../../sandbox/jira/jira-seed';
import { JiraSite } from '../../sandbox/jira/jira-site';
import { openForgeSqlService, type ForgeSqlService } from './forge-sql-service';
import { LocalForgePlatform, type LocalForgePlatformOptions } from './local-forge-platform';

/**
 * The local Forge platform, held to what the real SDK clients expect of Forge: each check calls an SDK
 * (`@forge/events`, `@forge/kvs`, `@forge/api`, `@forge/resolver`, `@forge/sql`) exactly as an app would,
 * inside an invocation, and asserts on what the SDK makes of the platform's answer. This is what makes
 * forge-sdk.e2e.test.ts mean something: the platform answers in the shapes, status codes and errors the
 * SDKs are written against, and refuses what Forge's documented limits refuse.
 */
const repoRoot = resolve(__dirname, '../..');
const USERS = { admin: '557058:admin-alice', developer: '557058:dev-dana' } as const;

type Sdk = {
  api: typeof import('@forge/api');
  events: typeof import('@forge/events');
  kvs: typeof import('@forge/kvs');
  resolver: typeof import('@forge/resolver');
  sql: typeof import('@forge/sql');
};

/** A platform, installed, with the SDKs loaded fresh after it (as the runtime exists before the app loads). */
function platformWithSdk(options: Partial<LocalForgePlatformOptions> = {}) {
  const platform = new LocalForgePlatform({
    manifestPath: join(repoRoot, 'manifest.yml'),
    site: new JiraSite(loadSeed(), () => new Date('2026-11-01T10:00:00.000Z')),
    loadModule: () => {
      throw new Error('no app module in this test');
    },
    ...options,
  }).install();
  let sdk: Sdk | undefined;
  jest.isolateModules(() => {
    sdk = { api: require('@forge/api'), events: require('@forge/events'), kvs: require('@forge/kvs'), resolver: require('@forge/resolver'), sql: require('@forge/sql') };
  });
  return { platform, sdk: sdk! };
}

const failure = (promise: Promise<unknown>) =>
  promise.then(
    () => undefined,
    (error: unknown) => error,
  );

describe('the local Forge platform, through the real SDK clients', () => {
  let current: LocalForgePlatform | undefined;
  afterEach(() => current?.uninstall());
  const setUp = (options: Partial<LocalForgePlatformOptions> = {}) => {
    const made = platformWithSdk(options);
    current = made.platform;
    return made;
  };

  describe('async events (@forge/events Queue)', () => {
    it('records a push and delivers the event to the consumer function, continuing the chain', async () => {
      const seen: Array<{ payload: unknown; jobId: unknown; accountId: unknown }> = [];
      const made = setUp({
        loadModule: () => ({
          // The manifest's consumer names a function (@forge/events 2+), which receives the event itself.
          backfillConsumerHandler: async (event: { body: { step: number }; jobId: string }, context: { principal?: { accountId?: string } }) => {
            seen.push({ payload: event.body, jobId: event.jobId, accountId: context?.principal?.accountId });
            if (event.body.step < 3) await new made.sdk.events.Queue({ key: 'backfill-queue' }).push({ body: { step: event.body.step + 1 } });
          },
        }),
      });
      const { platform, sdk } = made;
      const { jobId } = await platform.runAs('dvcs-accounts', () => new sdk.events.Queue({ key: 'backfill-queue' }).push({ body: { step: 1 }, delayInSeconds: 0 }), {
        accountId: USERS.admin,
      });
      expect(jobId).toMatch(/^[0-9a-f-]{36}$/);
      const delivered = await platform.deliverDueEvents();
      expect(seen).toEqual([
        { payload: { step: 1 }, jobId, accountId: undefined },
        { payload: { step: 2 }, jobId: expect.any(String), accountId: undefined },
        { payload: { step: 3 }, jobId: expect.any(String), accountId: undefined },
      ]);
      // One chain: the first push and the two the consumer made.
      expect(new Set(delivered.map((event) => event.chainId)).size).toBe(1);
      expect(platform.events.pushes.map((push) => push.status)).toEqual([201, 201, 201]);
    });

    it('refuses an event over 100 KB for a consumer with timeoutSeconds over 55, as PayloadTooBigError', async () => {
      const { platform, sdk } = setUp();
      const big = { body: { blob: 'x'.repeat(101 * 1024) } };
      const error = await failure(platform.runAs('dvcs-accounts', () => new sdk.events.Queue({ key: 'backfill-queue' }).push(big)));
      expect(error).toBeInstanceOf(sdk.events.PayloadTooBigError);
      expect(platform.events.pushes).toEqual([expect.objectContaining({ status: 413 })]);
      expect(platform.events.queued).toEqual([]);
      // Just under the limit is accepted.
      await platform.runAs('dvcs-accounts', () => new sdk.events.Queue({ key: 'backfill-queue' }).push({ body: { blob: 'x'.repeat(99 * 1024) } }));
      expect(platform.events.queued).toHaveLength(1);
    });

    it('leaves 50 events and 200 KB per push to the SDK, which refuses more before sending anything', async () => {
      const { platform, sdk } = setUp();
      const queue = () => new sdk.events.Queue({ key: 'backfill-queue' });
      const tooMany = Array.from({ length: 51 }, (_, index) => ({ body: { index } }));
      expect(await failure(platform.runAs('dvcs-accounts', () => queue().push(tooMany)))).toBeInstanceOf(sdk.events.TooManyEventsError);
      const heavy = Array.from({ length: 3 }, () => ({ body: { blob: 'y'.repeat(70 * 1024) } }));
      expect(await failure(platform.runAs('dvcs-accounts', () => queue().push(heavy)))).toBeInstanceOf(sdk.events.PayloadTooBigError);
      expect(platform.events.pushes).toEqual([]);
    });

    it('answers the 1,001st push request of one chain with InvocationLimitReachedError', async () => {
      let clock = Date.parse('2026-11-01T10:00:00Z');
      const { platform, sdk } = setUp({ now: () => clock });
      const queue = new sdk.events.Queue({ key: 'backfill-queue' });
      const error = await platform.runAs('hourly-reconciliation', async () => {
        for (let push = 1; push <= 1000; push += 1) {
          // Keep under 500 events a minute, which is a separate limit.
          if (push % 400 === 0) clock += 60_000;
          await queue.push({ body: { push } });
        }
        return failure(queue.push({ body: { push: 1001 } }));
      });
      expect(error).toBeInstanceOf(sdk.events.InvocationLimitReachedError);
      expect(platform.events.pushes.filter((push) => push.status === 201)).toHaveLength(1000);
      // A new invocation starts a new chain.
      await platform.runAs('hourly-reconciliation', () => queue.push({ body: { fresh: true } }));
      expect(platform.events.pushes.at(-1)?.status).toBe(201);
    });

    it('answers more than 500 events a minute with RateLimitError', async () => {
      const { platform, sdk } = setUp({ now: () => Date.parse('2026-11-01T10:00:00Z') });
      const queue = new sdk.events.Queue({ key: 'backfill-queue' });
      const fifty = Array.from({ length: 50 }, (_, index) => ({ body: { index } }));
      for (let push = 0; push < 10; push += 1) await platform.runAs('hourly-reconciliation', () => queue.push(fifty));
      expect(await failure(platform.runAs('hourly-reconciliation', () => queue.push({ body: { one: 'more' } })))).toBeInstanceOf(sdk.events.RateLimitError);
    });
  });

  describe('secrets (@forge/kvs)', () => {
    it('stores, reads and deletes secrets, apart from plain values', async () => {
      const { platform, sdk } = setUp();
      const { kvs } = sdk.kvs;
      await platform.runAs('dvcs-accounts', async () => {
        expect(await kvs.getSecret('account:acc_1:credentials')).toBeUndefined();
        await kvs.setSecret('account:acc_1:credentials', '{"accessToken":"t"}');
        expect(await kvs.getSecret('account:acc_1:credentials')).toBe('{"accessToken":"t"}');
        expect(await kvs.get('account:acc_1:credentials')).toBeUndefined();
        await kvs.deleteSecret('account:acc_1:credentials');
        await kvs.deleteSecret('account:acc_1:credentials');
        expect(await kvs.getSecret('account:acc_1:credentials')).toBeUndefined();
      });
      expect(platform.kvs.requests.map((request) => `${request.path} ${request.status}`)).toEqual([
        '/api/v1/secret/get 404',
        '/api/v1/secret/set 204',
        '/api/v1/secret/get 200',
        '/api/v1/get 404',
        '/api/v1/secret/delete 204',
        '/api/v1/secret/delete 404',
        '/api/v1/secret/get 404',
      ]);
    });

    it('refuses keys Forge refuses, with the documented error codes', async () => {
      const { platform, sdk } = setUp();
      const error = (await failure(platform.runAs('dvcs-accounts', () => sdk.kvs.kvs.setSecret('account/acc_1', 'x')))) as { code?: string; responseDetails?: { status: number } };
      expect(error).toBeInstanceOf(sdk.kvs.ForgeKvsAPIError);
      expect(error).toMatchObject({ code: 'INVALID_KEY', responseDetails: { status: 400 } });
      expect(await failure(platform.runAs('dvcs-accounts', () => sdk.kvs.kvs.setSecret('k'.repeat(501), 'x')))).toMatchObject({ code: 'KEY_TOO_LONG' });
    });
  });

  describe('product requests and web trigger URLs (@forge/api)', () => {
    it('calls Jira as the invocation user with asUser() and as the app with asApp(); asUser() without a user needs authentication', async () => {
      const { platform, sdk } = setUp();
      const { asApp, asUser, route } = sdk.api;
      const me = await platform.runAs('dvcs-accounts', async () => (await asUser().requestJira(route`/rest/api/3/myself`)).json(), { accountId: USERS.developer });
      expect(me).toMatchObject({ accountId: USERS.developer });
      const project = await platform.runAs('github-webhook', async () => (await asApp().requestJira(route`/rest/api/3/project/search?keys=${'DEMO'}`)).status);
      expect(project).toBe(200);
      const error = await failure(platform.runAs('github-webhook', () => asUser().requestJira(route`/rest/api/3/myself`)));
      expect(error).toBeInstanceOf(sdk.api.NeedsAuthenticationError);
      expect(platform.product.map((request) => request.principal)).toEqual([{ kind: 'user', accountId: USERS.developer }, { kind: 'app' }]);
    });

    it('hands out a stable web trigger URL per module and refuses a module the manifest lacks', async () => {
      const { platform, sdk } = setUp();
      const { webTrigger } = sdk.api;
      const first = await platform.runAs('dvcs-accounts', () => webTrigger.getUrl('github-webhook'));
      expect(first).toMatch(new RegExp(`^https://${platform.installationId}\\.hello\\.atlassian-dev\\.net/x1/[\\w-]+$`));
      expect(await platform.runAs('hourly-reconciliation', () => webTrigger.getUrl('github-webhook'))).toBe(first);
      expect(await platform.runAs('dvcs-accounts', () => webTrigger.getUrl('bitbucket-webhook'))).not.toBe(first);
      expect(await failure(platform.runAs('dvcs-accounts', () => webTrigger.getUrl('no-such-trigger')))).toEqual(
        new Error('Internal error occurred: Failed to get web trigger URL.'),
      );
    });

    // manifest.yml allows '*' (README, "Reaching a customer's own server"): Forge lets any HTTPS host through,
    // never plain HTTP; which hosts the app calls is then its own check (src/git-hosts/egress-check.ts).
    it("applies the manifest's backend egress: any HTTPS host under its wildcard, never HTTP", async () => {
      const { platform, sdk } = setUp({ route: () => 'data:application/json,{"login":"octo"}' });
      const { fetch } = sdk.api;
      const statuses = await platform.runAs('hourly-reconciliation', async () => [
        (await fetch('https://api.github.com/user')).status,
        (await fetch('https://example.com/')).status,
        (await fetch('http://api.github.com/user')).status,
        (await fetch('https://evil.api.github.com/')).status,
      ]);
      expect(statuses).toEqual([200, 200, 403, 200]);
      expect(platform.egress.map((call) => call.allowed)).toEqual([true, true, false, true]);
    });
  });
});

/** Forge SQL needs a MySQL-compatible server; the same rule as the end-to-end test applies. */
const url = process.env.DVCS_TEST_MYSQL_URL;
if (url) {
  describe('the local Forge platform, through @forge/sql, on MariaDB', () => {
    let sqlService: ForgeSqlService;
    let platform: LocalForgePlatform;
    let sdk: Sdk;
    beforeAll(async () => {
      // A database of this suite's own, whatever the URL names: suites run side by side.
      sqlService = await openForgeSqlService(mysqlUrlFor('dvcs_forge_e2e_platform'));
      ({ platform, sdk } = platformWithSdk({ sql: sqlService }));
    });
    afterAll(async () => {
      platform?.uninstall();
      await sqlService?.close();
    });

    it('runs DDL only through the DDL endpoint, and answers reads and writes in the shapes @forge/sql parses', async () => {
      const { sql } = sdk.sql;
      await platform.runAs('lifecycle', async () => {
        const refused = (await failure(sql.executeRaw('CREATE TABLE city (id INT PRIMARY KEY, name VARCHAR(64), founded DATETIME)'))) as {
          code?: string;
          context?: { debug?: { errno?: number } };
        };
        expect(refused).toBeInstanceOf(sdk.sql.ForgeSQLAPIError);
        expect(refused).toMatchObject({ code: sdk.sql.errorCodes.SQL_EXECUTION_ERROR, context: { debug: { errno: 1142 } } });
        await sql.executeDDL('CREATE TABLE city (id INT PRIMARY KEY, name VARCHAR(64), founded DATETIME)');
        const inserted = await sql.prepare('INSERT INTO city (id, name, founded) VALUES (?, ?, ?)').bindParams(1, 'Sydney', '1788-01-26 00:00:00').execute();
        expect(inserted.rows).toEqual({ affectedRows: 1, fieldCount: 0, info: '', insertId: 0, serverStatus: expect.any(Number), warningStatus: 0 });
        const read = await sql.prepare<{ id: number; name: string; founded: string }>('SELECT id, name, founded FROM city WHERE name = ?').bindParams('Sydney').execute();
        expect(read.rows).toEqual([{ id: 1, name: 'Sydney', founded: '1788-01-26 00:00:00' }]);
        expect(read.metadata).toMatchObject({
          fields: [expect.objectContaining({ name: 'id', orgTable: 'city' }), expect.objectContaining({ name: 'name' }), expect.objectContaining({ name: 'founded' })],
        });
        const broken = (await failure(sql.executeRaw('SELEC 1'))) as { code?: string; context?: { debug?: { errno?: number; sqlMessage?: string } } };
        expect(broken).toMatchObject({ code: 'SQL_EXECUTION_ERROR', context: { debug: { errno: 1064, sqlMessage: expect.stringContaining('syntax') } } });
      });
      expect(sqlService.statements.map((statement) => `${statement.endpoint} ${statement.outcome}`)).toEqual([
        'execute refused',
        'ddl write',
        'execute write',
        'execute rows',
        'execute error',
      ]);
    });

    it("runs @forge/sql's own migration runner (DDL endpoint for the schema and its listing, DML for its bookkeeping)", async () => {
      const { migrationRunner } = sdk.sql;
      const ran = await platform.runAs('lifecycle', () => migrationRunner.enqueue('v001_create_town', 'CREATE TABLE IF NOT EXISTS town (id INT PRIMARY KEY)').run());
      expect(ran).toEqual(['v001_create_town']);
      const listed = await platform.runAs('lifecycle', () => migrationRunner.list());
      expect(listed).toEqual([{ id: 1, name: 'v001_create_town', migratedAt: expect.any(Date) }]);
      expect(Number.isNaN(listed[0]!.migratedAt.getTime())).toBe(false);
    });
  });
} else {
  if (process.env.CI) throw new Error('DVCS_TEST_MYSQL_URL must be set in CI: the Forge SQL platform checks cannot be skipped there.');
  describe.skip('the local Forge platform, through @forge/sql, on MariaDB (set DVCS_TEST_MYSQL_URL to run)', () => {
    it('needs a server', () => undefined);
  });
}
