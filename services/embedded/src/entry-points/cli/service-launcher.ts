/** Exit code of a command line that names no known service (the shell convention for misuse). */
export const EXIT_USAGE = 2;

/**
 * Each service's own main.ts, which starts it on Kafka, NATS, MongoDB and Redis when its
 * DMS_* addresses are set. Loading the module runs it (each main.ts calls runService).
 */
export const SERVICE_MAINS = {
  config: () => import('@dms/config/src/main.js'),
  console: () => import('@dms/console/src/main.js'),
  diagnostics: () => import('@dms/diagnostics/src/main.js'),
  'dm-gateway': () => import('@dms/dm-gateway/src/main.js'),
  firmware: () => import('@dms/firmware/src/main.js'),
  'hlr-detector': () => import('@dms/hlr-detector/src/main.js'),
  'subscriber-terminal': () => import('@dms/subscriber-terminal/src/main.js'),
} as const satisfies Record<string, () => Promise<unknown>>;

export type ServiceName = keyof typeof SERVICE_MAINS;

export type LaunchDecision =
  | { readonly kind: 'launch'; readonly name: ServiceName; readonly argv: readonly string[] }
  | { readonly kind: 'refuse'; readonly exitCode: number; readonly line: string };

const isServiceName = (name: string | undefined): name is ServiceName =>
  name !== undefined && Object.hasOwn(SERVICE_MAINS, name);

/** `start:service NAME [--help]`: NAME picks the service, the rest is the service's own argv. */
export function decideLaunch(args: readonly string[]): LaunchDecision {
  const [name, ...rest] = args;
  const valid = Object.keys(SERVICE_MAINS).join(', ');
  if (isServiceName(name)) return { kind: 'launch', name, argv: rest };
  if (name === undefined || name === '--help' || name === '-h')
    return {
      kind: 'refuse',
      exitCode: name === undefined ? EXIT_USAGE : 0,
      line: `usage: pnpm start:service NAME [--help]; NAME is one of: ${valid}`,
    };
  return { kind: 'refuse', exitCode: EXIT_USAGE, line: `unknown service "${name}"; valid names: ${valid}` };
}
