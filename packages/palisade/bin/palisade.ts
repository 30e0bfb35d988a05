#!/usr/bin/env -S node --enable-experimental-regexp-engine-on-excessive-backtracks --disable-warning=ExperimentalWarning
import { main } from '../src/cli/index.ts';

process.exitCode = await main(process.argv);
