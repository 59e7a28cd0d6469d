import type { Page } from 'playwright-core';

/**
 * Why the document scrolls sideways, or `null` when it fits its viewport. Names the elements
 * where the overflow starts (wider than their parent's right edge while the parent fits), which
 * is where a fix goes.
 *
 * @example
 * expect(await horizontalOverflow(page)).toBeNull();
 */
export function horizontalOverflow(page: Page): Promise<string | null> {
  // Strings, not functions, here and below: the test project compiles without the DOM's types.
  return page.evaluate<string | null>(`(() => {
    const root = document.documentElement;
    const width = root.clientWidth;
    if (root.scrollWidth <= width + 1) return null;
    const name = (el) => el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') + [...el.classList].map((c) => '.' + c).join('');
    const culprits = [...document.body.querySelectorAll('*')]
      .filter((el) => el.getBoundingClientRect().right > width + 1 && (el.parentElement?.getBoundingClientRect().right ?? 0) <= width + 1)
      // Not causes: a fixed element spans whatever the viewport grew to, and one inside a box
      // that scrolls or clips is cut off there (unless it is placed absolutely, which can escape
      // such a box: an .sr-only label, say).
      .filter((el) => getComputedStyle(el).position !== 'fixed')
      .filter((el) => {
        if (getComputedStyle(el).position === 'absolute') return true;
        for (let up = el.parentElement; up && up !== document.body; up = up.parentElement) if (getComputedStyle(up).overflowX !== 'visible') return false;
        return true;
      })
      .slice(0, 5)
      .map((el) => name(el) + ' (right edge ' + Math.round(el.getBoundingClientRect().right) + 'px)');
    return 'the page is ' + root.scrollWidth + 'px wide in a ' + width + 'px viewport; it starts at ' + (culprits.join(', ') || 'an unknown element');
  })()`);
}

interface Focused {
  name: string;
  inMain: boolean;
  skipLink: boolean;
  /** An outline or a box-shadow is drawn while the element has keyboard focus. */
  styled: boolean;
  onScreen: boolean;
}

const focused = (page: Page): Promise<Focused | null> =>
  page.evaluate<Focused | null>(`(() => {
    const el = document.activeElement;
    if (!(el instanceof HTMLElement) || el === document.body) return null;
    const s = getComputedStyle(el);
    const r = el.getBoundingClientRect();
    const label = (el.getAttribute('aria-label') ?? el.textContent ?? '').replace(/\\s+/g, ' ').trim().slice(0, 40);
    return {
      name: el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') + (label ? ' "' + label + '"' : ''),
      inMain: el.closest('main') !== null,
      skipLink: el.matches('a.skip-link'),
      styled: el.matches(':focus-visible') && ((s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0) || s.boxShadow !== 'none'),
      onScreen: r.width > 0 && r.height > 0 && r.bottom > 0 && r.right > 0 && r.top < innerHeight && r.left < innerWidth,
    };
  })()`);

/**
 * What keeps a keyboard user from the page's content, as readable lines (`[]` when nothing does).
 * From a freshly loaded page, Tab must land on the skip link (visible, with a focus ring), Enter
 * on it and one more Tab must reach a control inside `<main>` with a focus ring. A page that
 * autofocuses a field must have put it inside `<main>`.
 *
 * @example
 * await page.goto(url);
 * expect(await keyboardProblems(page)).toEqual([]);
 */
export async function keyboardProblems(page: Page): Promise<string[]> {
  const problems: string[] = [];
  const check = (f: Focused | null, step: string) => {
    if (!f) problems.push(`${step}: nothing has focus`);
    else if (!f.styled) problems.push(`${step}: ${f.name} has no visible focus style (outline or box-shadow on :focus-visible)`);
    else if (!f.onScreen) problems.push(`${step}: ${f.name} has focus but is off screen`);
  };
  const first = await focused(page);
  if (first) {
    if (!first.inMain) problems.push(`autofocus: ${first.name} is outside <main>`);
    check(first, 'autofocus');
    return problems;
  }
  await page.keyboard.press('Tab');
  const skip = await focused(page);
  if (!skip?.skipLink) problems.push(`first Tab: expected the skip link, got ${skip?.name ?? 'nothing'}`);
  check(skip, 'first Tab');
  if (!skip?.skipLink) return problems;
  await page.keyboard.press('Enter');
  await page.keyboard.press('Tab');
  const target = await focused(page);
  if (target && !target.inMain) problems.push(`Tab after the skip link: ${target.name} is outside <main>`);
  check(target, 'Tab after the skip link');
  return problems;
}
