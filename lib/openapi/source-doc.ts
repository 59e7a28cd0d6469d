import { readFileSync } from 'node:fs';
import path from 'node:path';
import { FUNCTIONS_DIR } from '#lib/router/mount.ts';

/** The source of a file in functions/, for its JSDoc. */
export function readSource(file: string): string | undefined {
  try {
    return readFileSync(path.join(FUNCTIONS_DIR, file), 'utf8');
  } catch {
    return undefined; // a table loaded from elsewhere (tests): no JSDoc, no harm
  }
}

/** The JSDoc right above `export default`, as one paragraph, without its leading `GET /path — `. */
export function leadingDoc(source: string): string | undefined {
  const block = /\/\*\*((?:(?!\*\/)[\s\S])*)\*\/\s*export default/.exec(source)?.[1];
  if (!block) return undefined;
  const text = block
    .split('\n')
    .map((line) => line.replace(/^\s*\*\s?/, '').trim())
    .filter((line) => line && !line.startsWith('@'))
    .join(' ');
  const rest = text.replace(/^[A-Z]+(?:\s*(?:,|and)\s*[A-Z]+)* \/\S*\s+[—–-]+\s+/, '');
  return rest ? rest[0]!.toUpperCase() + rest.slice(1) : undefined;
}

/** The first sentence, cut to 120 characters: a summary line. */
export function firstSentence(text: string): string {
  const sentence = /^.+?[.!?](?=\s|$)/.exec(text)?.[0] ?? text;
  if (sentence.length <= 120) return sentence;
  return `${sentence.slice(0, 117).replace(/\s+\S*$/, '')}…`;
}
