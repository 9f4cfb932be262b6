/**
 * What a resolver receives. `context` is filled in by the host (Forge, or the sandbox acting as Jira), never
 * by the browser: the issue a panel shows and the user who asks come from here, not from the payload.
 */
export interface ResolverContext {
  accountId?: string;
  moduleKey?: string;
  extension?: {
    type?: string;
    issue?: { key?: string; id?: string | number; type?: string };
    project?: { key?: string; id?: string | number; type?: string };
  };
}

export interface ResolverRequest {
  payload?: unknown;
  context: ResolverContext;
}

export type ResolverResult<T> =
  | { ok: true; data: T }
  | { ok: false; error: { code: string; message: string; details?: string } };

export type ResolverHandler = (request: ResolverRequest) => Promise<ResolverResult<unknown>>;
