/**
 * Runs `stop` once on the first SIGINT or SIGTERM, then exits. A second signal while stopping
 * says so instead of killing the process halfway (which would orphan the embedded database).
 */
export function stopOnSignals(stop: () => Promise<void>, log: (line: string) => void): void {
  let stopping = false;
  const onSignal = (signal: NodeJS.Signals) => {
    if (stopping) {
      log(`${signal} again: still shutting down cleanly, please wait`);
      return;
    }
    stopping = true;
    log(`${signal}: shutting down (finishing requests and jobs)`);
    stop().then(
      () => {
        log('stopped');
        process.exit(0);
      },
      (err: Error) => {
        log(`shutdown failed: ${err.message}`);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
}
