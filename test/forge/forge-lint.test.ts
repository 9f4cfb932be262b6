import { PermissionLinter } from '@forge/lint';
import type { ManifestSchema } from '@forge/manifest';
import { ConfigFile, FileSystemReader, FileSystemWriter } from '@forge/cli-shared';
import { formatProblems, lintForgeApp, type ForgeLintReport } from './forge-lint';

/**
 * Forge's own linter, with the client-side rules the Forge CLI runs before `forge deploy` (manifest rules,
 * handlers, scopes and egress checked against the calls in src/), offline. See forge-lint.ts.
 */
describe("Forge's linter (@forge/lint) on the app", () => {
  let report: ForgeLintReport;

  beforeAll(async () => {
    report = await lintForgeApp();
    console.log(`Forge lint: ${report.parsed.length} of ${report.listed.length} files under src/ parsed\n${report.text}`);
  }, 600_000);

  it('parses every .ts file under src/ (tsconfig.json include globs that the linter expands)', () => {
    const typescript = report.listed.filter((file) => /\.tsx?$/.test(file));
    expect(typescript).toContain('src/index.ts');
    expect(report.parsed).toEqual(typescript);
  });

  it('ran every rule (a rule that throws is skipped with only a log line)', () => {
    expect(report.linterFailures).toEqual([]);
  });

  it('reports no error', () => {
    expect(formatProblems(report.errors)).toBe(formatProblems([]));
  });

  it('reports no missing scope or permission, as error or warning', () => {
    expect(formatProblems(report.missingPermissions)).toBe(formatProblems([]));
  });

  it("sees the app's own Jira calls: with no scope in the manifest, it names the ones they need", async () => {
    const manifest = await new ConfigFile(new FileSystemReader(), new FileSystemWriter()).readConfig();
    const declared = (manifest.permissions?.scopes ?? []) as string[];
    const bare = { ...manifest, permissions: { ...manifest.permissions, scopes: [] } } as ManifestSchema;
    const found = await lintForgeApp({ manifest: bare, linters: (m, logger) => [new PermissionLinter('development', m, logger)] });
    const needed = new Map<string, string[]>();
    for (const problem of found.missingPermissions) {
      const scope = problem.missing!.replace(/^missingPermission: /, '');
      needed.set(scope, [...(needed.get(scope) ?? []), `${problem.file}:${problem.line}`]);
    }
    console.log(
      `Scopes the linter finds the code needs:\n${[...needed].map(([scope, calls]) => `  ${scope}: ${calls.length} calls (${calls.join(', ')})`).join('\n')}\n` +
        `Declared in manifest.yml but not tied to a call the linter can see: ${declared.filter((scope) => !needed.has(scope)).join(', ') || 'none'}`,
    );
    expect(needed.get('read:jira-work')?.length).toBeGreaterThan(0);
    for (const scope of needed.keys()) expect(declared).toContain(scope);
  }, 600_000);
});

describe("Forge's linter checks a Jira call's scopes against manifest.yml", () => {
  const fixture = 'test/forge/fixtures/time-tracking-call.ts';
  let manifest: ManifestSchema;
  const withScopes = (change: (scopes: string[]) => string[]): ManifestSchema => {
    const copy = structuredClone(manifest);
    copy.permissions = { ...copy.permissions, scopes: change((copy.permissions?.scopes ?? []) as string[]) };
    return copy;
  };
  const lintFixture = (fixtureManifest: ManifestSchema) =>
    lintForgeApp({ files: [fixture], manifest: fixtureManifest, linters: (m, logger) => [new PermissionLinter('development', m, logger)] });

  beforeAll(async () => {
    manifest = await new ConfigFile(new FileSystemReader(), new FileSystemWriter()).readConfig();
  });

  it('reports GET /rest/api/3/configuration/timetracking/options without manage:jira-configuration', async () => {
    const found = await lintFixture(withScopes((scopes) => scopes.filter((scope) => scope !== 'manage:jira-configuration')));
    expect(found.parsed).toEqual([fixture]);
    expect(found.missingPermissions).toEqual([expect.objectContaining({ file: fixture, line: 9, level: 'error', missing: 'missingPermission: manage:jira-configuration' })]);
    expect(found.missingPermissions[0]!.message).toContain('/rest/api/3/configuration/timetracking/options');
  }, 600_000);

  it('reports nothing once the manifest has the scope', async () => {
    const found = await lintFixture(withScopes((scopes) => [...scopes, 'manage:jira-configuration']));
    expect(found.parsed).toEqual([fixture]);
    expect(found.problems).toEqual([]);
  }, 600_000);
});
