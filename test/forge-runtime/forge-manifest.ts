import { readFileSync } from 'node:fs';
import { parse } from 'yaml';

/**
 * The parts of manifest.yml the local Forge platform acts on: which function a module invokes, each
 * function's handler and timeout, the consumer of each queue, the backend egress allow-list and the scopes.
 * Read from the real manifest, so a module or function renamed there is renamed here too.
 */
interface ManifestFunction {
  key: string;
  /** `index.uiResolverHandler`: the file (without extension) and the export. */
  handler: string;
  timeoutSeconds?: number;
}

export interface ManifestConsumer {
  key: string;
  queue: string;
  /** `resolver: { function, method }` (the 1.x form) or `function:` (the form @forge/events 2+ documents). */
  form: 'resolver' | 'function';
  function: string;
  method?: string;
}

/** manifest.yml as the YAML parser returns it, in the parts read here (any of which a manifest may leave out). */
interface RawManifest {
  app?: { id?: string; runtime?: { name?: string } };
  modules?: Record<string, Array<Record<string, unknown>>>;
  /** `external` as written (fetch, images, …): it goes into the invocation context as it is. */
  permissions?: { scopes?: string[]; external?: { fetch?: { backend?: Array<string | { address?: string; remote?: string }> } } & Record<string, unknown> };
}

export interface ForgeManifest {
  appId: string;
  runtime: string;
  functions: Map<string, ManifestFunction>;
  /** Every module by type, as written in the manifest. */
  modules: Record<string, Array<Record<string, unknown>>>;
  consumers: ManifestConsumer[];
  webtriggers: Array<{ key: string; function: string }>;
  triggers: Array<{ key: string; function: string; events: string[] }>;
  scopes: string[];
  backendEgress: string[];
  raw: RawManifest;
}

export function readForgeManifest(path: string): ForgeManifest {
  const raw = parse(readFileSync(path, 'utf8')) as RawManifest;
  const modules = raw.modules ?? {};
  const functions = new Map<string, ManifestFunction>();
  for (const entry of modules.function ?? []) {
    functions.set(String(entry.key), { key: String(entry.key), handler: String(entry.handler), timeoutSeconds: entry.timeoutSeconds as number | undefined });
  }
  const consumers: ManifestConsumer[] = (modules.consumer ?? []).map((entry) => {
    const resolver = entry.resolver as { function?: string; method?: string } | undefined;
    return resolver
      ? { key: String(entry.key), queue: String(entry.queue), form: 'resolver', function: String(resolver.function), method: String(resolver.method) }
      : { key: String(entry.key), queue: String(entry.queue), form: 'function', function: String(entry.function) };
  });
  const backend = raw.permissions?.external?.fetch?.backend ?? [];
  // A plain string or `{ address }`, as @forge/api's runtime permissions read them.
  const backendEgress = backend.map((item) => (typeof item === 'string' ? item : (item.address ?? ''))).filter(Boolean);
  const appIdMatch = /app\/([0-9a-f-]+)$/.exec(String(raw.app?.id ?? ''));
  return {
    appId: appIdMatch?.[1] ?? String(raw.app?.id ?? ''),
    runtime: String(raw.app?.runtime?.name ?? 'nodejs22.x'),
    functions,
    modules,
    consumers,
    webtriggers: (modules.webtrigger ?? []).map((entry) => ({ key: String(entry.key), function: String(entry.function) })),
    triggers: (modules.trigger ?? []).map((entry) => ({ key: String(entry.key), function: String(entry.function), events: (entry.events as string[]) ?? [] })),
    scopes: raw.permissions?.scopes ?? [],
    backendEgress,
    raw,
  };
}

/** The function a module invokes (`function:` or `resolver: { function }`), with the module's type. */
export function functionOfModule(manifest: ForgeManifest, moduleKey: string): { moduleType: string; functionKey: string } {
  for (const [moduleType, entries] of Object.entries(manifest.modules)) {
    if (moduleType === 'function') continue;
    for (const entry of entries) {
      if (entry.key !== moduleKey) continue;
      const functionKey = (entry.resolver as { function?: string } | undefined)?.function ?? (entry.function as string | undefined);
      if (functionKey) return { moduleType, functionKey };
    }
  }
  throw new Error(`manifest.yml has no module '${moduleKey}' that invokes a function`);
}

/** The function a UI module's resolver runs (`resolver: { function }`), found by module key. */
export function resolverFunctionOf(manifest: ForgeManifest, moduleKey: string): { moduleType: string; functionKey: string } {
  for (const [moduleType, entries] of Object.entries(manifest.modules)) {
    for (const entry of entries) {
      const resolver = entry.resolver as { function?: string } | undefined;
      if (entry.key === moduleKey && resolver?.function) return { moduleType, functionKey: resolver.function };
    }
  }
  throw new Error(`manifest.yml has no module '${moduleKey}' with a resolver function`);
}
