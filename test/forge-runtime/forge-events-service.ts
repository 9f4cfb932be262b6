import type { ForgeManifest, ManifestConsumer } from './forge-manifest';
import { requestText } from './request-body';

/**
 * Forge's async-events queue. `@forge/events`' `Queue.push` (node_modules/@forge/events/out/queue.js) posts
 * through `__requestAtlassianAsApp` (`__forge_fetch__({ type: 'fpp', provider: 'app', remote: 'stargate' })`)
 * to `/webhook/queue/publish/{contextAri}/{environmentId}/{appId}/{appVersion}` with
 * `{ queueName, jobId, type: 'avi:forge:app:event', schema, payload: PushEvent[], time }`, and reads the
 * answer in out/validators.js `validatePushAPIResponse`:
 *
 * | answer | what the SDK throws |
 * | --- | --- |
 * | 201 | nothing: pushed |
 * | 413 `{ errorMessage }` | PayloadTooBigError(errorMessage) |
 * | 405 | InvocationLimitReachedError ("The limit on cyclic invocation has been reached.") |
 * | 429 | RateLimitError |
 * | 202 `{ failedEvents, errorMessage }` | PartialSuccessError |
 * | other | InternalServerError(status, message) |
 *
 * The limits enforced are Atlassian's "Async events limits" page, nothing else:
 * - 50 events per push: the SDK refuses more itself (TooManyEventsError) before sending anything, so the
 *   platform's own check only guards against a client that skips it; Forge's answer to such a request is not
 *   documented, so it answers 400 (which the SDK would report as InternalServerError),
 * - 200 KB combined payload per push (413),
 * - 100 KB per event when the consumer's function declares `timeoutSeconds` over 55 (413),
 * - 500 events per minute per installation (429),
 * - the cyclic invocation limit: 1,000 push requests across every handler of a chain that starts from one
 *   initial invocation (405).
 * Sizes are measured as the SDK measures them: `Buffer.byteLength(JSON.stringify(...)) / 1024`.
 */
export interface QueuedEvent {
  seq: number;
  queueName: string;
  jobId: string;
  body: Record<string, unknown>;
  delayInSeconds?: number;
  pushedAt: number;
  dueAt: number;
  /** The chain of invocations this event belongs to, for the cyclic invocation limit. */
  chainId: string;
  pushedBy: string | undefined;
  state: 'queued' | 'delivered' | 'failed';
  error?: string;
}

export interface InvocationChain {
  id: string;
  pushRequests: number;
}

export interface PushRecord {
  queueName: string;
  events: number;
  status: number;
  chainId: string;
  functionKey: string | undefined;
}

const EVENTS_LIMITS = {
  eventsPerPush: 50,
  payloadKbPerPush: 200,
  payloadKbPerEventLongRunning: 100,
  /** Functions with a timeout above this many seconds are "long running". */
  longRunningAboveSeconds: 55,
  eventsPerMinute: 500,
  pushRequestsPerChain: 1000,
} as const;

const sizeKb = (value: unknown) => Buffer.byteLength(JSON.stringify(value)) / 1024;

function json(status: number, body?: unknown): Response {
  return body === undefined ? new Response(null, { status }) : new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
}

export class ForgeEventsService {
  readonly queued: QueuedEvent[] = [];
  readonly pushes: PushRecord[] = [];
  private readonly recentEvents: number[] = [];

  constructor(
    private readonly manifest: ForgeManifest,
    private readonly now: () => number = Date.now,
  ) {}

  consumerOf(queueName: string): ManifestConsumer | undefined {
    return this.manifest.consumers.find((consumer) => consumer.queue === queueName);
  }

  handlePublish(init: RequestInit | undefined, caller: { functionKey?: string; chain: InvocationChain }): Response {
    const request = JSON.parse(requestText(init, '{}')) as { queueName?: string; jobId?: string; payload?: Array<{ body: Record<string, unknown>; delayInSeconds?: number }> };
    const queueName = String(request.queueName ?? '');
    const events = Array.isArray(request.payload) ? request.payload : [];
    const answer = this.admit(queueName, events, caller.chain);
    this.pushes.push({ queueName, events: events.length, status: answer.status, chainId: caller.chain.id, functionKey: caller.functionKey });
    if (answer.status !== 201) return answer;
    const now = this.now();
    for (const event of events) {
      this.queued.push({
        seq: this.queued.length + 1,
        queueName,
        jobId: String(request.jobId),
        body: event.body,
        delayInSeconds: event.delayInSeconds,
        pushedAt: now,
        dueAt: now + (event.delayInSeconds ?? 0) * 1000,
        chainId: caller.chain.id,
        pushedBy: caller.functionKey,
        state: 'queued',
      });
      this.recentEvents.push(now);
    }
    return answer;
  }

  private admit(queueName: string, events: Array<{ body: Record<string, unknown> }>, chain: InvocationChain): Response {
    // Every push request counts towards the chain, refused or not.
    chain.pushRequests += 1;
    if (chain.pushRequests > EVENTS_LIMITS.pushRequestsPerChain) return json(405, { message: 'The limit on cyclic invocation has been reached.' });
    if (events.length === 0) return json(400, { message: 'No events pushed.' });
    if (events.length > EVENTS_LIMITS.eventsPerPush) return json(400, { message: `This push contains more than the ${EVENTS_LIMITS.eventsPerPush} events allowed.` });
    if (sizeKb(events) > EVENTS_LIMITS.payloadKbPerPush) return json(413, { errorMessage: `The maximum payload size is ${EVENTS_LIMITS.payloadKbPerPush}KB.` });
    const consumer = this.consumerOf(queueName);
    const timeout = consumer ? this.manifest.functions.get(consumer.function)?.timeoutSeconds : undefined;
    if (timeout !== undefined && timeout > EVENTS_LIMITS.longRunningAboveSeconds) {
      const tooBig = events.findIndex((event) => sizeKb(event) > EVENTS_LIMITS.payloadKbPerEventLongRunning);
      if (tooBig >= 0) {
        return json(413, {
          errorMessage: `Event ${tooBig} is larger than ${EVENTS_LIMITS.payloadKbPerEventLongRunning}KB, the limit for a consumer with timeoutSeconds over ${EVENTS_LIMITS.longRunningAboveSeconds}.`,
        });
      }
    }
    const now = this.now();
    while (this.recentEvents.length > 0 && this.recentEvents[0]! <= now - 60_000) this.recentEvents.shift();
    if (this.recentEvents.length + events.length > EVENTS_LIMITS.eventsPerMinute) return json(429, { message: 'Too many requests.' });
    return json(201);
  }

  /** Events whose delay has passed and that are not delivered yet, oldest first. */
  due(now = this.now()): QueuedEvent[] {
    return this.queued.filter((event) => event.state === 'queued' && event.dueAt <= now);
  }

  waiting(): QueuedEvent[] {
    return this.queued.filter((event) => event.state === 'queued');
  }
}
