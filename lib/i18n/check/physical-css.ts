/**
 * Declarations that place things by left and right: each has a logical twin (margin-inline-start,
 * inset-inline-end, text-align: start…) that follows the direction of the text, so a
 * right-to-left language later needs no change of layout.
 */
const PHYSICAL = /^\s*((?:margin|padding|border)-(?:left|right)(?:-\w+)?|left|right|float\s*:\s*(?:left|right)|clear\s*:\s*(?:left|right)|text-align\s*:\s*(?:left|right))\b/;

export function physicalCss(file: string, css: string): string[] {
  return css.split('\n').flatMap((line, i) => {
    const declarations = line.replace(/\/\*.*?\*\//g, '').split(/[;{]/);
    return declarations.some((d) => PHYSICAL.test(d) && d.includes(':')) ? [`${file}:${i + 1}: "${line.trim()}" places by left/right: use the logical property`] : [];
  });
}
