#!/usr/bin/env -S node --enable-experimental-regexp-engine-on-excessive-backtracks --disable-warning=ExperimentalWarning --max-semi-space-size=8 --heap-growing-percent=100
// Heap flags, measured with `palisade replay --stats-json` (same alerts, CPU within ~3%): a young
// generation of at most 8 MB per semi-space (default: up to 32) and an old generation that may grow
// to twice its live size between full collections (default: up to 4x) halve the peak RSS of a
// 1M-line replay (sshd 388 -> 185 MiB, nginx 383 -> 186 MiB). Benchmarks copy these flags.
import { main } from '../src/cli/index.ts';

process.exitCode = await main(process.argv);
