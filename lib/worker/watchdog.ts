import { execFile } from 'node:child_process';

/** Sends one sd_notify state line (`READY=1`, `WATCHDOG=1`, `STATUS=…`). */
type Notify = (state: string) => Promise<void>;

/**
 * sd_notify through `systemd-notify`: Node has no unix datagram sockets. systemd-notify waits
 * (a BARRIER=1 round trip) until systemd has read the message, so the message is attributed to
 * the unit even though its sender exits at once; the unit needs `NotifyAccess=all`, since the
 * sender is neither the main process (tsx) nor our node process.
 *
 * @example
 * await systemdNotify(process.env)('READY=1');
 */
function systemdNotify(env: Record<string, string | undefined>): Notify {
  return (state) =>
    new Promise((resolve, reject) => {
      execFile('systemd-notify', [state], { env: { PATH: env.PATH ?? '/usr/bin:/bin', NOTIFY_SOCKET: env.NOTIFY_SOCKET }, timeout: 10_000 }, (err, _stdout, stderr) => {
        if (err) reject(new Error(`systemd-notify ${state} failed: ${stderr.trim() || err.message}`));
        else resolve();
      });
    });
}

export interface WatchdogOptions {
  /** NOTIFY_SOCKET and WATCHDOG_USEC, as systemd sets them for a Type=notify unit with WatchdogSec=. */
  env: Record<string, string | undefined>;
  /** Null when the worker runs jobs; else why it does not (then the watchdog is left to starve). */
  stalled: () => string | null;
  log: (line: string) => void;
  notify?: Notify;
}

export interface Watchdog {
  /** Tells systemd start-up is complete (READY=1). */
  ready(): Promise<void>;
  stop(): void;
}

/**
 * Feeds systemd's watchdog (WATCHDOG=1 at half of WatchdogSec) only while the worker is healthy:
 * the ping comes from a timer, so a blocked event loop sends none, and `stalled` says whether
 * jobs still finish. A hung worker therefore stops pinging and systemd restarts it
 * (`Restart=on-failure` covers a watchdog timeout). Without NOTIFY_SOCKET (not under systemd)
 * it does nothing.
 *
 * @example
 * const watchdog = startWatchdog({ env: process.env, stalled: () => worker.progressing(300_000) ? null : 'no job finished', log });
 * await watchdog.ready();
 */
export function startWatchdog(opts: WatchdogOptions): Watchdog {
  if (!opts.env.NOTIFY_SOCKET) return { ready: async () => {}, stop: () => {} };
  const notify = opts.notify ?? systemdNotify(opts.env);
  const send = (state: string) => notify(state).catch((err: Error) => opts.log(`watchdog: ${err.message}`));
  const usec = Number(opts.env.WATCHDOG_USEC);
  let timer: NodeJS.Timeout | undefined;
  let starving: string | null = null;
  if (Number.isFinite(usec) && usec > 0) {
    timer = setInterval(
      () => {
        const why = opts.stalled();
        if (why === null) {
          if (starving) opts.log('watchdog: the worker runs jobs again; feeding the systemd watchdog again');
          starving = null;
          void send('WATCHDOG=1');
        } else if (starving === null) {
          starving = why;
          opts.log(`watchdog: ${why}; no longer feeding the systemd watchdog, so systemd restarts the worker unless it recovers`);
          void send(`STATUS=stalled: ${why}`);
        }
      },
      Math.max(Math.floor(usec / 2000), 100),
    );
    timer.unref();
  }
  return {
    ready: () => send('READY=1'),
    stop: () => clearInterval(timer),
  };
}
