import type { CombinationDetected } from '@dms/contracts';
import type { Detection } from './batch-detection.service';
import type { StateWrite, StreamPosition } from './detection.ports';

export interface EffectSteps {
  /** Claims the handsets (newTerminal) and builds the events to publish. */
  prepare(detections: readonly Detection[]): Promise<PreparedDetection[]>;
  /** Publishes; called in batch order; resolves when the broker acknowledged every event. */
  publish(events: readonly PreparedDetection[]): Promise<void>;
  /** Writes the states; rejects when one was lost to another instance. */
  write(writes: readonly StateWrite[], position: StreamPosition): Promise<void>;
}

export interface PreparedDetection {
  readonly event: CombinationDetected;
  readonly eventId: string;
}

interface Lane {
  nextOffset: bigint;
  /** Resolves once the last batch's announcements are under way (publish called, in order). */
  announcing: Promise<{ acknowledged: Promise<void> }>;
  /** Resolves once the last batch's writes are issued (the store orders writes of one id by call). */
  writing: Promise<unknown>;
}

const IDLE: Lane['announcing'] = Promise.resolve({ acknowledged: Promise.resolve() });

/**
 * Runs the effects of consecutive batches of a partition in the background while later
 * batches are decided, keeping the exactly-once order per batch (announce, then write) and
 * the batch order across batches: batch k+1 publishes after batch k published (so the
 * detections of one subscriber reach the topic in order) and writes after batch k's writes
 * were issued (so the store applies one subscriber's writes in order). Handset claims are
 * asked at once, in batch order. If a batch's effects fail, the later ones of its partition
 * fail too without writing (they may have announced, under the ids their redelivery uses
 * again, and claimed: a claim records a real sighting and is idempotent for it); the bus
 * then delivers again from the failed batch,
 * which starts a fresh lane (the position stepped back).
 */
export class EffectPipeline {
  private readonly lanes = new Map<number, Lane>();

  constructor(private readonly steps: EffectSteps) {}

  run(
    detections: readonly Detection[],
    writes: readonly StateWrite[],
    position: StreamPosition,
    lastOffset: string,
  ): Promise<void> {
    const lane = this.laneAt(position);
    lane.nextOffset = BigInt(lastOffset) + 1n;
    // Claims start at once, asked in batch order (the store's grouped inserts keep that order
    // per handset), so a lane's claim round trips overlap instead of queueing behind each
    // batch's publish; only the publishes are chained.
    const prepared = detections.length === 0 ? undefined : this.steps.prepare(detections);
    prepared?.catch(() => undefined);
    const announcing =
      prepared === undefined
        ? lane.announcing
        : lane.announcing.then(async () => ({ acknowledged: this.steps.publish(await prepared) }));
    const writing = Promise.all([announcing.then((a) => a.acknowledged), lane.writing]).then(() => ({
      written: writes.length === 0 ? Promise.resolve() : this.steps.write(writes, position),
    }));
    lane.announcing = announcing;
    lane.writing = writing;
    // The lane's promises are also awaited by the next batch; this keeps a failure from being reported unhandled twice.
    writing.catch(() => undefined);
    return writing.then((w) => w.written);
  }

  private laneAt(position: StreamPosition): Lane {
    const offset = BigInt(position.offset);
    let lane = this.lanes.get(position.partition);
    // Only a step back (redelivery after a failure, or a new assignment) starts afresh; a forward gap keeps the order.
    if (lane === undefined || offset < lane.nextOffset) {
      lane = { nextOffset: offset, announcing: IDLE, writing: Promise.resolve() };
      this.lanes.set(position.partition, lane);
    }
    return lane;
  }
}
