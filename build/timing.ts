// Stage timings for the build log and `npm run bench`. The clock is injected so tests and the
// pipeline never read it themselves.
export interface StageTimer {
  <T>(stage: string, fn: () => Promise<T>): Promise<T>;
  readonly stages: [string, number][];
}

export function stageTimer(now: () => number = () => performance.now()): StageTimer {
  const stages: [string, number][] = [];
  const time = async <T>(stage: string, fn: () => Promise<T>): Promise<T> => {
    const t0 = now();
    try {
      return await fn();
    } finally {
      stages.push([stage, now() - t0]);
    }
  };
  return Object.assign(time, { stages });
}
