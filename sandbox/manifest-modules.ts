import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parse } from 'yaml';

/** What the sandbox needs from manifest.yml, read from the real file so the two cannot drift apart. */
export interface ManifestModules {
  adminPage: { key: string; title: string; resource: string };
  issuePanel: { key: string; title: string; resource: string };
  webtriggers: string[];
  resources: Record<string, string>;
  /** `jira:entityProperty` modules: what Jira indexes for JQL. */
  entityProperties: Array<{ entityType: string; propertyKey: string; values: Array<{ path: string; type: string; searchAlias?: string }> }>;
}

interface RawManifest {
  modules: Record<string, Array<Record<string, unknown>>>;
  resources: Array<{ key: string; path: string }>;
}

export function readManifestModules(file = resolve('manifest.yml')): ManifestModules {
  const manifest = parse(readFileSync(file, 'utf8')) as RawManifest;
  const first = (type: string) => {
    const module = manifest.modules[type]?.[0];
    if (!module) throw new Error(`manifest.yml has no ${type} module`);
    return { key: String(module.key), title: String(module.title), resource: String(module.resource) };
  };
  return {
    adminPage: first('jira:adminPage'),
    issuePanel: first('jira:issuePanel'),
    webtriggers: (manifest.modules.webtrigger ?? []).map((module) => String(module.key)),
    entityProperties: (manifest.modules['jira:entityProperty'] ?? []).map((module) => ({
      entityType: typeof module.entityType === 'string' ? module.entityType : 'issue',
      propertyKey: String(module.propertyKey),
      values: (module.values as Array<{ path: string; type: string; searchAlias?: string }>) ?? [],
    })),
    resources: Object.fromEntries(manifest.resources.map((resource) => [resource.key, resolve(resource.path)])),
  };
}
