import { inProcessQueue } from './in-process-queue';

describe('inProcessQueue', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('runs a job after its delay', async () => {
    const seen: unknown[] = [];
    const queue = inProcessQueue(async (body) => void seen.push(body), () => undefined);
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
});
