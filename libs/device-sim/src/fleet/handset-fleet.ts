import { SimulatedHandset } from '../client/simulated-handset';
import type {
  HandsetAuthOptions,
  HandsetOptions,
  SessionReport,
  StartSessionOptions,
} from '../client/handset.options';
import { imeiFor } from './imei';

export interface FleetOptions extends Omit<HandsetOptions, 'deviceId' | 'auth'> {
  readonly count: number;
  /** 8-digit Type Allocation Code of the model; default 35693803 (the TAC of the examples). */
  readonly tac?: string;
  readonly firstSerial?: number;
  /** Credentials of the n-th handset (its IMEI given); the gateway's account store must know them. */
  readonly auth: (deviceId: string, index: number) => HandsetAuthOptions;
}

/** Many handsets of one model with valid, consecutive IMEIs: for load tests and the demo. */
export function createHandsetFleet(options: FleetOptions): SimulatedHandset[] {
  const { count, tac = '35693803', firstSerial = 0, auth, ...shared } = options;
  return Array.from({ length: count }, (_, i) => {
    const deviceId = imeiFor(tac, firstSerial + i);
    return new SimulatedHandset({ ...shared, deviceId, auth: auth(deviceId, i) });
  });
}

/** Runs one session on every handset, at most `concurrency` at a time; reports in handset order. */
export async function runFleetSessions(
  handsets: readonly SimulatedHandset[],
  start: StartSessionOptions,
  concurrency = 16,
): Promise<SessionReport[]> {
  const reports: SessionReport[] = new Array<SessionReport>(handsets.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < handsets.length) {
      const index = next;
      next += 1;
      reports[index] = await (handsets[index] as SimulatedHandset).startSession(start);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(concurrency, handsets.length)) }, worker));
  return reports;
}
