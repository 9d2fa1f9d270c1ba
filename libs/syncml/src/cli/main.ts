import { isDmsError } from '@dms/service-kit';
import { SyncmlDecodeError } from '../errors/syncml.error';
import { CliUsageError } from './cli.error';
import { decodeCommand, decodePackage0Command, encodeWbxmlCommand } from './cli.commands';

const usage = `usage: pnpm syncml <command>
  decode FILE|-              print XML or WBXML input (told apart by the first byte) as canonical XML
  encode --wbxml FILE|-      write the WBXML encoding of XML input to standard output
  pkg0 decode FILE|-         print the fields of a Package 0 notification (bytes or hex) as JSON
exit codes: 0 ok, 1 bad input (one line on stderr), 2 usage`;

/** Runs one CLI invocation; returns the exit code. Output goes through the given sinks so tests can call it too. */
export function run(
  args: readonly string[],
  out: (data: string | Uint8Array) => void,
  err: (line: string) => void,
): number {
  try {
    out(dispatch(args));
    return 0;
  } catch (error) {
    if (error instanceof CliUsageError) {
      err(`${error.message}\n${usage}`);
      return 2;
    }
    if (error instanceof SyncmlDecodeError) err(error.describe());
    else if (isDmsError(error)) err(error.message);
    else err(`internal error: ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  }
}

function dispatch(args: readonly string[]): string | Uint8Array {
  const [command, ...rest] = args;
  if (command === 'decode' && rest.length === 1) return decodeCommand(rest[0]!);
  if (command === 'encode' && rest.length === 2 && rest[0] === '--wbxml') return encodeWbxmlCommand(rest[1]!);
  if (command === 'pkg0' && rest.length === 2 && rest[0] === 'decode') return decodePackage0Command(rest[1]!);
  if (command === undefined || command === '--help' || command === '-h')
    throw new CliUsageError('no command given');
  throw new CliUsageError(`unknown command or arguments: ${args.join(' ')}`);
}

if (require.main === module) {
  process.exitCode = run(
    process.argv.slice(2),
    (data) => process.stdout.write(data),
    (line) => process.stderr.write(`${line}\n`),
  );
}
