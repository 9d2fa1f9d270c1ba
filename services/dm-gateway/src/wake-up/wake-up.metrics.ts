/** What happened to one wake-up, for a metrics callback (Prometheus counters in the gateway). */
export type WakeUpEvent =
  | { readonly type: 'sent'; readonly deviceId: string; readonly segments: number }
  | { readonly type: 'failed'; readonly deviceId: string; readonly reason: string }
  | { readonly type: 'retried'; readonly deviceId: string; readonly errorCode: string };

/** Running totals since start; plain numbers so a /metrics collector can read them. */
export interface WakeUpCounters {
  readonly sent: number;
  readonly failed: number;
  /** submit_sm attempts repeated after a retriable error (throttled, queue full, link lost...). */
  readonly retried: number;
  /** submit_sm accepted by the SMSC (a concatenated wake-up counts each part). */
  readonly segments: number;
}

export class WakeUpMetrics implements WakeUpCounters {
  sent = 0;
  failed = 0;
  retried = 0;
  segments = 0;

  constructor(private readonly onEvent?: (event: WakeUpEvent) => void) {}

  record(event: WakeUpEvent): void {
    if (event.type === 'sent') {
      this.sent += 1;
      this.segments += event.segments;
    } else if (event.type === 'failed') this.failed += 1;
    else this.retried += 1;
    this.onEvent?.(event);
  }

  snapshot(): WakeUpCounters {
    return { sent: this.sent, failed: this.failed, retried: this.retried, segments: this.segments };
  }
}
