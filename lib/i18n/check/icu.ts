import { parse, TYPE, type MessageFormatElement } from '@formatjs/icu-messageformat-parser';

/**
 * The argument and tag names a message uses, or the parser's complaint. A translation must use
 * the same names as the English (a renamed argument would print as nothing).
 */
export function messageArguments(message: string): { names: string[] } | { error: string } {
  try {
    const names = new Set<string>();
    collect(parse(message), names);
    return { names: [...names].sort() };
  } catch (err) {
    return { error: err instanceof Error ? err.message : String(err) };
  }
}

function collect(elements: MessageFormatElement[], names: Set<string>): void {
  for (const el of elements) {
    if (el.type === TYPE.literal || el.type === TYPE.pound) continue;
    names.add(el.value);
    if (el.type === TYPE.plural || el.type === TYPE.select) for (const option of Object.values(el.options)) collect(option.value, names);
    if (el.type === TYPE.tag) collect(el.children, names);
  }
}
