import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * Who the current invocation runs for. Forge binds this implicitly (that is how `asUser()` knows the user);
 * the sandbox binds it here around each resolver call, so the core code is the same in both.
 */
export interface Invocation {
  accountId?: string;
}

const scope = new AsyncLocalStorage<Invocation>();

export function runInvocation<T>(invocation: Invocation, body: () => Promise<T>): Promise<T> {
  return scope.run(invocation, body);
}

export function currentInvocation(): Invocation {
  return scope.getStore() ?? {};
}
