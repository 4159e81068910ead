export type BenchEngine = 'sqlite' | 'postgres';

/** A figure must be at least (`>=`) or at most (`<=`) the value to pass. */
export interface Target {
  op: '>=' | '<=';
  value: number;
}

/** One measured number. `value` is null when the engine was skipped (see `note`). */
export interface Figure {
  engine: BenchEngine | 'none';
  metric: string;
  value: number | null;
  unit: string;
  target?: Target;
  pass?: boolean;
  note?: string;
}

export interface Benchmark {
  name: string;
  description: string;
  run(): Promise<Figure[]>;
}

export interface MachineInfo {
  cpus: number;
  cpuModel: string;
  memoryGb: number;
  platform: string;
  node: string;
  engines: Record<string, string>;
}

/** What `bench/results/<name>.json` holds. */
export interface BenchResult {
  name: string;
  description: string;
  date: string;
  durationSeconds: number;
  /** One-minute load average before and after: other work on the machine skews the figures. */
  load?: { start: number; end: number };
  machine: MachineInfo;
  figures: Figure[];
}
