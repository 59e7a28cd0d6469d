import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '..');
const SOURCE = /\.(ts|tsx|mts|cts|js|mjs)$/;

/** package.json `imports` (`#views/*` -> `./views/*`), the one map every `#` specifier goes through. */
async function importMap(): Promise<[prefix: string, target: string][]> {
  const pkg = JSON.parse(await readFile(path.join(ROOT, 'package.json'), 'utf8')) as { imports: Record<string, string> };
  return Object.entries(pkg.imports).map(([k, v]) => [k.replace(/\*$/, ''), v.replace(/\*$/, '')]);
}

/**
 * Every module specifier a source file names: static and type imports, re-exports, side-effect
 * and dynamic imports, require(). Block and whole-line comments are dropped first, so an
 * @example does not count; a template literal counts up to its first `${`.
 */
function specifiers(text: string): string[] {
  const code = text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '');
  const found: string[] = [];
  const patterns = [/\b(?:import|export)\b[^'"`;]*?\bfrom\s*(['"])([^'"]+)\1/g, /\bimport\s*(['"])([^'"]+)\1/g, /\b(?:import|require)\s*\(\s*(['"`])([^'"`$]+)/g];
  for (const re of patterns) for (const m of code.matchAll(re)) found.push(m[2]!);
  return found;
}

/** Where a specifier lands, relative to the repository root; bare package names stay as they are. */
function resolve(spec: string, fromFile: string, map: [string, string][]): string {
  const mapped = map.find(([prefix]) => spec.startsWith(prefix));
  if (mapped) return path.posix.normalize(mapped[1] + spec.slice(mapped[0].length));
  if (spec.startsWith('.'))
    return path
      .relative(ROOT, path.resolve(path.dirname(path.join(ROOT, fromFile)), spec))
      .split(path.sep)
      .join('/');
  return spec;
}

async function sourceFiles(dir: string): Promise<string[]> {
  const entries = await readdir(path.join(ROOT, dir), { recursive: true, withFileTypes: true });
  return entries.filter((d) => d.isFile() && SOURCE.test(d.name)).map((d) => path.relative(ROOT, path.join(d.parentPath, d.name)).split(path.sep).join('/'));
}

describe('layering', () => {
  it('finds every way a file can name a module', () => {
    const text = [
      "import { a } from '#views/a.tsx';",
      "import type { B } from '../views/b.tsx';",
      'export { c } from "#views/c.tsx";',
      "import '#views/d.css';",
      'const e = await import(`#views/${name}.tsx`);',
      "import {\n  f,\n  g,\n} from '#views/fg.tsx';",
      "/** @example import { h } from '#views/h.tsx'; */",
      "// import { i } from '#views/i.tsx';",
    ].join('\n');
    expect(specifiers(text)).toEqual(['#views/a.tsx', '../views/b.tsx', '#views/c.tsx', '#views/fg.tsx', '#views/d.css', '#views/']);
  });

  it('lib/ imports nothing from views/: pages own their state types in lib/pages, views import them', async () => {
    const map = await importMap();
    const offenders: string[] = [];
    for (const file of await sourceFiles('lib')) {
      const text = await readFile(path.join(ROOT, file), 'utf8');
      for (const spec of specifiers(text)) {
        const target = resolve(spec, file, map);
        if (target === 'views' || target.startsWith('views/')) offenders.push(`${file} imports ${spec}`);
      }
    }
    expect(offenders).toEqual([]);
  });

  it('views wrap a wide table only through TableScroll (a named, focusable scroll region), never a bare table-wrap', async () => {
    const bare: string[] = [];
    for (const file of await sourceFiles('views')) {
      if (file === 'views/table-scroll.tsx') continue;
      if (/class=["'{`][^"'`]*\btable-wrap\b/.test(await readFile(path.join(ROOT, file), 'utf8'))) bare.push(file);
    }
    expect(bare).toEqual([]);
  });
});
