import { AsyncLocalStorage } from 'node:async_hooks';
import { createHash, randomUUID } from 'node:crypto';
import { contractCheckedJira } from '../../sandbox/jira/contract/jira-contract';
import { jiraRestHandler } from '../../sandbox/jira/jira-rest';
import type { JiraSite } from '../../sandbox/jira/jira-site';
import type { JiraPrincipal } from '../../src/local/local-jira';
import { egressFetch, type EgressRecord } from './forge-egress';
import { ForgeEventsService, type InvocationChain, type QueuedEvent } from './forge-events-service';
import { ForgeKvsService } from './forge-kvs-service';
import { functionOfModule, readForgeManifest, resolverFunctionOf, type ForgeManifest } from './forge-manifest';
import type { ForgeSqlService } from './forge-sql-service';
import { requestText } from './request-body';

/**
 * A local Forge platform: what the real `@forge/api`, `@forge/sql`, `@forge/kvs`, `@forge/events` and
 * `@forge/resolver` clients need from Forge's runtime, so that the app's handlers run unchanged, through
 * those clients, with no Forge adapter swapped out.
 *
 * The SDKs reach the platform through two globals the Forge runtime provides:
 * - `global.__forge_runtime__` (node_modules/@forge/api/out/api/runtime.d.ts `ForgeRuntime`): the app
 *   context, proxy, tracing, metrics, lambda context. Here it is a getter bound to the current invocation
 *   (an AsyncLocalStorage), as each Forge invocation sees its own.
 * - `global.__forge_fetch__(target, path, init)`: every platform call. `target.type` says where it goes:
 *   `fpp` (product APIs; `remote: 'jira'` is Jira, `remote: 'stargate'` is Atlassian's gateway, which
 *   serves GraphQL for web trigger URLs and the async-events queue), `sql`, `kvs`. Errors the proxy raises
 *   itself come back as a `forge-proxy-error` header, which `handleProxyResponseErrors` turns into
 *   NeedsAuthenticationError / ProxyRequestError.
 * and through the global `fetch`, which Forge's runtime replaces with its egress-controlled one
 * (./forge-egress.ts).
 *
 * Handlers are invoked as Forge invokes them (see each `invoke…` method), each function key in its own
 * "container": the module its handler names is loaded on that function's first invocation (a cold start)
 * and kept for the next ones (warm), so module-level caches behave as they do on Forge.
 */
export interface LocalForgePlatformOptions {
  manifestPath: string;
  site: JiraSite;
  /** Forge SQL; without it, SQL requests fail (for tests of the other services). */
  sql?: ForgeSqlService;
  /** Loads the file a handler names (`index` for `index.uiResolverHandler`) for a new container. */
  loadModule: (functionKey: string, file: string) => Record<string, unknown>;
  /** Where an allowed egress URL is served from in this test (undefined: no route, the call fails). */
  route?: (url: URL) => string | undefined;
  cloudId?: string;
  /** The platform's clock (queue delays, the events-per-minute window); the wall clock unless a test moves it. */
  now?: () => number;
}

export interface Invocation {
  id: string;
  functionKey: string;
  moduleKey: string;
  moduleType: string;
  /** The user the invocation runs for (resolvers); undefined for webtriggers, triggers and consumers. */
  accountId: string | undefined;
  chain: InvocationChain;
  startedAt: number;
  timeoutMs: number;
  runtime: Record<string, unknown>;
}

export interface InvocationRecord {
  id: string;
  functionKey: string;
  moduleKey: string;
  kind: 'resolver' | 'webtrigger' | 'trigger' | 'consumer' | 'scheduled' | 'direct';
  accountId: string | undefined;
  coldStart: boolean;
  durationMs: number;
  outcome: 'ok' | 'error' | 'timeout';
  error?: string;
}

/** A line the app wrote to the console during an invocation, as `forge logs` would show it. */
export interface LogRecord {
  invocationId: string;
  functionKey: string;
  level: 'log' | 'info' | 'warn' | 'error' | 'debug';
  text: string;
}

export interface ProductRecord {
  functionKey: string | undefined;
  principal: JiraPrincipal;
  method: string;
  path: string;
  status: number;
}

export interface WebtriggerAnswer {
  status: number;
  headers: Record<string, string[]>;
  body: string;
}

/** Forge's documented maximum runtimes (Atlassian "Invocation limits"), in seconds. */
const TIMEOUTS = { ui: 25, webtrigger: 55, asyncDefault: 55 } as const;

const proxyError = (status: number, code: string) => new Response(null, { status, headers: { 'forge-proxy-error': code } });

export class LocalForgePlatform {
  readonly manifest: ForgeManifest;
  readonly kvs = new ForgeKvsService();
  readonly events: ForgeEventsService;
  readonly egress: EgressRecord[] = [];
  readonly product: ProductRecord[] = [];
  readonly invocations: InvocationRecord[] = [];
  /** Platform calls the local platform does not model: a test should expect this to stay empty. */
  readonly unsupported: string[] = [];
  readonly metrics = new Map<string, number>();
  /** Console output of the app's invocations (kept here rather than printed, as Forge keeps it for `forge logs`). */
  readonly logs: LogRecord[] = [];
  readonly cloudId: string;
  readonly installationId = randomUUID();
  readonly environmentId = randomUUID();
  readonly appVersion = '2.0.0';
  readonly webtriggerUrls = new Map<string, string>();

  private readonly scope = new AsyncLocalStorage<Invocation>();
  private readonly containers = new Map<string, Record<string, unknown>>();
  private readonly jira: ReturnType<typeof jiraRestHandler>;
  private saved: { fetch: typeof fetch; forgeFetch: PropertyDescriptor | undefined; runtime: PropertyDescriptor | undefined; console: Partial<Console> } | undefined;
  private installed = false;

  constructor(private readonly options: LocalForgePlatformOptions) {
    this.manifest = readForgeManifest(options.manifestPath);
    this.events = new ForgeEventsService(this.manifest, options.now ?? Date.now);
    this.cloudId = options.cloudId ?? randomUUID();
    // Held to Jira's OpenAPI description, as in the sandbox (a mismatch fails the test: jira-contract-setup.ts).
    this.jira = contractCheckedJira(jiraRestHandler(options.site));
  }

  get contextAri(): string {
    return `ari:cloud:jira::site/${this.cloudId}`;
  }

  get sqlStatements() {
    return this.options.sql?.statements ?? [];
  }

  /** Puts `__forge_fetch__`, `__forge_runtime__` and the egress-controlled `fetch` in place. Call before the app loads. */
  install(): this {
    if (this.installed) return this;
    const host = globalThis as Record<string, unknown>;
    const original = globalThis.fetch;
    this.saved = {
      fetch: original,
      forgeFetch: Object.getOwnPropertyDescriptor(host, '__forge_fetch__'),
      runtime: Object.getOwnPropertyDescriptor(host, '__forge_runtime__'),
      console: {},
    };
    for (const level of ['log', 'info', 'warn', 'error', 'debug'] as const) {
      // eslint-disable-next-line @typescript-eslint/unbound-method -- saved by identity to restore later, and only ever called with console as `this`
      const original = console[level];
      this.saved.console[level] = original;
      console[level] = (...args: unknown[]) => {
        const invocation = this.scope.getStore();
        if (!invocation) return original.apply(console, args);
        this.logs.push({
          invocationId: invocation.id,
          functionKey: invocation.functionKey,
          level,
          text: args.map((arg) => (typeof arg === 'string' ? arg : JSON.stringify(arg))).join(' '),
        });
      };
    }
    Object.defineProperty(host, '__forge_fetch__', {
      configurable: true,
      writable: true,
      value: (target: Record<string, unknown>, path: string, init?: RequestInit) => this.forgeFetch(target, path, init),
    });
    Object.defineProperty(host, '__forge_runtime__', { configurable: true, get: () => this.scope.getStore()?.runtime });
    globalThis.fetch = egressFetch({
      allowList: this.manifest.backendEgress,
      route: this.options.route ?? (() => undefined),
      original,
      log: this.egress,
      caller: () => this.scope.getStore(),
    });
    this.installed = true;
    return this;
  }

  uninstall(): void {
    if (!this.installed || !this.saved) return;
    const host = globalThis as Record<string, unknown>;
    globalThis.fetch = this.saved.fetch;
    Object.assign(console, this.saved.console);
    for (const [name, descriptor] of [
      ['__forge_fetch__', this.saved.forgeFetch],
      ['__forge_runtime__', this.saved.runtime],
    ] as const) {
      if (descriptor) Object.defineProperty(host, name, descriptor);
      else delete host[name];
    }
    this.installed = false;
  }

  // ---------------------------------------------------------------- invocations, as Forge makes them

  /**
   * A lifecycle event (`trigger` module) such as `avi:forge:installed:app`: the handler gets the event
   * (Atlassian "Life cycle events": `id`, `installerAccountId`, `app`, `environment`) and the context.
   */
  async installApp(installerAccountId: string, eventType = 'avi:forge:installed:app'): Promise<unknown> {
    const trigger = this.manifest.triggers.find((entry) => entry.events.includes(eventType));
    if (!trigger) throw new Error(`No trigger module in manifest.yml listens to ${eventType}`);
    const event = {
      eventType,
      id: this.installationId,
      installerAccountId,
      app: { id: this.manifest.appId, version: this.appVersion },
      environment: { id: this.environmentId },
      context: { cloudId: this.cloudId, moduleKey: trigger.key },
    };
    return this.invoke('trigger', trigger.function, trigger.key, 'core:trigger', undefined, undefined, (handler) => handler(event, this.backendContext(undefined)));
  }

  /**
   * A Custom UI `invoke(functionKey, payload)` from a module whose `resolver.function` is a `Resolver`'s
   * definitions: `@forge/resolver` (node_modules/@forge/resolver/out/index.js `getDefinitions`) takes
   * `({ call: { functionKey, payload }, context }, backendRuntimePayload)` and reads the caller from
   * `backendRuntimePayload.principal.accountId`, never from the browser's context.
   */
  async invokeResolver(request: {
    moduleKey: string;
    functionKey: string;
    payload?: unknown;
    accountId: string | undefined;
    extension?: Record<string, unknown>;
  }): Promise<unknown> {
    const { moduleType, functionKey } = resolverFunctionOf(this.manifest, request.moduleKey);
    const context = {
      cloudId: this.cloudId,
      localId: `${request.moduleKey}-${this.installationId}`,
      moduleKey: request.moduleKey,
      environmentId: this.environmentId,
      environmentType: 'DEVELOPMENT',
      extension: { type: moduleType, ...(request.extension ?? {}) },
    };
    return this.invoke('resolver', functionKey, request.moduleKey, moduleType, request.accountId, undefined, (handler) =>
      handler({ call: { functionKey: request.functionKey, payload: request.payload }, context }, this.backendContext(request.accountId)),
    );
  }

  /**
   * An HTTPS call to a web trigger URL this platform handed out (`webTrigger.getUrl`). The function gets
   * the request as Atlassian's "Web trigger events" reference describes it (`method`, `path`, `userPath`,
   * `headers` name → string[], `queryParameters` name → string[], raw `body`) and must answer
   * `{ statusCode, headers, body }`; anything else is a 500, as on Forge.
   */
  async invokeWebtrigger(url: string, request: { method: string; headers: Record<string, string>; body: string }): Promise<WebtriggerAnswer> {
    const parsed = new URL(url);
    const match = /^\/x1\/([^/]+)(\/.*)?$/.exec(parsed.pathname);
    const triggerKey = match ? this.webtriggerUrls.get(match[1]!) : undefined;
    const trigger = this.manifest.webtriggers.find((entry) => entry.key === triggerKey);
    if (!trigger || parsed.host !== this.webtriggerHost) return { status: 404, headers: {}, body: 'Not Found' };
    const queryParameters: Record<string, string[]> = {};
    for (const [name, value] of parsed.searchParams) (queryParameters[name] ??= []).push(value);
    const event = {
      method: request.method,
      path: parsed.pathname,
      userPath: match?.[2] ?? '',
      headers: Object.fromEntries(Object.entries(request.headers).map(([name, value]) => [name, [value]])),
      queryParameters,
      body: request.body,
    };
    let result: unknown;
    try {
      result = await this.invoke('webtrigger', trigger.function, trigger.key, 'webtrigger', undefined, undefined, (handler) => handler(event, this.backendContext(undefined)));
    } catch {
      return { status: 500, headers: {}, body: 'Internal Server Error' };
    }
    const answer = result as { statusCode?: unknown; headers?: unknown; body?: unknown } | undefined;
    if (!answer || typeof answer.statusCode !== 'number' || (answer.body !== undefined && typeof answer.body !== 'string')) {
      return { status: 500, headers: {}, body: 'Internal Server Error' };
    }
    return { status: answer.statusCode, headers: (answer.headers ?? {}) as Record<string, string[]>, body: answer.body ?? '' };
  }

  /**
   * Delivers queued async events whose delay has passed, as Forge invokes a consumer: for the manifest's
   * `resolver: { function, method }` form, the consumer function is a `Resolver`'s definitions and gets
   * `{ call: { functionKey: method, payload: body, jobId }, context }` (the documented 1.x consumer
   * contract: `resolver.define(method, ({ payload, context }) => …)`, `context.jobId`); for the `function:`
   * form, the function gets the AsyncEvent itself (`body`, `jobId`, …). Each delivery continues the chain
   * of the invocation that pushed the event. Returns the events delivered, in order.
   */
  async deliverDueEvents(options: { maxDeliveries?: number; filter?: (event: QueuedEvent) => boolean } = {}): Promise<QueuedEvent[]> {
    const delivered: QueuedEvent[] = [];
    const limit = options.maxDeliveries ?? 200;
    for (;;) {
      const next = this.events.due().find((event) => options.filter?.(event) ?? true);
      if (!next) return delivered;
      if (delivered.length >= limit) throw new Error(`More than ${limit} async events were delivered: a job may be re-queuing itself without end`);
      await this.deliver(next);
      delivered.push(next);
    }
  }

  async deliver(event: QueuedEvent): Promise<unknown> {
    const consumer = this.events.consumerOf(event.queueName);
    if (!consumer) throw new Error(`No consumer module in manifest.yml for queue ${event.queueName}`);
    const chain = this.chain(event.chainId);
    event.state = 'delivered';
    try {
      return await this.invoke('consumer', consumer.function, consumer.key, 'consumer', undefined, chain, (handler) =>
        consumer.form === 'resolver'
          ? handler(
              { call: { functionKey: consumer.method, payload: event.body, jobId: event.jobId }, context: { moduleKey: consumer.key, cloudId: this.cloudId } },
              this.backendContext(undefined),
            )
          : handler({ body: event.body, delayInSeconds: event.delayInSeconds, jobId: event.jobId, queueName: event.queueName }, this.backendContext(undefined)),
      );
    } catch (error) {
      event.state = 'failed';
      event.error = error instanceof Error ? error.message : String(error);
      throw error;
    }
  }

  /**
   * Runs `body` inside an invocation of the function that module `moduleKey` invokes (a new chain), for
   * calling the SDKs directly in a test.
   */
  async runAs<T>(moduleKey: string, body: () => Promise<T>, options: { accountId?: string } = {}): Promise<T> {
    const { moduleType, functionKey } = functionOfModule(this.manifest, moduleKey);
    const invocation = this.newInvocation('direct', functionKey, moduleKey, moduleType, options.accountId, undefined);
    return this.scope.run(invocation, body);
  }

  /** The function key a module invokes, from manifest.yml. */
  functionOf(moduleKey: string): string {
    return functionOfModule(this.manifest, moduleKey).functionKey;
  }

  // ---------------------------------------------------------------- the platform side of __forge_fetch__

  private async forgeFetch(target: Record<string, unknown>, path: string, init?: RequestInit): Promise<Response> {
    const invocation = this.scope.getStore();
    if (!invocation) throw new Error('__forge_fetch__ called outside a Forge invocation');
    const caller = { functionKey: invocation.functionKey, invocationId: invocation.id };
    const type = String(target.type);
    if (type === 'sql' && target.remote === 'sql' && target.provider === 'app' && this.options.sql) return this.options.sql.handle(path, init, caller);
    if (type === 'sql') return this.refuse(`sql target ${JSON.stringify(target)}`);
    if (type === 'kvs') return this.kvs.handle(path, init, caller);
    if (type === 'fpp' && target.remote === 'jira') return this.jiraRequest(target, path, init, invocation);
    if (type === 'fpp' && target.remote === 'stargate' && target.provider === 'app') return this.stargate(path, init, invocation);
    return this.refuse(`${type} ${String(target.remote)} (${String(target.provider)}) ${init?.method ?? 'GET'} ${path}`);
  }

  private refuse(what: string): Response {
    this.unsupported.push(what);
    throw new Error(`The local Forge platform does not model ${what}`);
  }

  /**
   * Jira, through the sandbox's model of Jira Cloud REST. `asApp()` is the app's own principal; `asUser()`
   * (no account id) is the user behind the invocation, and without one (a web trigger, a consumer) Forge has
   * no user token to use: the proxy answers NEEDS_AUTHENTICATION_ERR.
   */
  private async jiraRequest(target: Record<string, unknown>, path: string, init: RequestInit | undefined, invocation: Invocation): Promise<Response> {
    let principal: JiraPrincipal;
    if (target.provider === 'app') principal = { kind: 'app' };
    else if (target.provider === 'user') {
      const accountId = (target.accountId as string | undefined) ?? invocation.accountId;
      if (!accountId) return proxyError(401, 'NEEDS_AUTHENTICATION_ERR');
      principal = { kind: 'user', accountId };
    } else return this.refuse(`requestJira with provider '${String(target.provider)}'`);
    const method = (init?.method ?? 'GET').toUpperCase();
    const text = requestText(init, '');
    const answer = await this.jira({ principal, method, path, body: text ? (JSON.parse(text) as unknown) : undefined });
    this.product.push({ functionKey: invocation.functionKey, principal, method, path, status: answer.status });
    const headers = new Headers(answer.headers ?? {});
    const noBody = answer.body === undefined || answer.status === 204 || answer.status === 304;
    if (!noBody && !headers.has('content-type')) headers.set('content-type', 'application/json;charset=UTF-8');
    return new Response(noBody ? null : JSON.stringify(answer.body), { status: answer.status, headers });
  }

  /** Atlassian's gateway as the SDKs use it: GraphQL (web trigger URLs) and the async-events queue. */
  private async stargate(path: string, init: RequestInit | undefined, invocation: Invocation): Promise<Response> {
    if (path.startsWith('/webhook/queue/publish/')) return this.events.handlePublish(init, { functionKey: invocation.functionKey, chain: invocation.chain });
    if (path === '/graphql') {
      const request = JSON.parse(requestText(init, '{}')) as {
        query?: string;
        variables?: { input?: { appId?: string; envId?: string; triggerKey?: string; contextId?: string } };
      };
      if (/createWebTriggerUrl/.test(request.query ?? '')) return this.createWebtriggerUrl(request.variables?.input ?? {});
    }
    return this.refuse(`stargate ${init?.method ?? 'GET'} ${path}`);
  }

  get webtriggerHost(): string {
    return `${this.installationId}.hello.atlassian-dev.net`;
  }

  /**
   * `webTrigger.getUrl(key)` (node_modules/@forge/api/out/webTrigger.js): the `createWebTriggerUrl` mutation
   * with `{ appId, envId, triggerKey, contextId }`; the SDK reads `data.createWebTriggerUrl.url`. The URL
   * is stable per installation and module, in the `/x1/<id>` form the SDK's `deleteUrl` parses.
   */
  private createWebtriggerUrl(input: { appId?: string; envId?: string; triggerKey?: string; contextId?: string }): Response {
    const known = this.manifest.webtriggers.some((entry) => entry.key === input.triggerKey);
    const valid = known && input.appId === this.manifest.appId && input.envId === this.environmentId && input.contextId === this.contextAri;
    if (!valid) {
      const message = known ? 'The app, environment or context does not match this installation' : `No web trigger module '${String(input.triggerKey)}' in this app`;
      return new Response(JSON.stringify({ data: { createWebTriggerUrl: null }, errors: [{ message }] }), { status: 200, headers: { 'content-type': 'application/json' } });
    }
    const id = createHash('sha256').update(`${this.installationId}:${input.triggerKey}`).digest('base64url').slice(0, 32);
    this.webtriggerUrls.set(id, input.triggerKey!);
    return new Response(JSON.stringify({ data: { createWebTriggerUrl: { url: `https://${this.webtriggerHost}/x1/${id}` } } }), {
      status: 200,
      headers: { 'content-type': 'application/json' },
    });
  }

  // ---------------------------------------------------------------- invocation plumbing

  private readonly chains = new Map<string, InvocationChain>();

  private chain(id?: string): InvocationChain {
    const key = id ?? randomUUID();
    let chain = this.chains.get(key);
    if (!chain) this.chains.set(key, (chain = { id: key, pushRequests: 0 }));
    return chain;
  }

  /** The second argument Forge passes a handler (`@forge/resolver` reads `principal`, `installContext`, `license`, `installation`). */
  private backendContext(accountId: string | undefined) {
    return {
      installContext: this.contextAri,
      ...(accountId ? { principal: { accountId } } : {}),
      installation: { ari: { installationId: this.installationId }, contexts: [{ cloudId: this.cloudId }] },
    };
  }

  private timeoutSeconds(kind: InvocationRecord['kind'], functionKey: string): number {
    if (kind === 'webtrigger') return TIMEOUTS.webtrigger;
    if (kind === 'consumer' || kind === 'scheduled') return this.manifest.functions.get(functionKey)?.timeoutSeconds ?? TIMEOUTS.asyncDefault;
    return TIMEOUTS.ui;
  }

  private newInvocation(
    kind: InvocationRecord['kind'],
    functionKey: string,
    moduleKey: string,
    moduleType: string,
    accountId: string | undefined,
    chain: InvocationChain | undefined,
  ): Invocation {
    const fn = this.manifest.functions.get(functionKey);
    if (!fn) throw new Error(`manifest.yml has no function '${functionKey}'`);
    const id = randomUUID();
    const startedAt = Date.now();
    const timeoutMs = this.timeoutSeconds(kind, functionKey) * 1000;
    const metrics = this.metrics;
    const count = (name: string, by = 1) => metrics.set(name, (metrics.get(name) ?? 0) + by);
    const runtime = {
      proxy: { token: `local-proxy-token-${id}`, url: 'https://forge-proxy.local' },
      contextAri: this.contextAri,
      container: { region: 'local', runtime: this.manifest.runtime, handler: fn.handler, appCodeDir: '.' },
      appContext: {
        appId: this.manifest.appId,
        appVersion: this.appVersion,
        environmentId: this.environmentId,
        environmentType: 'DEVELOPMENT',
        invocationId: id,
        installationId: this.installationId,
        functionKey,
        moduleType,
        moduleKey,
        installation: { ari: { installationId: this.installationId }, contexts: [{ cloudId: this.cloudId }] },
        permissions: { scopes: this.manifest.scopes, external: this.manifest.raw.permissions?.external ?? {} },
      },
      ...(accountId ? { aaid: accountId } : {}),
      lambdaContext: { awsRequestId: id, getRemainingTimeInMillis: () => Math.max(0, startedAt + timeoutMs - Date.now()) },
      tracing: { traceId: randomUUID().replace(/-/g, ''), spanId: randomUUID().replace(/-/g, '').slice(0, 16) },
      realtime: {},
      metrics: {
        counter: (name: string) => ({
          incr: () => count(`counter:${name}`),
          incrBy: (value: number) => count(`counter:${name}`, value),
          decr: () => count(`counter:${name}`, -1),
          decrBy: (value: number) => count(`counter:${name}`, -value),
        }),
        timing: (name: string) => ({ measure: () => ({ stop: () => count(`timing:${name}`) }) }),
        gauge: (name: string) => ({ set: (value: number) => metrics.set(`gauge:${name}`, value) }),
      },
      externalAuth: [],
      featureFlags: () => false,
    };
    return { id, functionKey, moduleKey, moduleType, accountId, chain: chain ?? this.chain(), startedAt, timeoutMs, runtime };
  }

  private async invoke(
    kind: InvocationRecord['kind'],
    functionKey: string,
    moduleKey: string,
    moduleType: string,
    accountId: string | undefined,
    chain: InvocationChain | undefined,
    call: (handler: (...args: unknown[]) => unknown) => unknown,
  ): Promise<unknown> {
    const invocation = this.newInvocation(kind, functionKey, moduleKey, moduleType, accountId, chain);
    const record: InvocationRecord = { id: invocation.id, functionKey, moduleKey, kind, accountId, coldStart: !this.containers.has(functionKey), durationMs: 0, outcome: 'ok' };
    this.invocations.push(record);
    let timer: NodeJS.Timeout | undefined;
    try {
      return await this.scope.run(invocation, async () => {
        const handler = this.handlerFor(functionKey);
        const timeout = new Promise<never>((_, reject) => {
          timer = setTimeout(() => reject(new Error(`FUNCTION_TIME_OUT: ${functionKey} ran longer than ${invocation.timeoutMs / 1000} s`)), invocation.timeoutMs);
          timer.unref();
        });
        return Promise.race([Promise.resolve(call(handler)), timeout]);
      });
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      record.outcome = message.startsWith('FUNCTION_TIME_OUT') ? 'timeout' : 'error';
      record.error = message;
      throw error;
    } finally {
      if (timer) clearTimeout(timer);
      record.durationMs = Date.now() - invocation.startedAt;
    }
  }

  /** The handler a function names, from its container (loaded on the function's first invocation). */
  private handlerFor(functionKey: string): (...args: unknown[]) => unknown {
    const fn = this.manifest.functions.get(functionKey)!;
    const dot = fn.handler.lastIndexOf('.');
    const file = fn.handler.slice(0, dot);
    const exportName = fn.handler.slice(dot + 1);
    let container = this.containers.get(functionKey);
    if (!container) {
      container = this.options.loadModule(functionKey, file);
      this.containers.set(functionKey, container);
    }
    const handler = container[exportName];
    if (typeof handler !== 'function') throw new Error(`${fn.handler} (function '${functionKey}') is not an exported function`);
    return handler as (...args: unknown[]) => unknown;
  }
}
