import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { runInvocation } from '../src/local/invocation-scope';
import type { JiraPrincipal } from '../src/local/local-jira';
import type { Logger, Ports } from '../src/ports/ports';
import type { ProviderHosts } from '../src/ports/app-config';
import { isResolverName } from '../src/resolvers/resolver-definitions';
import type { ResolverContext } from '../src/resolvers/resolver-request';
import type { WebtriggerRequest } from '../src/webtrigger-endpoints/webtrigger-http';
import { twinOrigin } from './host/app-origin';
import { frameBridgeScript } from './host/frame-bridge-script';
import { HOST_SCRIPT } from './host/host-script';
import { adminPage, FAVICON_PATH, homePage, issuePage, messagePage, projectPage, type FrameModule, type HostSession } from './host/host-pages';
import { atlassianThemeCss } from './host/theme-css';
import { BodyTooLargeError, cookies, readBody, send, sendJson } from './http/http-io';
import { staticFile } from './http/static-files';
import { contractCheckedJira, jiraContractMode } from './jira/contract/jira-contract';
import { jiraRestHandler } from './jira/jira-rest';
import { loadSeed, DEFAULT_SEED_FILE } from './jira/jira-seed';
import { JiraSite } from './jira/jira-site';
import { readManifestModules } from './manifest-modules';
import { runJiraCopy } from '../src/jira-copy/jira-copy-job';
import { createSandboxPorts } from './sandbox-ports';
import { FORGE_INVOCATION_PAYLOAD_BYTES } from '../src/webtrigger-endpoints/webtrigger-limits';
import { seedDemoData } from './demo/demo-data';

export interface SandboxOptions {
  port?: number;
  host?: string;
  dataDir?: string;
  seedFile?: string;
  log?: Logger;
  /** Replay the demo deliveries into an empty store once listening. */
  demo?: boolean;
  /** Git hosts to talk to instead of the public ones (local stubs in tests). */
  providerHosts?: ProviderHosts;
  /** Let accounts use private and loopback addresses, for local provider stubs. */
  allowPrivateHosts?: boolean;
  /** Folders served as the manifest's resources instead of its own (by resource key), for benchmarks. */
  resourceRoots?: Record<string, string>;
}

export interface RunningSandbox {
  url: string;
  site: JiraSite;
  ports: Ports;
  close(): Promise<void>;
}

/**
 * The Content-Security-Policy Custom UI runs under in Jira: scripts only from the app's own origin, no eval,
 * styles inline allowed (the manifest's `unsafe-inline` styles permission), nothing fetched but the bridge, and
 * framed only by the host page's origin.
 */
const customUiCsp = (hostOrigin: string | null) =>
  `default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob: https:; font-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'self'; frame-ancestors ${hostOrigin ?? "'self'"}`;

/** Web trigger requests above Forge's invocation payload limit are refused before they are read in full, as on Forge. */
const WEBTRIGGER_BODY_LIMIT = FORGE_INVOCATION_PAYLOAD_BYTES;
const JSON_BODY_LIMIT = 1024 * 1024;
const WEBTRIGGER_FUNCTIONS = {
  'github-webhook': 'githubWebhook',
  'bitbucket-webhook': 'bitbucketWebhook',
  'gitlab-webhook': 'gitlabWebhook',
  'bitbucket-dc-webhook': 'bitbucketDcWebhook',
  'oauth-callback': 'oauthCallback',
} as const;

/** Starts the sandbox: a Jira-like host around the app's real Custom UI, resolvers and webtriggers. */
export async function startSandbox(options: SandboxOptions = {}): Promise<RunningSandbox> {
  const site = new JiraSite(loadSeed(options.seedFile ?? DEFAULT_SEED_FILE));
  const manifest = readManifestModules();
  let baseUrl = '';
  const {
    ports,
    app: composed,
    close: closePorts,
  } = await createSandboxPorts({
    dataDir: resolve(options.dataDir ?? '.data'),
    site,
    baseUrl: () => baseUrl,
    log: options.log,
    providerHosts: options.providerHosts,
    allowPrivateHosts: options.allowPrivateHosts,
  });
  const { resolvers, webtriggers } = composed;
  // What the browser asks the sandbox's Jira is checked like what the app asks (SANDBOX_JIRA_CONTRACT).
  const jiraRest = contractCheckedJira(jiraRestHandler(site), jiraContractMode(), (message) => (options.log ?? console).error(message));
  const themeCss = atlassianThemeCss();
  // The Development panel's icon (manifest.yml: resource:panel;icon.svg), from its source so it is there before a build.
  const favicon = readFileSync(resolve('static/panel/public/icon.svg'));
  const defaultUser = site.seed.users[0]?.accountId ?? '';

  const sessionOf = (request: IncomingMessage): HostSession => {
    const jar = cookies(request);
    const accountId = jar.sandbox_user ?? defaultUser;
    return {
      accountId: accountId === '' || site.user(accountId) ? accountId : defaultUser,
      colorMode: jar.sandbox_color_mode === 'dark' ? 'dark' : 'light',
    };
  };

  const baseContext = (session: HostSession, moduleKey: string) => ({
    accountId: session.accountId || undefined,
    cloudId: site.seed.site.cloudId,
    siteUrl: baseUrl,
    moduleKey,
    localId: `${moduleKey}-sandbox`,
    environmentType: 'DEVELOPMENT',
    environmentId: 'sandbox',
    locale: 'en-US',
    timezone: 'Etc/UTC',
    theme: { colorMode: session.colorMode },
  });

  const panelContext = (session: HostSession, issueKey: string): ResolverContext & Record<string, unknown> => {
    const issue = site.issue(issueKey);
    const project = issue ? site.project(issue.projectKey) : undefined;
    return {
      ...baseContext(session, manifest.issuePanel.key),
      extension: {
        type: 'jira:issuePanel',
        issue: { key: issue?.key, id: issue?.id, type: issue?.issueType },
        project: { key: project?.key, id: project?.id, type: 'software' },
      },
    };
  };
  const adminContext = (session: HostSession): ResolverContext & Record<string, unknown> => ({
    ...baseContext(session, manifest.adminPage.key),
    extension: { type: 'jira:adminPage' },
  });

  /** A resource's page on the apps' origin: the twin of the origin the page was asked on (app-origin.ts). */
  const appUrl = (request: IncomingMessage, resource: string) => `${twinOrigin(request.headers.host) ?? ''}/__sandbox/apps/${resource}/index.html`;

  const panelModule = (request: IncomingMessage, session: HostSession, issueKey: string): FrameModule => ({
    moduleKey: manifest.issuePanel.key,
    url: appUrl(request, manifest.issuePanel.resource),
    title: manifest.issuePanel.title,
    context: panelContext(session, issueKey),
  });

  async function invoke(request: IncomingMessage, response: ServerResponse) {
    const session = sessionOf(request);
    const call = JSON.parse(await readBody(request, JSON_BODY_LIMIT)) as {
      moduleKey?: string;
      issueKey?: string;
      functionKey?: string;
      payload?: unknown;
    };
    const functionKey = call.functionKey;
    if (!isResolverName(functionKey)) {
      return sendJson(response, 404, { message: `No resolver function named '${String(functionKey)}'.` });
    }
    // The host, not the frame, decides the context: the user from the session, the issue from the page.
    let context: ResolverContext;
    if (call.moduleKey === manifest.issuePanel.key && call.issueKey) context = panelContext(session, call.issueKey);
    else if (call.moduleKey === manifest.adminPage.key) context = adminContext(session);
    else return sendJson(response, 400, { message: `Unknown module '${String(call.moduleKey)}'.` });
    const result = await runInvocation({ accountId: context.accountId }, () => resolvers[functionKey]({ payload: call.payload, context }));
    sendJson(response, 200, { result });
  }

  async function webtrigger(key: keyof typeof WEBTRIGGER_FUNCTIONS, request: IncomingMessage, response: ServerResponse, url: URL) {
    const headers: Record<string, string[]> = {};
    for (const [name, value] of Object.entries(request.headers)) {
      if (value !== undefined) headers[name] = Array.isArray(value) ? value : [value];
    }
    const queryParameters: Record<string, string[]> = {};
    for (const name of new Set(url.searchParams.keys())) queryParameters[name] = url.searchParams.getAll(name);
    let body: string;
    try {
      body = await readBody(request, WEBTRIGGER_BODY_LIMIT);
    } catch (error) {
      if (error instanceof BodyTooLargeError) {
        return sendJson(response, 413, { ok: false, message: 'The request body is larger than the 5 MB Forge lets a web trigger receive.' }, { Connection: 'close' });
      }
      throw error;
    }
    const delivered: WebtriggerRequest = { method: request.method ?? 'GET', path: url.pathname, headers, queryParameters, body };
    const answer = await webtriggers[WEBTRIGGER_FUNCTIONS[key]](delivered);
    const responseHeaders: Record<string, string> = {};
    for (const [name, values] of Object.entries(answer.headers)) responseHeaders[name] = values.join(', ');
    send(response, answer.statusCode, responseHeaders['Content-Type'] ?? 'application/json', answer.body, responseHeaders);
  }

  async function jiraApi(request: IncomingMessage, response: ServerResponse, url: URL) {
    const session = sessionOf(request);
    const raw = request.method === 'GET' || request.method === 'DELETE' ? '' : await readBody(request, JSON_BODY_LIMIT);
    const principal: JiraPrincipal = { kind: 'user', accountId: session.accountId || undefined };
    const answer = await jiraRest({ principal, method: request.method ?? 'GET', path: url.pathname + url.search, body: raw ? JSON.parse(raw) : undefined });
    if (answer.body === undefined) {
      response.writeHead(answer.status);
      response.end();
    } else sendJson(response, answer.status, answer.body);
  }

  async function route(request: IncomingMessage, response: ServerResponse) {
    const url = new URL(request.url ?? '/', 'http://sandbox.invalid');
    const path = url.pathname;
    const method = request.method ?? 'GET';
    const session = sessionOf(request);
    const page = (status: number, body: string) => send(response, status, 'text/html; charset=utf-8', body);

    if (path.startsWith('/x/')) {
      const key = path.slice(3) as keyof typeof WEBTRIGGER_FUNCTIONS;
      if (key in WEBTRIGGER_FUNCTIONS && manifest.webtriggers.includes(key)) return webtrigger(key, request, response, url);
      return sendJson(response, 404, { ok: false, message: 'No such webtrigger.' });
    }
    if (path.startsWith('/rest/api/3/')) return jiraApi(request, response, url);
    if (path === '/__sandbox/invoke' && method === 'POST') return invoke(request, response);
    if (path === '/__sandbox/session' && method === 'POST') {
      const change = JSON.parse(await readBody(request, JSON_BODY_LIMIT)) as { accountId?: string; colorMode?: string };
      const setCookies: string[] = [];
      if (typeof change.accountId === 'string' && (change.accountId === '' || site.user(change.accountId))) {
        setCookies.push(`sandbox_user=${encodeURIComponent(change.accountId)}; Path=/; SameSite=Strict; HttpOnly`);
      }
      if (change.colorMode === 'light' || change.colorMode === 'dark') {
        setCookies.push(`sandbox_color_mode=${change.colorMode}; Path=/; SameSite=Strict; HttpOnly`);
      }
      return sendJson(response, 200, { ok: true }, { 'Set-Cookie': setCookies });
    }
    if (path === '/__sandbox/run/jira-sync' && method === 'POST') {
      const { summaries, devinfo } = await runJiraCopy(ports);
      return sendJson(response, 200, { summaries, devinfo });
    }
    if (path === '/__sandbox/run/reconcile' && method === 'POST') {
      return sendJson(response, 200, await composed.jobs.reconcile());
    }
    if (path === '/__sandbox/frame-bridge.js') return send(response, 200, 'text/javascript; charset=utf-8', frameBridgeScript(twinOrigin(request.headers.host)));
    if (path === '/__sandbox/host.js') return send(response, 200, 'text/javascript; charset=utf-8', HOST_SCRIPT);
    if (path === '/__sandbox/theme.css') return send(response, 200, 'text/css; charset=utf-8', themeCss);
    // Pages name the icon; /favicon.ico is what a browser asks for when a page does not.
    if (path === FAVICON_PATH || path === '/favicon.ico') return send(response, 200, 'image/svg+xml', favicon);
    const app = /^\/__sandbox\/apps\/([a-z0-9_-]+)\/(.*)$/i.exec(path);
    if (app) return serveApp(app[1] ?? '', app[2] ?? '', request, response);

    if (method !== 'GET') return sendJson(response, 405, { message: 'Method not allowed.' });
    if (path === '/') return page(200, homePage(site, session));
    if (path === '/jira/settings/apps/dvcs-accounts') {
      return page(
        200,
        adminPage(site, session, {
          moduleKey: manifest.adminPage.key,
          url: appUrl(request, manifest.adminPage.resource),
          title: manifest.adminPage.title,
          context: adminContext(session),
        }),
      );
    }
    const browse = /^\/browse\/([A-Za-z0-9_]+-\d+)$/.exec(path);
    if (browse) {
      const principal: JiraPrincipal = { kind: 'user', accountId: session.accountId || undefined };
      const issue = site.issue(browse[1] ?? '');
      if (!issue || !site.canBrowse(principal, issue.projectKey)) {
        return page(404, messagePage(site, session, 'Issue not found', 'The issue does not exist or you do not have permission to see it.'));
      }
      return page(200, issuePage(site, session, issue, panelModule(request, session, issue.key)));
    }
    const project = /^\/projects\/([A-Za-z0-9_]+)$/.exec(path);
    if (project) {
      const key = (project[1] ?? '').toUpperCase();
      return page(
        200,
        projectPage(
          site,
          session,
          key,
          [...site.issues.values()].filter((issue) => issue.projectKey === key),
        ),
      );
    }
    return page(404, messagePage(site, session, 'Page not found', 'There is nothing at this address in the sandbox.'));
  }

  function serveApp(resource: string, file: string, request: IncomingMessage, response: ServerResponse) {
    const root = options.resourceRoots?.[resource] ?? manifest.resources[resource];
    if (!root) return send(response, 404, 'text/plain', 'Unknown resource.');
    const found = staticFile(root, file || 'index.html');
    if (!found) {
      const hint = file === 'index.html' || file === '' ? ' Run `npm run build:ui` first.' : '';
      return send(response, 404, 'text/plain; charset=utf-8', `Not built: ${resource}/${file}.${hint}`);
    }
    if (found.type.startsWith('text/html')) {
      // The bridge must exist before @forge/bridge loads, so it goes first in <head>: deferred, it does not hold
      // the parser, and still runs before the app's module scripts, in document order. It is a file of its own,
      // because the page is served under a CSP like Forge's, which allows no inline script.
      const page = found.body.toString('utf8').replace(/<head>/i, '<head><script defer src="/__sandbox/frame-bridge.js"></script>');
      return send(response, 200, found.type, page, { 'Content-Security-Policy': customUiCsp(twinOrigin(request.headers.host)) });
    }
    return send(response, 200, found.type, found.body);
  }

  const server: Server = createServer((request, response) => {
    route(request, response).catch((error: unknown) => {
      ports.log.error('sandbox request failed', { url: request.url, error: error instanceof Error ? error.message : String(error) });
      if (!response.headersSent) sendJson(response, 500, { ok: false, message: 'The sandbox failed to handle this request; see its console.' });
      else response.end();
    });
  });
  await new Promise<void>((resolveListen, rejectListen) => {
    server.once('error', rejectListen);
    server.listen(options.port ?? 8080, options.host ?? '127.0.0.1', () => resolveListen());
  });
  const address = server.address() as AddressInfo;
  baseUrl = `http://${options.host === '0.0.0.0' ? 'localhost' : (options.host ?? 'localhost')}:${address.port}`;
  if (baseUrl.includes('127.0.0.1')) baseUrl = baseUrl.replace('127.0.0.1', 'localhost');
  // The seed's baseUrl stands for "wherever the sandbox runs": the links its Jira answers with (issues, users, the
  // authors of smart-commit comments) must lead back to this server, whatever PORT it was given.
  site.seed.site.baseUrl = baseUrl;

  if (options.demo) await seedDemoData(ports, baseUrl);
  // Forge's queue is durable; the sandbox's lives in memory. Histories that were being read when the last
  // process stopped (or was killed) are queued again, and each continues from its saved cursor.
  const unfinished = await ports.database.db
    .selectFrom('repository')
    .select('id')
    .where('linked', '=', 1)
    .where('sync_status', 'in', ['queued', 'syncing', 'rate-limited'])
    .execute();
  if (unfinished.length > 0) await ports.queue.push(unfinished.map((row) => ({ body: { kind: 'backfill', repositoryId: row.id } })));

  return {
    url: baseUrl,
    site,
    ports,
    async close() {
      await new Promise<void>((done) => {
        server.close(() => done());
        server.closeAllConnections();
      });
      await closePorts();
    },
  };
}
