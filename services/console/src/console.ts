import type { EventBus, Rpc, Subscription } from '@dms/bus';
import { createMetricsRegistry, type Logger } from '@dms/service-kit';
import type { DocumentStore, KeyValueStore } from '@dms/store';
import type { Router } from 'express';
import type { Registry } from 'prom-client';
import type { ConsoleSettings } from './config';
import { AuditRepository } from './data-access/audit.repository';
import { ServiceClient } from './data-access/service.client';
import { UserRepository } from './data-access/user.repository';
import { AgentActionService } from './domain/agent-action.service';
import { AuditService } from './domain/audit.service';
import { DashboardAggregator } from './domain/live/dashboard.aggregator';
import { FeedScopeResolver } from './domain/live/feed-scope.resolver';
import { LiveFeedHub } from './domain/live/live-feed.hub';
import { passwordHasher } from './domain/password.hasher';
import { SessionService } from './domain/session.service';
import { SignInGuard } from './domain/sign-in.guard';
import { SubscriberLookupService } from './domain/subscriber-lookup.service';
import { UserService } from './domain/user.service';
import { subscribeToLiveFeed } from './entry-points/bus/live-feed.subscription';
import { createConsoleRouter } from './entry-points/http/console.router';

export const CONSOLE_SOURCE = '/services/console';

export interface ConsoleDependencies {
  /** Read only: the live feed consumes from it; the console publishes nothing. */
  bus: EventBus;
  /** Calls to subscriber-terminal, diagnostics and config. */
  rpc: Rpc;
  /** The console's own store: users and the audit log. */
  store: DocumentStore;
  /** Sessions and sign-in failure counters (Redis when several instances share them). */
  cache: KeyValueStore;
  logger: Logger;
  config: ConsoleSettings;
  registry?: Registry;
}

export interface Console {
  /** `/` (UI) and `/api/v1/console/*`; mount before other /api/v1 routers. */
  readonly router: Router;
  readonly registry: Registry;
  /** On an empty user store, creates the first operator admin; its password is returned once, never logged. */
  ensureFirstAdmin(): Promise<{ username: string; password: string } | null>;
  /** Subscribes the live feed. */
  start(): Promise<void>;
  /** Ends open live streams (call before closing the HTTP server, or it waits for them). */
  endStreams(): void;
  /** Stops the live feed. Does not close bus, rpc, store or cache: the caller owns them. */
  stop(): Promise<void>;
}

/** Wires the console on the adapters it is given; used by main.ts and by the embedded process. */
export function createConsole(deps: ConsoleDependencies): Console {
  const { bus, rpc, store, cache, logger, config } = deps;
  const registry = deps.registry ?? createMetricsRegistry({ service: 'console', defaultMetrics: false });
  const services = new ServiceClient(rpc, config.rpcTimeoutMs);
  const guard = new SignInGuard(cache, {
    maxFailures: config.signInMaxFailures,
    lockMs: config.signInLockMs,
  });
  const users = new UserService(new UserRepository(store), passwordHasher, guard);
  const sessions = new SessionService(cache, {
    idleTtlMs: config.sessionIdleTtlMs,
    maxAgeMs: config.sessionMaxAgeMs,
  });
  const audit = new AuditService(new AuditRepository(store));
  const lookup = new SubscriberLookupService(services, audit, config.tenantAttribute);
  const actions = new AgentActionService(services, lookup, audit);
  const aggregator = new DashboardAggregator({
    minutes: config.dashboardMinutes,
    recentEvents: 500,
    maxLineScopesPerMinute: 5_000,
  });
  const hub = new LiveFeedHub();
  const resolver = new FeedScopeResolver(services, config.tenantAttribute);
  const router = createConsoleRouter({
    users,
    sessions,
    lookup,
    actions,
    audit,
    aggregator,
    hub,
    sessionMaxAgeMs: config.sessionMaxAgeMs,
    heartbeatMs: 15_000,
  });
  let subscriptions: Subscription[] | undefined;

  return {
    router,
    registry,
    ensureFirstAdmin: () => users.ensureFirstAdmin(),
    async start() {
      subscriptions ??= await subscribeToLiveFeed({
        bus,
        group: config.liveGroup,
        resolver,
        aggregator,
        hub,
        logger: logger.child({ module: 'console.live' }),
      });
    },
    endStreams: () => hub.endAll(),
    async stop() {
      hub.endAll();
      const current = subscriptions ?? [];
      subscriptions = undefined;
      await Promise.all(current.map((s) => s.close()));
    },
  };
}
