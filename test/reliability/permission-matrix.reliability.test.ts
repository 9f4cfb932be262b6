import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startSandbox } from '../../sandbox/sandbox-server';
import { updateAccount } from '../../src/account-admin/update-account';
import { encodeCursor } from '../../src/dev-info/item-cursor';
import { runInvocation } from '../../src/local/invocation-scope';
import { RESOLVER_NAMES, type ResolverName } from '../../src/resolvers/resolver-definitions';
import { memoryLogger, USERS } from '../support/sandbox-fixture';
import { report } from './report';
import { composeApp } from '../../src/app/compose-app';

/** Resolvers that act on the issue the panel is open on; every other resolver is for Jira admins. */
const PANEL_RESOLVERS = new Set<ResolverName>(['getDevelopmentPanel', 'getDevelopmentItems', 'getBranchOptions', 'createBranch']);
/** State-changing calls go last, so earlier cells see the seeded data. */
const LAST = ['regenerateWebhookSecret', 'deleteAccount'];

describe('permission matrix', () => {
  it('answers every resolver, for every seeded user and issue, with data only when Jira allows it', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'dvcs-matrix-'));
    // The demo data arrives as signed webhook deliveries, so the sandbox runs as a server.
    const fixture = await startSandbox({ port: 0, dataDir, demo: true, log: memoryLogger() });
    try {
      const db = fixture.ports.database.db;
      const account = await db.selectFrom('account').select('id').where('provider', '=', 'github').executeTakeFirstOrThrow();
      await updateAccount(fixture.ports, account.id, { settings: { allowBranchCreation: true } });
      const repository = await db.selectFrom('repository').select('id').where('account_id', '=', account.id).executeTakeFirstOrThrow();
      const commits = await db.selectFrom('dev_commit').select(['sha', 'message']).execute();
      // What a denied answer must never contain: any stored sha or commit message...
      // ...nor any build's or deployment's link (the demo data has two builds and two deployments).
      const builds = await db.selectFrom('dev_build').select('url').execute();
      const deployments = await db.selectFrom('dev_deployment').select('url').execute();
      expect([builds.length, deployments.length]).toEqual([2, 2]);
      const forbiddenText = [...commits.flatMap((commit) => [commit.sha.slice(0, 7), commit.message.split('\n')[0]!]), ...[...builds, ...deployments].map((row) => row.url)];
      const payloads: Record<string, unknown> = {
        createAccount: { provider: 'github', name: 'matrix' },
        updateAccount: { accountId: account.id, settings: { smartCommits: true } },
        useAccessToken: { accountId: account.id, token: 'ghp_matrix_token_0000000000' },
        listRemoteRepositories: { accountId: account.id },
        setRepositoryLinks: { accountId: account.id, changes: [{ providerRepoId: '77', fullName: 'a/b', url: 'https://github.com/a/b', linked: false }] },
        requestSync: { accountId: account.id, repositoryId: repository.id, mode: 'now' },
        setRepositoryProjects: { accountId: account.id, repositoryId: repository.id, projectKeys: null },
        setRepositorySmartCommits: { accountId: account.id, repositoryId: repository.id, enabled: true },
        diagnoseCommit: { query: commits[0]!.sha },
        getAdminOverview: {},
        getDevelopmentItems: { kind: 'commit', cursor: encodeCursor({ time: Date.now(), repositoryId: repository.id, itemKey: 'f'.repeat(40) }) },
        createBranch: { repositoryId: repository.id, name: 'DEMO-1-matrix', from: 'main' },
      };
      const users: Array<[string, string | undefined]> = [...Object.entries(USERS).filter(([role]) => role !== 'admin'), ['anonymous', undefined], ['admin', USERS.admin]];
      const issues = [...fixture.site.issues.keys()];
      const resolvers = [...RESOLVER_NAMES].sort((a, b) => Number(LAST.includes(a)) - Number(LAST.includes(b)));
      const counts = new Map<string, { allowed: number; denied: number }>();
      const mismatches: string[] = [];
      let cells = 0;

      for (const name of resolvers) {
        for (const [role, accountId] of users) {
          for (const issueKey of PANEL_RESOLVERS.has(name) ? issues : [undefined]) {
            const principal = { kind: 'user' as const, accountId };
            const expected = issueKey
              ? fixture.site.canBrowse(principal, issueKey.split('-')[0]!) && fixture.site.hasProjectPermission(principal, issueKey.split('-')[0]!, 'VIEW_DEV_TOOLS')
              : fixture.site.hasGlobal(principal, 'ADMINISTER');
            const context = { accountId, extension: issueKey ? { type: 'jira:issuePanel', issue: { key: issueKey } } : { type: 'jira:adminPage' } };
            const payload = payloads[name] ?? { accountId: account.id };
            const answer = (await runInvocation({ accountId }, () => composeApp(fixture.ports).resolvers[name]({ payload, context }))) as {
              ok: boolean;
              data?: { access?: string };
              error?: { code: string };
            };
            const denied = (!answer.ok && answer.error?.code === 'forbidden') || (answer.ok && answer.data?.access === 'denied');
            cells += 1;
            const cell = counts.get(role) ?? { allowed: 0, denied: 0 };
            cell[denied ? 'denied' : 'allowed'] += 1;
            counts.set(role, cell);
            if (denied === expected)
              mismatches.push(`${name} as ${role}${issueKey ? ` on ${issueKey}` : ''}: expected ${expected ? 'allowed' : 'denied'}, got ${JSON.stringify(answer).slice(0, 200)}`);
            if (denied) {
              const text = JSON.stringify(answer);
              const leaked = forbiddenText.find((fragment) => text.includes(fragment));
              if (leaked) mismatches.push(`${name} as ${role} leaked "${leaked}"`);
            }
          }
        }
      }
      report('Permission matrix (resolvers × users × issues)', {
        resolvers: resolvers.length,
        issues: issues.length,
        cells,
        ...Object.fromEntries([...counts].map(([role, cell]) => [role, `${cell.allowed} allowed, ${cell.denied} denied`])),
        mismatches: mismatches.length,
      });
      expect(mismatches).toEqual([]);
    } finally {
      await fixture.close();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
