import type { SessionView } from '#lib/auth/sessions.ts';
import { formatDateTime } from '#lib/i18n/format.ts';
import { t } from '#lib/i18n/translate.ts';

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
 * A short, human name for a User-Agent, good enough to tell one's own devices apart. Product
 * names stay as they are; only the words around them are the reader's.
 *
 * @example
 * describeUserAgent('Mozilla/5.0 (X11; Linux x86_64) ... Chrome/126.0 Safari/537.36'); // 'Chrome on Linux'
 */
function describeUserAgent(ua: string | null): string {
  if (!ua) return t('account.sessions.unknown_browser');
  const browser = BROWSERS.find(([re]) => re.test(ua))?.[1];
  const system = SYSTEMS.find(([re]) => re.test(ua))?.[1];
  if (browser && system) return t('account.sessions.browser_on', { browser, system });
  if (browser) return browser;
  return system ? t('account.sessions.a_browser_on', { system }) : t('account.sessions.unknown_browser');
}

/** A moment in the reader's language and time zone; the machine-readable form stays UTC. */
function When(props: { at: Date }) {
  return <time datetime={props.at.toISOString()}>{formatDateTime(props.at)}</time>;
}

/** The sign-out button's question and name: this device, or which browser at which address. */
function signOutWords(s: SessionView, browser: string): { confirm: string; label: string } {
  if (s.current) return { confirm: t('account.sessions.confirm_this'), label: t('account.sessions.label_this') };
  if (s.ip) return { confirm: t('account.sessions.confirm_other_at', { browser, ip: s.ip }), label: t('account.sessions.label_other_at', { browser, ip: s.ip }) };
  return { confirm: t('account.sessions.confirm_other', { browser }), label: t('account.sessions.label_other', { browser }) };
}

/** One row of the Sessions table, with its sign-out button. */
export function SessionRow(props: { session: SessionView }) {
  const s = props.session;
  const browser = describeUserAgent(s.user_agent);
  const words = signOutWords(s, browser);
  return (
    <tr>
      <td>
        <span title={s.user_agent ?? undefined}>{browser}</span>
        {s.current ? (
          <>
            {' '}
            <strong>{t('account.sessions.this_device')}</strong>
          </>
        ) : null}
      </td>
      <td>{s.ip ?? t('account.sessions.unknown_ip')}</td>
      <td>
        <When at={s.created_at} />
      </td>
      <td>
        <When at={s.last_seen_at} />
      </td>
      <td>
        <button type="button" class="secondary" hx-post={`/app/account/sessions/${s.id}/revoke`} hx-confirm={words.confirm} hx-target="closest tr" hx-swap="outerHTML" aria-label={words.label}>
          {t('account.sessions.sign_out')}
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
