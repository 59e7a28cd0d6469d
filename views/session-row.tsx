import type { SessionView } from '#lib/auth/sessions.ts';

const BROWSERS: readonly [RegExp, string][] = [
  [/\bEdg(?:e|A|iOS)?\//, 'Edge'],
  [/\bOPR\//, 'Opera'],
  [/\bFirefox\/|\bFxiOS\//, 'Firefox'],
  [/\bHeadlessChrome\//, 'Headless Chrome'],
  [/\bChromium\//, 'Chromium'],
  [/\bChrome\/|\bCriOS\//, 'Chrome'],
  [/\bVersion\/[\d.]+.*\bSafari\//, 'Safari'],
  [/^curl\//, 'curl'],
];
const SYSTEMS: readonly [RegExp, string][] = [
  [/\bWindows\b/, 'Windows'],
  [/\bAndroid\b/, 'Android'],
  [/\biPhone\b|\biPad\b|\biOS\b/, 'iOS'],
  [/\bMac OS X\b|\bMacintosh\b/, 'macOS'],
  [/\bCrOS\b/, 'ChromeOS'],
  [/\bLinux\b/, 'Linux'],
];

/**
 * A short, human name for a User-Agent, good enough to tell one's own devices apart.
 *
 * @example
 * describeUserAgent('Mozilla/5.0 (X11; Linux x86_64) ... Chrome/126.0 Safari/537.36'); // 'Chrome on Linux'
 */
function describeUserAgent(ua: string | null): string {
  if (!ua) return 'Unknown browser';
  const browser = BROWSERS.find(([re]) => re.test(ua))?.[1];
  const system = SYSTEMS.find(([re]) => re.test(ua))?.[1];
  if (browser && system) return `${browser} on ${system}`;
  return browser ?? (system ? `A browser on ${system}` : 'Unknown browser');
}

const WHEN = new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' });

function When(props: { at: Date }) {
  return <time datetime={props.at.toISOString()}>{`${WHEN.format(props.at)} UTC`}</time>;
}

/** One row of the Sessions table, with its sign-out button. */
export function SessionRow(props: { session: SessionView }) {
  const s = props.session;
  const browser = describeUserAgent(s.user_agent);
  return (
    <tr>
      <td>
        <span title={s.user_agent ?? undefined}>{browser}</span>
        {s.current ? (
          <>
            {' '}
            <strong>(this device)</strong>
          </>
        ) : null}
      </td>
      <td>{s.ip ?? 'unknown'}</td>
      <td>
        <When at={s.created_at} />
      </td>
      <td>
        <When at={s.last_seen_at} />
      </td>
      <td>
        <button
          type="button"
          class="secondary"
          hx-post={`/app/account/sessions/${s.id}/revoke`}
          hx-confirm={s.current ? 'Sign out of this device?' : `Sign out ${browser}${s.ip ? ` at ${s.ip}` : ''}?`}
          hx-target="closest tr"
          hx-swap="outerHTML"
          aria-label={s.current ? 'Sign out this device' : `Sign out ${browser}${s.ip ? ` at ${s.ip}` : ''}`}
        >
          Sign out
        </button>
      </td>
    </tr>
  );
}

/** What replaces a row once its session is signed out (or was already gone). */
export function SessionGoneRow(props: { message: string; error?: boolean }) {
  return (
    <tr>
      <td colspan={5}>
        <span role={props.error ? 'alert' : 'status'}>{props.message}</span>
      </td>
    </tr>
  );
}
