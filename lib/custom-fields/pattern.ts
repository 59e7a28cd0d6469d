import { createRequire } from 'node:module';
import { t } from '#lib/i18n/translate.ts';
import { patternCost } from './pattern-cost.ts';

/**
 * Tenant-supplied patterns (regex custom fields) run here, on RE2 (re2-wasm), never on
 * JavaScript's backtracking RegExp: `^(a+)+$` against "aaa…a!" held the event loop for seconds.
 * RE2 matches in time linear in the input, and refuses what needs backtracking
 * (backreferences, lookaround). The syntax is RE2's: https://github.com/google/re2/wiki/Syntax.
 *
 * re2-wasm's own RE2 class is not used: it never frees what it compiles (about 4,000 compiles
 * and the engine's fixed 16 MiB heap is full), and a full heap aborts the engine for good. Here
 * every compiled pattern is freed when it leaves a small cache, a refused one at once, and a
 * pattern is priced (patternCost) before RE2 may allocate for it.
 */

/** Longest pattern the API and pages accept. */
export const PATTERN_MAX_LENGTH = 300;
/** Longest value a regex field holds, so one match is bounded too. */
export const PATTERN_VALUE_MAX_LENGTH = 255;
/**
 * Highest patternCost accepted. Measured: 32 cached patterns at this cost, each matched against
 * thousands of random 500-character values, stay well inside the 16 MiB heap (test/custom-field-patterns.test.ts).
 */
const PATTERN_COST_BUDGET = 500;
const CACHE_SIZE = 16;

interface Compiled {
  ok(): boolean;
  error(): string;
  match(input: string, start: number, groups: boolean): { index: number };
  delete(): void;
}
interface Engine {
  WrappedRE2: new (pattern: string, ignoreCase: boolean, multiline: boolean, dotAll: boolean) => Compiled;
}

/** A pattern RE2 will not run: the message says why, in words an admin can act on. */
export class PatternError extends Error {
  override name = 'PatternError';
}

const require = createRequire(import.meta.url);
const ENGINE_PATH = require.resolve('re2-wasm/build/wasm/re2.js');
let engine: Engine | null = null;
const cache = new Map<string, Compiled>();

function loadEngine(): Engine {
  engine ??= require(ENGINE_PATH) as Engine;
  return engine;
}

/**
 * After an abort the WebAssembly instance is dead; a fresh copy of the module gets a fresh heap.
 * The patterns compiled in the old one went with it.
 */
function resetEngine(): void {
  delete require.cache[ENGINE_PATH];
  engine = null;
  cache.clear();
}

/** Why RE2 would not run `pattern`, or null when it would. Compiles once and frees it. */
export function patternProblem(pattern: string): string | null {
  try {
    compile(pattern).delete();
    return null;
  } catch (err) {
    if (err instanceof PatternError) return err.message;
    throw err;
  }
}

/**
 * Runs `fn` on the engine; when the engine aborts (its heap full, say by patterns compiled
 * elsewhere) it is replaced once and `fn` tried again, so one bad moment is not a lasting outage.
 */
function onEngine<T>(fn: (e: Engine) => T): T {
  try {
    return fn(loadEngine());
  } catch (err) {
    if (!isAbort(err)) throw err;
    resetEngine();
    try {
      return fn(loadEngine());
    } catch (again) {
      if (!isAbort(again)) throw again;
      resetEngine();
      throw new PatternError(t('validation.pattern.engine_failed'));
    }
  }
}

/** An abort of the WebAssembly engine (a WebAssembly.RuntimeError, which lib ES2023 does not type). */
const isAbort = (err: unknown): boolean => err instanceof Error && err.constructor.name === 'RuntimeError';

function compile(pattern: string): Compiled {
  if (pattern.length > PATTERN_MAX_LENGTH) throw new PatternError(t('validation.max_chars', { max: PATTERN_MAX_LENGTH }));
  if (patternCost(pattern) > PATTERN_COST_BUDGET) {
    throw new PatternError(t('validation.pattern.too_costly', { repetitions: '{n,m}', classes: '\\p{…}' }));
  }
  const re = onEngine((e) => new e.WrappedRE2(pattern, false, false, false));
  if (!re.ok()) {
    const reason = re.error();
    re.delete();
    throw new PatternError(t('validation.pattern.invalid', { reason }));
  }
  return re;
}

/**
 * Whether `value` matches `pattern` (unanchored, like RegExp#test; use ^ and $ to anchor).
 * Throws PatternError for a pattern RE2 refuses or one too large, and for a value over
 * PATTERN_VALUE_MAX_LENGTH characters.
 *
 * @example
 * patternMatches('^[A-Z]{2}-\\d+$', 'AB-12'); // true
 * patternMatches('^(a+)+$', 'a'.repeat(24) + '!'); // false, in microseconds
 */
export function patternMatches(pattern: string, value: string): boolean {
  if (value.length > PATTERN_VALUE_MAX_LENGTH) throw new PatternError(t('validation.pattern.value_too_long', { max: PATTERN_VALUE_MAX_LENGTH }));
  return onEngine(() => cached(pattern).match(value, 0, false).index >= 0);
}

/** The compiled pattern, most recently used last; the least recently used is freed beyond CACHE_SIZE. */
function cached(pattern: string): Compiled {
  let re = cache.get(pattern);
  if (re) {
    cache.delete(pattern);
  } else {
    re = compile(pattern);
    if (cache.size >= CACHE_SIZE) {
      const [oldest, evicted] = cache.entries().next().value as [string, Compiled];
      cache.delete(oldest);
      evicted.delete();
    }
  }
  cache.set(pattern, re);
  return re;
}
