/**
 * Jira Cloud REST, either as the user behind the current invocation (their permissions apply) or as the app.
 *
 * Every call site names its endpoint with the `route` tagged template and passes a literal `method`:
 * `jira.requestJira(route\`/rest/api/3/issue/${key}/comment\`, { method: 'POST', body })`. That is the
 * shape Forge's linter reads to check each call against the scopes in manifest.yml, and the Forge adapter
 * replays the template through `@forge/api`'s own `route`, so the escaping is Forge's.
 */
export interface JiraResponse {
  readonly status: number;
  readonly ok: boolean;
  readonly headers: { get(name: string): string | null };
  json(): Promise<unknown>;
  text(): Promise<string>;
}

export interface JiraRequestInit {
  method?: 'GET' | 'POST' | 'PUT' | 'DELETE';
  body?: unknown;
}

export interface JiraClient {
  requestJira(route: JiraRoute, init?: JiraRequestInit): Promise<JiraResponse>;
}

export interface Jira {
  /**
   * As the user behind the current invocation, or, with `accountId`, as that user although they are not
   * here (Forge's offline user impersonation): Jira then applies that user's permissions, workflow
   * conditions and validators, and records them as the author.
   */
  asUser(accountId?: string): JiraClient;
  asApp(): JiraClient;
}

/** A Jira endpoint built by `route`: the template and its values (for Forge) and the escaped path (for local runs). */
export interface JiraRoute {
  readonly template: TemplateStringsArray;
  readonly values: ReadonlyArray<string | number>;
  readonly path: string;
}

const PATH_MANIPULATION = ['..', '.%2e', '%2e.', '%2e%2e', '.%2E', '%2E.', '%2E%2e', '/', '\\', '?', '#'];

/**
 * Builds a Jira endpoint the way `@forge/api`'s `route` does: a value in the path that could change the
 * path (`/`, `\`, `..`, `?`, `#`) is refused, values after the `?` are URI-encoded. Local runs therefore
 * fail where Forge would.
 */
export function route(template: TemplateStringsArray, ...values: Array<string | number>): JiraRoute {
  let query = false;
  let path = '';
  template.forEach((fragment, index) => {
    if (fragment.includes('?') || fragment.includes('#')) query = true;
    path += fragment;
    if (index >= values.length) return;
    const value = String(values[index]);
    if (query) path += encodeURIComponent(value);
    else if (PATH_MANIPULATION.some((needle) => value.includes(needle))) {
      throw new Error(`Refusing a Jira path segment that would change the path: ${JSON.stringify(value.slice(0, 100))}`);
    } else path += value;
  });
  return { template, values, path };
}
