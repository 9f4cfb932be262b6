import { createRequire } from 'node:module';
import { resolve } from 'node:path';

/**
 * Backend egress as Forge's runtime applies it to `fetch` from `@forge/api`: that `fetch` is the global
 * `fetch` the runtime provides (node_modules/@forge/api/out/api/fetch.js `getFetchAPI` wraps `global.fetch`,
 * captured when the module loads), so the platform installs its own global `fetch` before the app loads.
 *
 * A URL is allowed when Forge's own matcher (`@forge/egress` `EgressFilteringService.isValidUrl`: scheme and
 * host name, `*.` wildcards for sub-domains, paths ignored) finds it in `permissions.external.fetch.backend`.
 * A refused call is answered with a 403 response rather than an exception: Forge's documentation does not
 * describe the refusal, and a 403 is what the app's own code (src/providers/provider-http.ts) is written to
 * expect. Only HTTPS leaves a Forge function ("The Forge runtime only supports outbound HTTPS connections");
 * any other scheme is refused the same way.
 *
 * An allowed URL is sent where the test says that host lives (`route`), e.g. api.github.com → a local
 * stand-in for GitHub. A URL the test has no route for fails loudly instead of reaching the internet.
 */
export interface EgressRecord {
  method: string;
  url: string;
  allowed: boolean;
  routedTo?: string;
  status?: number;
  functionKey: string | undefined;
}

interface EgressFilter {
  isValidUrl(url: string): boolean;
}

function egressFilter(allowList: string[]): EgressFilter {
  // @forge/egress is a dependency of @forge/api; load it from there, as the runtime's own copy would be.
  const requireFromApi = createRequire(require.resolve('@forge/api', { paths: [resolve('.')] }));
  const { EgressFilteringService } = requireFromApi('@forge/egress') as { EgressFilteringService: new (list: string[]) => EgressFilter };
  return new EgressFilteringService(allowList);
}

export function egressFetch(options: {
  allowList: string[];
  route: (url: URL) => string | undefined;
  original: typeof fetch;
  log: EgressRecord[];
  caller: () => { functionKey?: string } | undefined;
}): typeof fetch {
  const filter = egressFilter(options.allowList);
  return async (input: string | URL | Request, init?: RequestInit) => {
    const caller = options.caller();
    // Outside an invocation (the test's own calls) fetch is the ordinary one.
    if (!caller) return options.original(input, init);
    const url = new URL(input instanceof Request ? input.url : String(input));
    const method = (init?.method ?? (input instanceof Request ? input.method : 'GET')).toUpperCase();
    const record: EgressRecord = { method, url: url.toString(), allowed: url.protocol === 'https:' && filter.isValidUrl(url.toString()), functionKey: caller.functionKey };
    options.log.push(record);
    if (!record.allowed) {
      record.status = 403;
      return new Response(`URL not included in the external fetch backend permissions: ${url.origin}. Visit go.atlassian.com/forge-egress for more information.`, { status: 403 });
    }
    const target = options.route(url);
    if (!target) throw new Error(`The local Forge platform has no route for ${url.origin}: give the test a stand-in for this host.`);
    record.routedTo = target;
    const response = await options.original(target, init);
    record.status = response.status;
    return response;
  };
}
