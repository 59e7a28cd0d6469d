import { parseSync } from 'oxc-parser';

/** A piece of text written into JSX instead of taken from the catalogue. */
export interface HardcodedText {
  file: string;
  line: number;
  text: string;
  /** Where it sits: 'text' (between tags) or the attribute's name. */
  where: string;
}

/**
 * Attributes whose value people read (or hear, from a screen reader). Technical attributes
 * (class, href, name, hx-get, …) are never text, so they are not listed.
 */
const READ_ATTRIBUTES = new Set([
  'title',
  'placeholder',
  'aria-label',
  'aria-description',
  'aria-roledescription',
  'aria-valuetext',
  'alt',
  'label',
  'hx-confirm',
  'hx-prompt',
  'summary',
  'heading',
  'legend',
  'caption',
  'hint',
  'description',
  'message',
  'confirm',
  'empty',
]);

/** Code samples and identifiers are not prose: what sits inside these elements is left alone. */
const CODE_ELEMENTS = new Set(['code', 'pre', 'script', 'style']);

const HAS_LETTER = /\p{L}/u;

type Node = { type: string; [key: string]: unknown };

/**
 * Every letter-bearing string in JSX text, in a JSX child expression ({'Yes'}, {x ? 'On' : 'Off'})
 * or in a read attribute (title="…", also a submit button's value) of one .tsx source: each must
 * come from the catalogue instead (lib/i18n/translate.ts).
 *
 * @example
 * hardcodedTexts('views/x.tsx', '<p title="Hi">Hello</p>'); // two findings
 */
export function hardcodedTexts(file: string, source: string): HardcodedText[] {
  const { program, errors } = parseSync(file, source);
  if (errors.length > 0) return [{ file, line: 1, text: errors[0]?.message ?? 'parse error', where: 'parse' }];
  const lineOf = lineIndex(source);
  const found: HardcodedText[] = [];
  // A text node starts at the end of the tag before it: its line is that of its first letter.
  const report = (node: Node, text: string, where: string) => {
    const lead = node.type === 'JSXText' ? Math.max(0, text.search(/\S/)) : 0;
    found.push({ file, line: lineOf((node.start as number) + lead), text: text.trim().slice(0, 80), where });
  };

  const visit = (node: unknown, inCode: boolean): void => {
    if (Array.isArray(node)) {
      for (const child of node) visit(child, inCode);
      return;
    }
    if (!node || typeof node !== 'object' || typeof (node as Node).type !== 'string') return;
    const n = node as Node;
    if (n.type === 'JSXElement') {
      const opening = n.openingElement as Node;
      const name = elementName(opening.name as Node);
      const code = inCode || CODE_ELEMENTS.has(name);
      checkAttributes(opening.attributes as Node[], report);
      for (const child of n.children as Node[]) {
        if (code) continue;
        if (child.type === 'JSXText' && HAS_LETTER.test(child.value as string)) report(child, child.value as string, 'text');
        else if (child.type === 'JSXExpressionContainer') for (const literal of literalsOf(child.expression as Node)) report(literal.node, literal.text, 'text');
      }
      visit(n.children, code);
      return;
    }
    for (const [key, value] of Object.entries(n)) if (key !== 'type') visit(value, inCode);
  };
  visit(program, false);
  return found;
}

function checkAttributes(attributes: Node[], report: (node: Node, text: string, where: string) => void): void {
  const typeOf = attributes.find((a) => a.type === 'JSXAttribute' && elementName(a.name as Node) === 'type');
  const typeValue = typeOf && (typeOf.value as Node | null)?.type === 'Literal' ? String((typeOf.value as Node).value) : '';
  for (const attribute of attributes) {
    if (attribute.type !== 'JSXAttribute' || !attribute.value) continue;
    const name = elementName(attribute.name as Node);
    const read = READ_ATTRIBUTES.has(name) || (name === 'value' && ['submit', 'button', 'reset'].includes(typeValue));
    if (!read) continue;
    const value = attribute.value as Node;
    const expression = value.type === 'JSXExpressionContainer' ? (value.expression as Node) : value;
    for (const literal of literalsOf(expression)) report(literal.node, literal.text, name);
  }
}

/** The string literals an expression can evaluate to directly: itself, a ternary's branches, `a && 'x'`, a template's text. */
function literalsOf(expression: Node | undefined): { node: Node; text: string }[] {
  if (!expression) return [];
  switch (expression.type) {
    case 'Literal':
      return typeof expression.value === 'string' && HAS_LETTER.test(expression.value) ? [{ node: expression, text: expression.value }] : [];
    case 'TemplateLiteral': {
      const text = (expression.quasis as Node[]).map((q) => (q.value as { cooked?: string }).cooked ?? '').join('…');
      return HAS_LETTER.test(text) ? [{ node: expression, text }] : [];
    }
    case 'ConditionalExpression':
      return [...literalsOf(expression.consequent as Node), ...literalsOf(expression.alternate as Node)];
    case 'LogicalExpression':
      return [...literalsOf(expression.left as Node), ...literalsOf(expression.right as Node)];
    case 'ParenthesizedExpression':
    case 'TSAsExpression':
      return literalsOf(expression.expression as Node);
    default:
      return [];
  }
}

function elementName(name: Node): string {
  if (name.type === 'JSXIdentifier') return name.name as string;
  if (name.type === 'JSXNamespacedName') return `${(name.namespace as Node).name as string}:${(name.name as Node).name as string}`;
  if (name.type === 'JSXMemberExpression') return `${elementName(name.object as Node)}.${(name.property as Node).name as string}`;
  return '';
}

function lineIndex(source: string): (offset: number) => number {
  const starts = [0];
  for (let i = 0; i < source.length; i++) if (source[i] === '\n') starts.push(i + 1);
  return (offset) => {
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo + 1;
  };
}
