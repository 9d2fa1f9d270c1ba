import { RpcClosedError } from './rpc.errors';

export interface RpcCloseSteps {
  /** Stop serving and wait for the handlers in flight. */
  drainServing(): Promise<void>;
  /** Wait for outgoing calls, then release the transport. */
  finish(): Promise<void>;
}

/**
 * open -> draining -> closed. While draining, new serve/onSignal are refused but
 * calls and signals still go out: a handler finishing its work during shutdown
 * may need to ask another service or announce a result.
 */
export class RpcEndpointLifecycle {
  private state: 'open' | 'draining' | 'closed' = 'open';
  private closing: Promise<void> | undefined;

  assertAccepting(operation: string): void {
    if (this.state !== 'open') throw new RpcClosedError(operation);
  }

  assertNotClosed(operation: string): void {
    if (this.state === 'closed') throw new RpcClosedError(operation);
  }

  /** Idempotent: every caller gets the same promise. */
  close(steps: RpcCloseSteps): Promise<void> {
    this.closing ??= (async () => {
      this.state = 'draining';
      await steps.drainServing();
      this.state = 'closed';
      await steps.finish();
    })();
    return this.closing;
  }
}
