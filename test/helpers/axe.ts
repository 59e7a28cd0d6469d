import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';

/**
 * The rules every page is held to: WCAG 2.0 A and AA and what 2.1 adds at AA, plus 2.2 AA's
 * target size (tap targets on a phone) and axe's best practices (landmarks, heading order,
 * unique landmark names), which catch what a screen-reader user trips over first.
 */
const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21aa', 'wcag22aa', 'best-practice'] as const;

const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** One element that breaks one rule, in words a person can act on. */
export interface AxeViolation {
  rule: string;
  impact: string;
  target: string;
  summary: string;
}

/**
 * Runs axe-core on the page as it is now and returns what breaks the rules of AXE_TAGS. The
 * library is evaluated through the DevTools protocol, which the page's CSP does not govern (a
 * `<script>` with inline content would be refused), so nothing is added to the document itself.
 *
 * @example
 * expect((await axeViolations(page)).map(formatViolation)).toEqual([]);
 */
export async function axeViolations(page: Page): Promise<AxeViolation[]> {
  if (!(await page.evaluate('typeof window.axe === "object"'))) await page.evaluate(AXE_SOURCE);
  // A string, not a function: the test project compiles without the DOM's types.
  return page.evaluate<AxeViolation[]>(`(async () => {
    const r = await window.axe.run(document, { runOnly: { type: 'tag', values: ${JSON.stringify(AXE_TAGS)} }, resultTypes: ['violations'] });
    return r.violations.flatMap((v) => v.nodes.map((n) => ({
      rule: v.id,
      impact: v.impact ?? '',
      target: n.target.join(' '),
      summary: (n.failureSummary ?? v.help).replace(/\\s+/g, ' ').trim(),
    })));
  })()`);
}

/** `rule at selector: what to fix`, one line per element. */
export const formatViolation = (v: AxeViolation) => `${v.rule} (${v.impact}) at ${v.target}: ${v.summary}`;
