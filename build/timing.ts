// Stage timings for the build log and `npm run bench`. The clock is injected so tests and the
// pipeline never read it themselves.
export interface StageTimer {
  <T>(stage: string, fn: () => Promise<T>): Promise<T>;
  readonly stages: [string, number][];
  /** Adds `ms` to a stage (creating it), for work measured from inside another stage. */
  record(stage: string, ms: number): void;
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
  const record = (stage: string, ms: number) => {
    const row = stages.find(([s]) => s === stage);
    if (row) row[1] += ms;
    else stages.push([stage, ms]);
  };
  return Object.assign(time, { stages, record });
}
