// The benchmarks `npm run bench` runs, in order. Each module measures against real components
// (the server on loopback, SQLite files on disk) and returns rows for the table.
import { checklistOverviewBenchmark } from './checklistOverview';
import type { Benchmark } from './types';

export const BENCHMARKS: Benchmark[] = [checklistOverviewBenchmark];
