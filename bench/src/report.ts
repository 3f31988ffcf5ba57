/** One line of the benchmark table: a measured figure beside the ceiling measured in the same run. */
export interface Row {
  benchmark: string;
  case: string;
  /** Operations per second. */
  rate?: number;
  p50Ms?: number;
  p99Ms?: number;
  /** Wall time of a fixed amount of work, e.g. expiring 100,000 orders. */
  seconds?: number;
  /** The process's peak resident memory, in MiB. */
  peakRssMiB?: number;
  /** The ceiling it is compared with, e.g. "hello 5,100 req/s". */
  ceiling?: string;
  /** Measured figure ÷ ceiling. */
  ratio?: number;
  note?: string;
}

/** A point of the `create` latency curve, for the chart. */
export interface CurvePoint {
  series: string;
  concurrency: number;
  p50Ms: number;
  p99Ms: number;
  rate: number;
}

export interface BenchmarkOutcome {
  rows: Row[];
  curve?: CurvePoint[];
}

export interface Benchmark {
  name: string;
  run(): Promise<BenchmarkOutcome>;
}
