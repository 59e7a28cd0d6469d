/**
 * A conservative estimate of how large RE2 will compile a pattern, read in one pass without
 * compiling it. re2-wasm runs in a fixed 16 MiB WebAssembly heap that cannot grow: a pattern as
 * short as `\p{L}{100}` compiles to megabytes of UTF-8 automaton and aborts the whole engine
 * (every regex field of every tenant stops working until a restart). So a pattern is priced
 * first, and one above the budget never reaches RE2.
 *
 * The price is a sum over atoms, each weighted by how many instructions its UTF-8 form costs,
 * and multiplied by the upper bound of each counted repetition around it (`{n,m}` copies its
 * operand m times; `*`, `+` and `?` do not copy). Case-insensitive patterns count double.
 *
 * @example
 * patternCost('^[A-Z]{2}-\\d{4}$'); // 59
 * patternCost('\\p{L}{100}');       // 320040: far above PATTERN_COST_BUDGET
 */
export function patternCost(pattern: string): number {
  // One frame per open group: the finished alternatives, the current sequence, its last atom.
  const frames: { done: number; seq: number; last: number }[] = [{ done: 0, seq: 0, last: 0 }];
  const top = () => frames[frames.length - 1]!;
  const atom = (cost: number) => {
    const f = top();
    f.seq += cost;
    f.last = cost;
  };
  let i = 0;
  while (i < pattern.length) {
    const ch = pattern[i]!;
    if (ch === '\\') {
      const [cost, next] = escapeCost(pattern, i);
      atom(cost);
      i = next;
    } else if (ch === '[') {
      const [cost, next] = classCost(pattern, i);
      atom(cost);
      i = next;
    } else if (ch === '(') {
      frames.push({ done: 0, seq: 0, last: 0 });
      i = pattern.startsWith('(?', i) ? skipGroupFlags(pattern, i + 2) : i + 1;
    } else if (ch === ')') {
      const f = frames.length > 1 ? frames.pop()! : top();
      atom(f.done + f.seq + 1);
      i += 1;
    } else if (ch === '|') {
      const f = top();
      f.done += f.seq + 1;
      f.seq = 0;
      f.last = 0;
      i += 1;
    } else if (ch === '{' && /^\{\d+(,\d*)?\}/.test(pattern.slice(i, i + 12))) {
      const m = /^\{(\d+)(?:,(\d*))?\}/.exec(pattern.slice(i, i + 12))!;
      const upper = m[2] === undefined ? Number(m[1]) : m[2] === '' ? Number(m[1]) + 1 : Number(m[2]);
      const f = top();
      f.seq += f.last * (Math.max(upper, 1) - 1);
      f.last *= Math.max(upper, 1);
      i += m[0].length;
    } else if (ch === '*' || ch === '+' || ch === '?') {
      top().seq += 1;
      i += 1;
    } else {
      // `.` is any code point: four UTF-8 lengths of byte ranges.
      atom(ch === '.' ? 16 : ch.codePointAt(0)! > 0x7f ? 2 : 1);
      i += ch.length;
    }
  }
  while (frames.length > 1) {
    const f = frames.pop()!;
    atom(f.done + f.seq);
  }
  // Every compiled pattern costs about 4 KiB before its first atom.
  const total = 40 + top().done + top().seq;
  return /\(\?[a-zA-Z]*i/.test(pattern) ? total * 2 : total;
}

/**
 * Unicode classes expand to hundreds of UTF-8 byte ranges. Measured in re2-wasm, in units of
 * about 100 bytes of heap: \p{L} 3,100, \p{Lo} 2,400, other categories (\p{Lu}, \p{P}, \PL)
 * up to 1,600; digits (\p{N}, \p{Nd}) 200 to 400, scripts (\p{Greek}, \p{Han}) 80 to 300,
 * \p{Common} 550.
 */
function unicodeClassCost(name: string): number {
  const bare = name.replace(/^\^/, '');
  if (bare === 'L') return 3_200;
  if (bare === 'Lo') return 2_500;
  if (bare === 'N' || bare === 'Nd' || bare === 'Z' || bare === 'Zs') return 400;
  if (bare === 'Common') return 600;
  return bare.length <= 2 ? 1_600 : 300;
}

function escapeCost(p: string, i: number): [number, number] {
  const kind = p[i + 1] ?? '';
  if (kind === 'p' || kind === 'P') {
    const next = p[i + 2] === '{' ? closing(p, i + 2, '}') : i + 3;
    return [unicodeClassCost(p[i + 2] === '{' ? p.slice(i + 3, next - 1) : (p[i + 2] ?? '')), next];
  }
  if (kind === 'x' && p[i + 2] === '{') return [3, closing(p, i + 2, '}')];
  if (kind === 'Q') {
    const end = p.indexOf('\\E', i + 2);
    const stop = end < 0 ? p.length : end + 2;
    return [stop - i, stop];
  }
  // \d \s \w and their negations are ASCII classes in RE2; \D \S \W still span all of Unicode.
  if (kind === 'D' || kind === 'S' || kind === 'W') return [16, i + 2];
  return [2, i + 2];
}

function classCost(p: string, start: number): [number, number] {
  let i = start + 1;
  let cost = 1;
  if (p[i] === '^') {
    cost += 16; // the complement of a class spans the rest of Unicode
    i += 1;
  }
  if (p[i] === ']') i += 1; // a leading ] is a literal
  while (i < p.length && p[i] !== ']') {
    if (p[i] === '\\') {
      const [c, next] = escapeCost(p, i);
      cost += c;
      i = next;
    } else if (p.startsWith('[:', i)) {
      cost += 2;
      i = closing(p, i, ']');
    } else {
      cost += p.codePointAt(i)! > 0x7f ? 16 : 1;
      i += p[i]!.length;
    }
  }
  return [cost, i + 1];
}

function skipGroupFlags(p: string, i: number): number {
  if (p[i] === 'P' && p[i + 1] === '<') return closing(p, i, '>');
  while (i < p.length && /[a-zA-Z-]/.test(p[i]!)) i += 1;
  return p[i] === ':' ? i + 1 : i;
}

function closing(p: string, from: number, ch: string): number {
  const end = p.indexOf(ch, from);
  return end < 0 ? p.length : end + 1;
}
