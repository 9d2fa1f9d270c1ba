import type { TopicName } from '@dms/contracts';
import type { BatchDeliveryPolicy } from '../delivery/deliver-batch';
import type { DeliveryPolicy } from '../delivery/deliver-message';
import type { PartitionedLog } from './partitioned-log';
import { PartitionWorker, type PartitionCursor } from './partition-worker';

export interface GroupMember {
  readonly id: number;
  readonly policy: DeliveryPolicy;
  readonly batch?: { policy: BatchDeliveryPolicy; maxBatchSize: number };
}

export interface GroupStorage {
  commit(partition: number, nextOffset: number): Promise<void>;
  deadLetter(partition: number, offset: number, attempts: number, reason: string): Promise<void>;
}

/**
 * One consumer group on one topic: committed offsets per partition and the members that
 * share the partitions. Like a Kafka rebalance, every membership change stops all workers
 * (each finishes and commits its in-flight record), then hands the partitions out anew, so
 * a partition never has two readers and nothing committed is read twice.
 */
export class InProcessGroup {
  private readonly members: GroupMember[] = [];
  private workers: PartitionWorker[] = [];
  private rebalancing: Promise<void> = Promise.resolve();

  constructor(
    readonly topic: TopicName,
    readonly name: string,
    private readonly log: PartitionedLog,
    private readonly offsets: number[],
    private readonly storage: GroupStorage,
  ) {}

  committed(partition: number): number {
    return this.offsets[partition] ?? 0;
  }

  join(member: GroupMember): Promise<void> {
    return this.rebalance(() => this.members.push(member));
  }

  leave(member: GroupMember): Promise<void> {
    return this.rebalance(() => {
      const index = this.members.indexOf(member);
      if (index >= 0) this.members.splice(index, 1);
    });
  }

  get size(): number {
    return this.members.length;
  }

  private rebalance(change: () => void): Promise<void> {
    this.rebalancing = this.rebalancing.then(async () => {
      await Promise.all(this.workers.map((worker) => worker.stop()));
      change();
      this.workers = this.assign();
    });
    return this.rebalancing;
  }

  /** Range-free round robin: partition p goes to member p mod n. */
  private assign(): PartitionWorker[] {
    if (this.members.length === 0) return [];
    const cursor: PartitionCursor = {
      committed: (p) => this.committed(p),
      commit: async (p, next) => {
        this.offsets[p] = next;
        await this.storage.commit(p, next);
      },
      deadLetter: (p, offset, attempts, reason) => this.storage.deadLetter(p, offset, attempts, reason),
    };
    const workers: PartitionWorker[] = [];
    for (let p = 0; p < this.log.partitionCount; p++) {
      const member = this.members[p % this.members.length];
      if (member) workers.push(new PartitionWorker(this.topic, p, this.log, cursor, member.policy, member.batch));
    }
    return workers;
  }
}
