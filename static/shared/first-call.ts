import type { ResolverAnswer, ResolverName } from '../../src/resolvers/resolver-contract';
import { callResolver, toCallError, type PayloadArgument, type ResolverCallError } from './call-resolver';

export type Loadable<T> = { state: 'loading' } | { state: 'ready'; data: T } | { state: 'failed'; error: ResolverCallError };

/** A resolver call as a Loadable that never rejects: a failure is a `failed` value with a message for the reader. */
export function loadableCall<N extends ResolverName>(name: N, ...payload: PayloadArgument<N>): Promise<Loadable<ResolverAnswer<N>>> {
  return callResolver(name, ...payload).then(
    (data): Loadable<ResolverAnswer<N>> => ({ state: 'ready', data }),
    (error: unknown): Loadable<ResolverAnswer<N>> => ({ state: 'failed', error: toCallError(error, 'Something went wrong. Reload the page.') }),
  );
}

interface StartedCall {
  answer: Promise<Loadable<unknown>>;
  /** Set once the answer is in, so that a view mounted after it paints its data at once. */
  settled?: Loadable<unknown>;
  claimed: boolean;
}

const started = new Map<string, StartedCall>();
const callKey = (name: ResolverName, payloadKey: string) => `${name} ${payloadKey}`;

/**
 * Sends a page's first resolver call from its entry script, before the app's code (most of the page's script) has
 * loaded: the answer travels while that code is fetched, parsed and run. `useResolver` then takes this call instead of
 * making its own; payloads are compared as JSON, as `useResolver` keys them. Resolves once the answer is in.
 */
export function startFirstCall<N extends ResolverName>(name: N, ...payload: PayloadArgument<N>): Promise<void> {
  const call: StartedCall = { answer: loadableCall(name, ...payload), claimed: false };
  started.set(callKey(name, JSON.stringify(payload[0] ?? null)), call);
  return call.answer.then((outcome) => {
    call.settled = outcome;
  });
}

/** The first call's answer if it is already in (without claiming it), for a view's first render. */
export function settledFirstCall<N extends ResolverName>(name: N, payloadKey: string): Loadable<ResolverAnswer<N>> | undefined {
  return started.get(callKey(name, payloadKey))?.settled;
}

/** The first call, once: a later load (a reload, a view mounted again) asks the back end afresh. */
export function claimFirstCall<N extends ResolverName>(name: N, payloadKey: string): Pick<StartedCall, 'answer' | 'settled'> | undefined {
  const call = started.get(callKey(name, payloadKey));
  if (!call || call.claimed) return undefined;
  call.claimed = true;
  return call;
}
