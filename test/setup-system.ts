import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { findMissing, hostLookup, planFor, systemNeeds } from './helpers/system-deps.ts';
import { accepts, downMessage, testServices, withStart, type Service, type StartCommands } from './helpers/test-services.ts';

/**
 * What `npm test` runs first (the `pretest` script): installs the programs the tests start when
 * it can (root and apt-get), starts the machine's PostgreSQL and Redis when they are down and
 * this machine can, and otherwise stops before the first test file with the one command to run.
 * TEST_NO_INSTALL=1 never installs anything: it stops with the command instead.
 */
const env = process.env;
const root = process.getuid?.() === 0;
const look = hostLookup(env);

function stop(message: string): never {
  process.stderr.write(`\nnpm test cannot start: ${message}\n\n`);
  process.exit(1);
}

const plan = planFor(findMissing(systemNeeds(env), look), { root, apt: look.onPath('apt-get') !== undefined, forbidden: env.TEST_NO_INSTALL === '1' });
if (plan.kind === 'stop') stop(plan.message);
if (plan.kind === 'install') {
  process.stdout.write(`npm test: installing what the tests need: ${plan.packages.join(' ')}\n`);
  const installed = spawnSync('sh', ['-c', plan.command], { stdio: 'inherit' });
  if (installed.status !== 0) stop(`the install failed (exit ${installed.status ?? installed.signal}). Run it yourself and look at its output:\n  ${plan.command}`);
  const still = findMissing(systemNeeds(env), hostLookup(env));
  if (still.length) stop(`after \`${plan.command}\` these are still missing:\n${still.map((m) => `  ${m.program}: ${m.usedBy}`).join('\n')}`);
}

const can: StartCommands = {
  postgresClusters(port) {
    if (!root || !look.onPath('pg_ctlcluster')) return [];
    const versions = (() => {
      try {
        return readdirSync('/etc/postgresql');
      } catch {
        return [];
      }
    })();
    return versions.filter((version) => {
      try {
        return Number(/^\s*port\s*=\s*(\d+)/m.exec(readFileSync(`/etc/postgresql/${version}/main/postgresql.conf`, 'utf8'))?.[1]) === port;
      } catch {
        return false;
      }
    });
  },
  redisServer: look.onPath('redis-server') !== undefined,
};

const down: Service[] = [];
for (const wanted of testServices(env)) {
  if (await accepts(wanted.host, wanted.port)) continue;
  const service = withStart(wanted, can);
  if (service.start) {
    process.stdout.write(`npm test: starting ${service.name}: ${service.start.join(' ')}\n`);
    spawnSync(service.start[0]!, service.start.slice(1), { stdio: 'inherit' });
    const until = Date.now() + 30_000;
    while (Date.now() < until && !(await accepts(service.host, service.port))) await new Promise((r) => setTimeout(r, 250));
    if (await accepts(service.host, service.port)) continue;
  }
  down.push(service);
}
if (down.length) stop(downMessage(down));
