import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';
import { parse } from 'yaml';
import { readSharedFixture } from '../support/shared-fixtures';

/**
 * Every Jira operation the app calls, found in the source (each call is written
 * `requestJira(route\`…\`, { method: '…' })`), matched to Jira's published OpenAPI descriptions and checked
 * against the scopes manifest.yml declares. Forge's linter does the same from its side; this table is ours
 * to read, and it covers what the linter cannot see (operations without scopes in the descriptions).
 */
interface JiraCall {
  method: string;
  template: string;
  file: string;
}

interface Operation {
  method: string;
  path: string;
  scopes: string[];
  source: string;
}

const ROOT = join(__dirname, '..', '..');

function sourceFiles(folder: string): string[] {
  return readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name) ? [path] : [];
  });
}

/** `requestJira(route\`/rest/api/3/issue/${key}\`, { method: 'POST' })` → POST /rest/api/3/issue/{} */
function jiraCalls(): JiraCall[] {
  const calls: JiraCall[] = [];
  for (const file of sourceFiles(join(ROOT, 'src'))) {
    const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.ES2022, true);
    const visit = (node: ts.Node) => {
      if (ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression) && node.expression.name.text === 'requestJira') {
        const [endpoint, init] = node.arguments;
        if (endpoint && ts.isTaggedTemplateExpression(endpoint) && endpoint.tag.getText(source) === 'route') {
          const template = ts.isNoSubstitutionTemplateLiteral(endpoint.template)
            ? endpoint.template.text
            : [endpoint.template.head.text, ...endpoint.template.templateSpans.map((span) => `{}${span.literal.text}`)].join('');
          const methodProperty = init && ts.isObjectLiteralExpression(init) ? init.properties.find((property) => property.name?.getText(source) === 'method') : undefined;
          const method = methodProperty && ts.isPropertyAssignment(methodProperty) && ts.isStringLiteral(methodProperty.initializer) ? methodProperty.initializer.text : 'GET';
          calls.push({ method, template, file: relative(ROOT, file) });
        } else if (!file.includes('/forge/')) {
          throw new Error(
            `${relative(ROOT, file)}:${source.getLineAndCharacterOfPosition(node.getStart()).line + 1}: call requestJira with a route\`…\` template, so Forge's linter can check its scope.`,
          );
        }
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
  }
  return calls;
}

function operationsOf(
  description: { paths: Record<string, Record<string, { 'x-atlassian-oauth2-scopes'?: Array<{ scopes: string[]; state: string }> }>> },
  source: string,
): Operation[] {
  return Object.entries(description.paths).flatMap(([path, methods]) =>
    Object.entries(methods)
      .filter(([method]) => ['get', 'post', 'put', 'delete', 'patch'].includes(method))
      .map(([method, operation]) => ({
        method: method.toUpperCase(),
        path,
        // The classic scopes ("Current") are the ones the manifest uses.
        scopes: operation['x-atlassian-oauth2-scopes']?.find((entry) => entry.state === 'Current')?.scopes ?? [],
        source,
      })),
  );
}

/**
 * Operations whose scopes the descriptions do not carry, with the scope Atlassian names for them elsewhere:
 * - development information (Jira Software's OAuth 2.0 scopes `write:dev-info:jira` / `delete:dev-info:jira`;
 *   the 2024-03 description lists none for /rest/devinfo/0.10);
 * - the enhanced JQL search, added after the 2024-03 descriptions (its reference page lists read:jira-work).
 */
const DOCUMENTED: Record<string, string[]> = {
  'POST /rest/devinfo/0.10/bulk': ['write:dev-info:jira'],
  'DELETE /rest/devinfo/0.10/repository/{repositoryId}': ['delete:dev-info:jira'],
  'DELETE /rest/devinfo/0.10/repository/{repositoryId}/{entityType}/{entityId}': ['delete:dev-info:jira'],
  'POST /rest/api/3/search/jql': ['read:jira-work'],
  'POST /rest/builds/0.1/bulk': ['write:build-info:jira'],
  'POST /rest/deployments/0.1/bulk': ['write:deployment-info:jira'],
};

function matches(template: string, path: string): boolean {
  const called = template.split('?')[0]!.split('/');
  const described = path.split('/');
  return called.length === described.length && called.every((segment, index) => segment === described[index] || (segment === '{}' && /^\{.+\}$/.test(described[index]!)));
}

describe('the Jira operations the app calls, and the scopes they need', () => {
  const platform = JSON.parse(readSharedFixture('jira-openapi', 'jira-platform.v3.json'));
  const software = JSON.parse(readSharedFixture('jira-openapi', 'jira-software.v3.json'));
  const operations = [...operationsOf(platform, 'platform'), ...operationsOf(software, 'software')];
  const manifestScopes = (parse(readFileSync(join(ROOT, 'manifest.yml'), 'utf8')).permissions.scopes as Array<string | Record<string, unknown>>).map((scope) =>
    typeof scope === 'string' ? scope : Object.keys(scope)[0]!,
  );
  const calls = jiraCalls();

  it('finds every call, each one written with route`…` and a literal method', () => {
    expect(calls.length).toBeGreaterThanOrEqual(15);
  });

  it('matches each call to a published operation whose scopes manifest.yml declares', () => {
    const rows: string[] = [];
    const problems: string[] = [];
    const used = new Set<string>();
    const seen = new Set<string>();
    for (const call of calls) {
      const candidates = operations.filter((operation) => operation.method === call.method && matches(call.template, operation.path));
      // A literal segment beats a parameter: /issue/properties/multi is not /issue/{issueIdOrKey}/properties/{propertyKey}.
      const operation = candidates.sort((a, b) => (b.path.match(/\{/g)?.length ?? 0) - (a.path.match(/\{/g)?.length ?? 0)).pop();
      const key = operation ? `${operation.method} ${operation.path}` : `${call.method} ${call.template.split('?')[0]}`;
      const scopes = DOCUMENTED[key] ?? operation?.scopes;
      if (!operation && !DOCUMENTED[key]) problems.push(`${call.file}: ${call.method} ${call.template} matches no operation in Jira's descriptions`);
      if (!scopes) continue;
      for (const scope of scopes) used.add(scope);
      const missing = scopes.filter((scope) => !manifestScopes.includes(scope));
      if (missing.length > 0) problems.push(`${call.file}: ${key} needs ${missing.join(', ')}, which manifest.yml does not declare`);
      if (seen.has(key)) continue;
      seen.add(key);
      rows.push(`${key.padEnd(80)} ${(scopes.join(', ') || '(none)').padEnd(24)} ${operation?.source ?? 'documented'}  ${call.file}`);
    }
    console.log(['Jira operations the app calls (operation, scopes, description, first call site):', ...rows.sort()].join('\n'));
    expect(problems).toEqual([]);
    // No admin scope is needed: #time sends Jira's duration format, which Jira converts with the site's settings.
    expect(used.has('manage:jira-configuration')).toBe(false);
    expect(manifestScopes).not.toContain('manage:jira-configuration');
  });

  it('declares no Jira scope that no call needs', () => {
    const needed = new Set(
      calls.flatMap((call) => {
        const operation = operations
          .filter((candidate) => candidate.method === call.method && matches(call.template, candidate.path))
          .sort((a, b) => (b.path.match(/\{/g)?.length ?? 0) - (a.path.match(/\{/g)?.length ?? 0))
          .pop();
        return DOCUMENTED[operation ? `${operation.method} ${operation.path}` : `${call.method} ${call.template.split('?')[0]}`] ?? operation?.scopes ?? [];
      }),
    );
    // storage:app is for Forge's KVS (secrets), not Jira.
    expect(manifestScopes.filter((scope) => scope !== 'storage:app' && !needed.has(scope))).toEqual([]);
  });
});
