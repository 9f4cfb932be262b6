import { eventBytes, planPushes, QUEUE_LIMITS } from './queue-limits';

describe("Forge's queue limits", () => {
  it('splits jobs into pushes of at most 50 events and 200 KB', () => {
    const small = Array.from({ length: 120 }, (_, n) => ({ body: { kind: 'backfill', repositoryId: `repo_${n}` } }));
    expect(planPushes(small).map((push) => push.length)).toEqual([50, 50, 20]);
    const large = Array.from({ length: 5 }, (_, n) => ({ body: { kind: 'smart-commits', n, shas: Array.from({ length: 1_500 }, (_, i) => i.toString(16).padStart(40, '0')) } }));
    const pushes = planPushes(large);
    expect(eventBytes(large[0]!)).toBeGreaterThan(60 * 1024);
    expect(pushes.every((push) => push.reduce((total, job) => total + eventBytes(job), 0) <= QUEUE_LIMITS.pushBytes)).toBe(true);
    expect(pushes.flat()).toHaveLength(5);
  });

  it('refuses an event over 100 KB, which a consumer with timeoutSeconds 900 may not receive, and a delay over 15 minutes', () => {
    expect(() => planPushes([{ body: { kind: 'x', blob: 'x'.repeat(100 * 1024) } }])).toThrow(/over 100 KB/);
    expect(() => planPushes([{ body: { kind: 'x' }, delayInSeconds: 901 }])).toThrow(/over 15 minutes/);
  });
});
