/**
 * `npm run bench`: runs every benchmark in test/bench/ and prints its numbers. Results are
 * written up by hand in test/bench/RESULTS.md with the machine, command and date. The
 * foundation has no benchmark yet; the tickets and identity work add theirs here.
 */
import { readdir } from 'node:fs/promises';
import { fileURLToPath, pathToFileURL } from 'node:url';
import path from 'node:path';

const dir = path.dirname(fileURLToPath(import.meta.url));
// `npm run bench -- sla-math auth` runs only the benches whose file name contains one of the words.
const only = process.argv.slice(2);
const benches = (await readdir(dir)).filter((f) => f.endsWith('.bench.ts') && (!only.length || only.some((w) => f.includes(w)))).sort();
if (!benches.length) console.log('no benchmarks yet (add test/bench/<name>.bench.ts)');
for (const file of benches) {
  console.log(`\n# ${file}`);
  await import(pathToFileURL(path.join(dir, file)).href);
}
