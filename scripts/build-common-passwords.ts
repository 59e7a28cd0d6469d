/**
 * Regenerates lib/auth/common-passwords.txt from the devDependency @zxcvbn-ts/language-common,
 * so the runtime ships a plain text file and never imports that package.
 * @example
 * npx tsx scripts/build-common-passwords.ts
 */
import { writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dictionary } from '@zxcvbn-ts/language-common';

/** How far down the frequency ranking to go, before dropping short entries. */
const TOP = 10_000;
/** Mirrors PASSWORD_MIN in lib/auth/password.ts: shorter passwords are refused by length anyway. */
const MIN_LENGTH = 8;

const { version } = createRequire(import.meta.url)('@zxcvbn-ts/language-common/package.json') as { version: string };
const ranked = dictionary['passwords-common'];
if (ranked.length < TOP) throw new Error(`expected at least ${TOP} passwords, the package has ${ranked.length}`);

const kept = new Set<string>();
for (const entry of ranked.slice(0, TOP)) {
  const password = entry.toLowerCase();
  // Code points, as passwordProblem counts them; '#' lines would be read back as comments.
  if ([...password].length < MIN_LENGTH || password.startsWith('#') || /[\r\n]/.test(password)) continue;
  kept.add(password);
}

const header =
  `# The ${TOP} most common passwords from @zxcvbn-ts/language-common@${version} (passwords-common, ranked by frequency), ` +
  `lowercased, deduplicated, ${MIN_LENGTH}+ characters kept (${kept.size}). Regenerate: npx tsx scripts/build-common-passwords.ts`;
const target = new URL('../lib/auth/common-passwords.txt', import.meta.url);
writeFileSync(target, [header, ...kept].join('\n') + '\n');
console.log(`wrote ${kept.size} passwords to ${target.pathname}`);
