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

export type ResolverResult<T> = { ok: true; data: T } | { ok: false; error: { code: string; message: string; details?: string; field?: string } };

declare const contract: unique symbol;

/**
 * A resolver as the host calls it: the payload comes in as untrusted JSON and the answer goes out as JSON.
 * `P` is the payload the resolver's own parsing accepts (`undefined` when it reads none) and `R` its answer.
 * Both are recorded for the type checker alone (no such property exists at run time), so that
 * resolver-contract.ts can read them back and hold the front ends' calls to them, while the host, which
 * forwards any resolver's answer unread, sees one call signature for them all.
 */
export type ResolverHandler<P = unknown, R = unknown> = ((request: ResolverRequest) => Promise<ResolverResult<unknown>>) & {
  readonly [contract]?: { payload: P; result: R };
};
