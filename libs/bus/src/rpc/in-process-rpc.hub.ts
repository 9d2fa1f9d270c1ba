import { EventEmitter } from 'node:events';
import { subjectMatches } from './subject-match';

/** Takes a request as wire JSON, answers wire JSON (never rejects: failures are error envelopes). */
export type InProcessResponder = (requestJson: string) => Promise<string>;

type SignalListener = (subject: string, payloadJson: string) => void;

/**
 * The in-process counterpart of a NATS server: every in-process RPC endpoint of
 * the embedded mode that shares a hub sees the others' subjects and signals.
 * Routing follows NATS core: a request reaches one member of each queue group
 * of its subject (round-robin here, random in NATS), the first answer wins.
 */
export class InProcessRpcHub {
  private readonly groups = new Map<string, Map<string, InProcessResponder[]>>();
  private readonly nextMember = new Map<string, number>();
  private readonly signals = new EventEmitter();

  constructor() {
    // A busy console has many feed subscribers; the leak warning would be noise.
    this.signals.setMaxListeners(0);
  }

  /** Returns the function that removes the responder again. */
  addResponder(subject: string, queue: string, responder: InProcessResponder): () => void {
    const queues = this.groups.get(subject) ?? new Map<string, InProcessResponder[]>();
    this.groups.set(subject, queues);
    queues.set(queue, [...(queues.get(queue) ?? []), responder]);
    return () => {
      const members = (queues.get(queue) ?? []).filter((member) => member !== responder);
      if (members.length > 0) queues.set(queue, members);
      else queues.delete(queue);
      if (queues.size === 0) this.groups.delete(subject);
    };
  }

  /** One responder per queue group of the subject; empty when nobody serves it. */
  route(subject: string): InProcessResponder[] {
    const chosen: InProcessResponder[] = [];
    for (const [queue, members] of this.groups.get(subject) ?? []) {
      const key = `${subject}\u0000${queue}`;
      const index = (this.nextMember.get(key) ?? 0) % members.length;
      this.nextMember.set(key, index + 1);
      const member = members[index];
      if (member !== undefined) chosen.push(member);
    }
    return chosen;
  }

  publishSignal(subject: string, payloadJson: string): void {
    this.signals.emit('signal', subject, payloadJson);
  }

  /** `pattern` may use NATS wildcards; returns the function that unsubscribes. */
  addSignalListener(pattern: string, listener: (payloadJson: string) => void): () => void {
    const filtered: SignalListener = (subject, payloadJson) => {
      if (subjectMatches(pattern, subject)) listener(payloadJson);
    };
    this.signals.on('signal', filtered);
    return () => this.signals.off('signal', filtered);
  }
}
