import type { Principal } from '../roles';
import type { FeedEvent } from './feed-event';
import { canSeeFeedEvent } from './feed.visibility';

export interface LiveViewer {
  readonly principal: Principal;
  send(event: FeedEvent): void;
  /** Ends the viewer's stream (shutdown). */
  end(): void;
}

/** Fans feed events out to the browsers watching, each seeing only what its role and tenant allow. */
export class LiveFeedHub {
  private readonly viewers = new Set<LiveViewer>();

  join(viewer: LiveViewer): () => void {
    this.viewers.add(viewer);
    return () => this.viewers.delete(viewer);
  }

  publish(event: FeedEvent): void {
    for (const viewer of this.viewers) if (canSeeFeedEvent(viewer.principal, event)) viewer.send(event);
  }

  get size(): number {
    return this.viewers.size;
  }

  /** Ends every stream, so that an HTTP server closing is not held open by them. */
  endAll(): void {
    for (const viewer of this.viewers) viewer.end();
    this.viewers.clear();
  }
}
