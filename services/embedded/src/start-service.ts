import { decideLaunch, SERVICE_MAINS } from './entry-points/cli/service-launcher';

/**
 * `pnpm start:service NAME`: one service as its own process (distributed mode), by
 * delegating to that service's main.ts. Kafka, NATS, MongoDB and Redis come from its
 * DMS_* variables (`pnpm start:service NAME --help` lists them).
 */
const decision = decideLaunch(process.argv.slice(2));
if (decision.kind === 'refuse') {
  (decision.exitCode === 0 ? process.stdout : process.stderr).write(`dms start:service: ${decision.line}\n`);
  process.exit(decision.exitCode);
} else {
  // The service's main.ts reads process.argv.slice(2) (--help): hand it its own arguments.
  process.argv.splice(2, process.argv.length - 2, ...decision.argv);
  void SERVICE_MAINS[decision.name]();
}
