import type { DmResultItem } from '@dms/contracts';
import type { Command } from '@dms/syncml';
import type { SessionState } from '../session-state';

/** A device alert to publish as device.alert-raised.v1. */
export interface RaisedAlert {
  readonly code: 1224 | 1225 | 1226;
  readonly type?: string;
  readonly format?: string;
  readonly source?: string;
  readonly data?: string;
  readonly mark?: string;
  readonly correlator?: string;
}

/** Async needs of the handlers (large-object buffer), kept as a port so handlers stay testable. */
export interface ChunkBuffer {
  append(chunk: Buffer): Promise<number>;
  take(): Promise<Buffer>;
}

/**
 * What handling one client message accumulates: our Statuses for its commands, answers for
 * the job, events to publish and the session-control alerts it carried.
 */
export class MessageContext {
  readonly statuses: Command[] = [];
  /** Job answers by command path. */
  readonly answers = new Map<string, { status?: number; items?: DmResultItem[] }>();
  readonly alerts: RaisedAlert[] = [];
  /** Node values read in this message (Results), for device.inventory-reported.v1. */
  readonly nodes = new Map<string, string>();
  nextMessageRequested = false;
  abort = false;
  devInfoSeen = false;
  uiStatus: number | undefined;
  /** What the user typed or chose in answer to the job's 1102-1104 alert (RepPro 6.6.1: Items of its Status). */
  uiItems: DmResultItem[] | undefined;
  private readonly answered = new Map<string, string>();

  constructor(
    readonly state: SessionState,
    /** The client's MsgID (our MsgRef). */
    readonly msgId: string,
    readonly chunks: ChunkBuffer,
    readonly maxObjSize: number,
  ) {}

  answer(path: string, patch: { status?: number; items?: DmResultItem[] }): void {
    this.answers.set(path, { ...this.answers.get(path), ...patch });
  }

  /** Removes and returns the path our command msgId:cmdId was sent for. */
  takeOutstanding(msgRef: string, cmdRef: string): string | undefined {
    const key = `${msgRef}:${cmdRef}`;
    const at = this.state.out.findIndex(([k]) => k === key);
    if (at < 0) return undefined;
    const [entry] = this.state.out.splice(at, 1);
    if (entry !== undefined) this.answered.set(key, entry[1]);
    return entry?.[1];
  }

  /** The path of our command msgId:cmdId, outstanding or answered earlier in this message (Results follow their Get's Status). */
  peekOutstanding(msgRef: string, cmdRef: string): string | undefined {
    const key = `${msgRef}:${cmdRef}`;
    return this.answered.get(key) ?? this.state.out.find(([k]) => k === key)?.[1];
  }
}
