import type { AgentActionService } from '../../domain/agent-action.service';
import type { AuditService } from '../../domain/audit.service';
import type { DashboardAggregator } from '../../domain/live/dashboard.aggregator';
import type { LiveFeedHub } from '../../domain/live/live-feed.hub';
import type { SessionService } from '../../domain/session.service';
import type { SubscriberLookupService } from '../../domain/subscriber-lookup.service';
import type { UserService } from '../../domain/user.service';

/** What the HTTP entry point needs of the domain. */
export interface ConsoleDomain {
  users: UserService;
  sessions: SessionService;
  lookup: SubscriberLookupService;
  actions: AgentActionService;
  audit: AuditService;
  aggregator: DashboardAggregator;
  hub: LiveFeedHub;
  /** Cookie lifetime: the session's absolute maximum age. */
  sessionMaxAgeMs: number;
  /** Comment line sent on idle live streams so proxies keep them open. */
  heartbeatMs: number;
}
