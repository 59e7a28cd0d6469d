/** ms from `act` until `seen` resolves. */
export async function latency(act: () => Promise<unknown>, seen: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await Promise.all([act(), seen()]);
  return Math.round(performance.now() - started);
}
