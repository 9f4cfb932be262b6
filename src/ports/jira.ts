/**
 * Jira Cloud REST, either as the user behind the current invocation (their permissions apply) or as the app.
 * Paths are built with `jiraPath` so that every interpolated value is URL-encoded.
 */
export interface JiraResponse {
  readonly status: number;
  readonly ok: boolean;
  json(): Promise<unknown>;
  text(): Promise<string>;
}

export interface JiraRequestInit {
  method?: 'GET' | 'POST' | 'PUT' | 'DELETE';
  body?: unknown;
}

export interface JiraClient {
  request(path: string, init?: JiraRequestInit): Promise<JiraResponse>;
}

export interface Jira {
  asUser(): JiraClient;
  asApp(): JiraClient;
}

/** Tagged template that encodes each interpolated value as one path segment or query value. */
export function jiraPath(strings: TemplateStringsArray, ...values: Array<string | number>): string {
  return strings.reduce((path, part, index) => {
    const value = index < values.length ? encodeURIComponent(String(values[index])) : '';
    return path + part + value;
  }, '');
}
