// The benchmarks `npm run bench` runs, in order. Each module measures against real components
// (the server on loopback, SQLite files on disk) and returns rows for the table.
import { checklistOverviewBenchmark } from './checklistOverview';
import { localDataBenchmark } from './localData.bench';
import { searchBenchmark } from './search.bench';
import { syncBenchmark } from './sync.bench';
import type { Benchmark } from './types';

export const BENCHMARKS: Benchmark[] = [syncBenchmark, searchBenchmark, localDataBenchmark, checklistOverviewBenchmark];
