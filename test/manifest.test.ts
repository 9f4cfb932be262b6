import Ajv from 'ajv';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';

/** A module as manifest.yml writes it: a key, the fields read here, and whatever else its type takes. */
type ManifestModule = Record<string, unknown> & { key: string; function?: string; handler?: string; resolver?: { function?: string }; icon?: string };

type Manifest = {
  modules: Record<string, ManifestModule[]>;
  resources: Array<{ key: string; path: string }>;
  permissions: { scopes: string[]; external: { fetch: { backend: Array<{ address: string }> } } };
};

// The package's exports map hides this file from import, so it is read from where npm installs it.
const schema = JSON.parse(readFileSync('node_modules/@forge/manifest/out/schema/manifest-schema.json', 'utf8')) as object;
const manifest = parse(readFileSync('manifest.yml', 'utf8')) as Manifest;
const validate = new Ajv({ allErrors: true, strict: false, logger: false }).compile(schema);

describe('manifest.yml', () => {
  it('is valid against the JSON schema shipped in @forge/manifest', () => {
    const valid = validate(manifest);
    expect(validate.errors ?? []).toEqual([]);
    expect(valid).toBe(true);
  });

  it('is rejected by the same schema when a module loses a required field', () => {
    const broken = structuredClone(manifest);
    delete broken.modules.webtrigger![0]!.function;
    expect(validate(broken)).toBe(false);
  });

  it('declares every module the product needs', () => {
    const keys = (type: string) => (manifest.modules[type] ?? []).map((module) => module.key);
    expect(keys('jira:adminPage')).toEqual(['dvcs-accounts']);
    expect(keys('jira:issuePanel')).toEqual(['development-panel']);
    expect(keys('webtrigger').sort()).toEqual(['bitbucket-dc-webhook', 'bitbucket-webhook', 'github-webhook', 'gitlab-webhook', 'oauth-callback']);
    expect(manifest.modules.scheduledTrigger?.[0]?.interval).toBe('hour');
    expect(keys('consumer')).toEqual(['backfill-consumer']);
    expect(manifest.modules.sql?.[0]?.engine).toBe('mysql');
    expect(manifest.permissions.scopes).toEqual(expect.arrayContaining(['read:jira-work', 'write:jira-work', 'read:jira-user', 'storage:app']));
    expect(manifest.permissions.external.fetch.backend.map((entry) => entry.address)).toEqual(
      expect.arrayContaining(['https://api.github.com', 'https://github.com', 'https://api.bitbucket.org', 'https://bitbucket.org', 'https://gitlab.com']),
    );
    // Customers' own servers (README, "Reaching a customer's own server"): any host, the app allowing only linked ones.
    expect(manifest.permissions.external.fetch.backend.filter((entry) => entry.address.includes('*')).map((entry) => entry.address)).toEqual(['*']);
  });

  it('keeps every key unique across all modules, functions included, as Forge requires', () => {
    // Forge's linter refuses a duplicate ("found duplicate module key"); test/forge/forge-lint.test.ts runs it.
    const keys = Object.values(manifest.modules)
      .flat()
      .map((module) => module.key);
    expect(keys.filter((key, index) => keys.indexOf(key) !== index)).toEqual([]);
    // Code asks for webtrigger URLs by module key (webTrigger.getUrl('github-webhook')), so those keep their names.
    expect(manifest.modules.function!.map((fn) => fn.key)).toEqual(
      expect.arrayContaining(['github-webhook-fn', 'bitbucket-webhook-fn', 'oauth-callback-fn', 'backfill-consumer-fn', 'jira-sync-fn', 'lifecycle-fn']),
    );
  });

  it('names only functions that exist, and only handlers that src/index.ts exports', async () => {
    const functions = new Map((manifest.modules.function ?? []).map((fn) => [fn.key, fn.handler as string]));
    const referenced = Object.values(manifest.modules)
      .flat()
      .flatMap((module) => [module.function, module.resolver?.function].filter((name): name is string => typeof name === 'string'));
    expect(referenced.length).toBeGreaterThan(0);
    for (const name of referenced) expect(functions.has(name)).toBe(true);

    const entry = (await import('../src/index')) as Record<string, unknown>;
    for (const handler of functions.values()) {
      const [file, exported] = handler.split('.');
      expect(file).toBe('index');
      expect(typeof entry[exported!]).toBe('function');
    }
  });

  it('points every resource at a built Custom UI app, and the panel icon at a built file', () => {
    for (const resource of manifest.resources) {
      expect(existsSync(join(resource.path, 'index.html'))).toBe(true);
    }
    const icon = manifest.modules['jira:issuePanel']![0]!.icon as string;
    const [, resourceKey, file] = /^resource:([^;]+);(.+)$/.exec(icon) ?? [];
    const resource = manifest.resources.find((candidate) => candidate.key === resourceKey);
    expect(resource).toBeDefined();
    expect(existsSync(join(resource!.path, file!))).toBe(true);
  });
});
