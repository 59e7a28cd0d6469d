/**
 * Regenerates lib/auth/common-passwords.txt from the devDependency @zxcvbn-ts/language-common,
 * so the runtime ships a plain text file and never imports that package.
 * @example
 * npx tsx scripts/build-common-passwords.ts
 */
import { writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dictionary } from '@zxcvbn-ts/language-common';

/** How many passwords of the allowed length to keep, taken in order of frequency. */
const TOP = 10_000;
/** Mirrors PASSWORD_MIN in lib/auth/password.ts: shorter passwords are refused by length anyway. */
const MIN_LENGTH = 8;

const { version } = createRequire(import.meta.url)('@zxcvbn-ts/language-common/package.json') as { version: string };
const ranked = dictionary['passwords-common'];
const kept = new Set<string>();
for (const entry of ranked) {
  if (kept.size === TOP) break;
  const password = entry.toLowerCase();
  // Code points, as passwordProblem counts them; '#' lines would be read back as comments.
  if ([...password].length < MIN_LENGTH || password.startsWith('#') || /[\r\n]/.test(password)) continue;
  kept.add(password);
}

const header =
  `# The ${kept.size} most common passwords of ${MIN_LENGTH}+ characters from @zxcvbn-ts/language-common@${version} ` +
  `(passwords-common, ranked by frequency), lowercased and deduplicated. Regenerate: npx tsx scripts/build-common-passwords.ts`;
const target = new URL('../lib/auth/common-passwords.txt', import.meta.url);
writeFileSync(target, [header, ...kept].join('\n') + '\n');
console.log(`wrote ${kept.size} passwords to ${target.pathname}`);
