/** Real log lines from the hub's test corpus, used to build near-matches. */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** Up to `perFile` non-empty lines (at most 2 KiB each) of every `.tests/<test>/*.log`. */
export function hubSampleLines(hubDir: string, perFile: number): string[] {
  const root = join(hubDir, '.tests');
  const lines: string[] = [];
  for (const test of readdirSync(root).sort()) {
    const dir = join(root, test);
    if (!statSync(dir).isDirectory()) continue;
    for (const file of readdirSync(dir)) {
      if (!file.endsWith('.log')) continue;
      const text = readFileSync(join(dir, file), 'utf8');
      let taken = 0;
      for (const raw of text.split('\n')) {
        const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
        if (line === '' || line.length > 2048) continue;
        lines.push(line);
        if (++taken >= perFile) break;
      }
    }
  }
  return lines;
}
