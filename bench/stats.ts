/** Timing helpers for the benchmarks: wall-clock samples in milliseconds, reported as percentiles. */
export async function sample(times: number, run: (index: number) => unknown): Promise<number[]> {
  const samples: number[] = [];
  for (let index = 0; index < times; index += 1) {
    const start = process.hrtime.bigint();
    await run(index);
    samples.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  return samples;
}

function percentile(samples: number[], p: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}

export function report(name: string, samples: number[], extra: Record<string, string | number> = {}): void {
  const fields = { median_ms: percentile(samples, 50).toFixed(2), p95_ms: percentile(samples, 95).toFixed(2), runs: samples.length, ...extra };
  console.log(
    `${name}: ${Object.entries(fields)
      .map(([key, value]) => `${key}=${value}`)
      .join(' ')}`,
  );
}
