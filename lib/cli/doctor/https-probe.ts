import type { Check } from './check.ts';
import { messageOf } from './check.ts';

const TIMEOUT_MS = 5_000;

/** Why a health answer is "degraded", in words: each part that is not ok. */
function degradedReasons(health: { worker?: { status?: string }; kv?: { status?: string; kind?: string }; mail?: { failing_mailboxes?: number } }): string[] {
  const why: string[] = [];
  if (health.worker?.status && health.worker.status !== 'ok') why.push(`worker ${health.worker.status}`);
  if (health.kv?.status === 'down') why.push(`${health.kv.kind === 'redis' ? 'Redis' : 'kv'} down`);
  if (health.mail?.failing_mailboxes) why.push(`${health.mail.failing_mailboxes} failing mailbox${health.mail.failing_mailboxes === 1 ? '' : 'es'}`);
  return why;
}

/**
 * What a visitor gets through the proxy: `GET /` at PUBLIC_URL redirects to the sign-in page,
 * and the health endpoint answers 200 with status "ok" (a "degraded" one fails, naming why).
 * The certificate is verified as a browser would (NODE_EXTRA_CA_CERTS adds a private CA).
 *
 * @example
 * const checks = await httpsChecks('https://desk.example.com');
 */
export async function httpsChecks(publicUrl: string): Promise<Check[]> {
  const get = (p: string) => fetch(new URL(p, `${publicUrl}/`), { redirect: 'manual', signal: AbortSignal.timeout(TIMEOUT_MS) });
  const checks: Check[] = [];
  try {
    const res = await get('/');
    await res.body?.cancel();
    const location = res.headers.get('location') ?? '';
    const ok = res.status >= 300 && res.status < 400 && /\/login(?:[?#]|$)/.test(location);
    checks.push({
      name: 'https sign-in',
      ok,
      detail: ok
        ? `GET ${publicUrl}/ → ${res.status} ${location}`
        : `GET ${publicUrl}/ answered ${res.status}${location ? ` → ${location}` : ''}, not the redirect to /login: is nginx proxying to the API?`,
    });
  } catch (err) {
    checks.push({ name: 'https sign-in', ok: false, detail: `GET ${publicUrl}/: ${messageOf(err)}: is nginx running with the site, and is its certificate trusted?` });
  }
  const url = `${publicUrl}/api/v1/health`;
  try {
    const res = await get('/api/v1/health');
    const body = (await res.json().catch(() => ({}))) as Parameters<typeof degradedReasons>[0] & { status?: string };
    if (res.status !== 200) checks.push({ name: 'https health', ok: false, detail: `${url} answered ${res.status}${body.status ? ` (${body.status})` : ''}` });
    else if (body.status !== 'ok')
      checks.push({ name: 'https health', ok: false, detail: `${url}: 200 but ${body.status ?? 'no status'}: ${degradedReasons(body).join(', ') || 'see the lines above'}` });
    else checks.push({ name: 'https health', ok: true, detail: `${url}: 200 (ok)` });
  } catch (err) {
    checks.push({ name: 'https health', ok: false, detail: `${url}: ${messageOf(err)}` });
  }
  return checks;
}
