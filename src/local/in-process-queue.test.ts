import { inProcessQueue } from './in-process-queue';

describe('inProcessQueue', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('runs a job after its delay', async () => {
    const seen: unknown[] = [];
    const queue = inProcessQueue(
      async (body) => void seen.push(body),
      () => undefined,
    );
    await queue.push([{ body: { jobId: 'j1' }, delayInSeconds: 30 }]);
    await jest.advanceTimersByTimeAsync(29_000);
    expect(seen).toEqual([]);
    await jest.advanceTimersByTimeAsync(1_000);
    await queue.idle();
    expect(seen).toEqual([{ jobId: 'j1' }]);
  });

  it('reports a failing job and retries it with growing delays, up to the attempt limit', async () => {
    const errors: unknown[] = [];
    let calls = 0;
    const queue = inProcessQueue(
      async () => {
        calls += 1;
        throw new Error('provider down');
      },
      (error) => errors.push(error),
      3,
    );
    await queue.push([{ body: { jobId: 'j2' } }]);
    await jest.advanceTimersByTimeAsync(0);
    expect(calls).toBe(1);
    await jest.advanceTimersByTimeAsync(2_000);
    expect(calls).toBe(2);
    await jest.advanceTimersByTimeAsync(4_000);
    expect(calls).toBe(3);
    await jest.advanceTimersByTimeAsync(60_000);
    expect(calls).toBe(3);
    expect(errors).toHaveLength(3);
  });

  it('refuses what Forge refuses: an event over 100 KB, and the 1,001st push of one chain', async () => {
    const refusals: string[] = [];
    // Each job queues the next: one chain, as a backfill's slices are.
    const queue: ReturnType<typeof inProcessQueue> = inProcessQueue(
      async (body) => {
        try {
          await queue.push([{ body: { step: Number(body.step) + 1 } }]);
        } catch (error) {
          refusals.push(`${Number(body.step)}: ${(error as Error).message}`);
        }
      },
      () => undefined,
    );
    await expect(queue.push([{ body: { blob: 'x'.repeat(101 * 1024) } }])).rejects.toThrow(/over 100 KB/);
    await queue.push([{ body: { step: 1 } }]);
    for (let tick = 0; tick < 2_000 && refusals.length === 0; tick += 1) await jest.advanceTimersByTimeAsync(1);
    await queue.idle();
    // The first push (from outside any job) and 999 made by jobs: the 1,000th job's push is refused.
    expect(refusals).toEqual([expect.stringMatching(/^1000: .*1,000 pushes/)]);
  });
});
