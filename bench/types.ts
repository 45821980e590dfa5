// One measured figure of a benchmark, with its target when the project sets one.
export interface BenchRow {
  benchmark: string;
  value: number;
  unit: string;
  /** Human-readable target, such as "≤ 20 ms"; empty when there is none. */
  target?: string;
  /** Whether the figure meets its target; undefined when there is none. */
  met?: boolean;
}

export interface Benchmark {
  name: string;
  run(): Promise<BenchRow[]>;
}
