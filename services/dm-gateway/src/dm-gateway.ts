import type { EventBus, Rpc, Subscription } from '@dms/bus';
import type { Logger } from '@dms/service-kit';
import type { DocumentStore, KeyValueStore } from '@dms/store';
import express, { type Router } from 'express';
import type { DmGatewaySettings } from './config';
import { AuthGuardStore } from './data-access/auth-guard.store';
import { DmAccountRepository } from './data-access/dm-account.repository';
import { JobRepository } from './data-access/job.repository';
import { LiveSessionIndex } from './data-access/live-session.index';
import { NotConfiguredDeviceWakeUp } from './data-access/logging-device-wake-up';
import { RpcTerminalDirectory } from './data-access/rpc-terminal.directory';
import { SessionLogRepository } from './data-access/session-log.repository';
import { SessionStateStore } from './data-access/session-state.store';
import { ClientAuthenticator } from './domain/client-authenticator';
import type { DeviceWakeUp } from './domain/device-wake-up.port';
import { JobWakeUpService } from './domain/job-wake-up.service';
import { JobService } from './domain/job.service';
import { MsisdnResolver } from './domain/msisdn.resolver';
import { SessionEngine } from './domain/session-engine';
import { SessionEventsPublisher } from './domain/session-events.publisher';
import { SessionExpiryService } from './domain/session-expiry.service';
import { SessionRunner } from './domain/session-runner';
import { subscribeToCommandRequests } from './entry-points/bus/command-requested.subscription';
import { createApiRouter } from './entry-points/http/api.router';
import { createDmEndpoint } from './entry-points/http/dm.endpoint';

/** Least time a session state is kept past its TTL for the sweep to read (with a sweep every minute: two passes). */
const MIN_REPORT_GRACE_MS = 120_000;

export interface DmGatewayDependencies {
  readonly bus: EventBus;
  /** The service's DocumentStore: DM accounts, jobs, session log. */
  readonly store: DocumentStore;
  /** Session state, nonces, lock-outs: Redis when distributed, memory when embedded. */
  readonly sessionState: KeyValueStore;
  readonly logger: Logger;
  readonly config: DmGatewaySettings;
  /** Package 0 sender; default: a logged no-op until src/wake-up/ exists. */
  readonly wakeUp?: DeviceWakeUp;
  /** subscriber-terminal lookups (the MSISDN of a wake-up); none = only jobs that name an MSISDN are woken. */
  readonly rpc?: Rpc;
}

export interface DmGateway {
  /** POST <dmPath> and /api/v1; mount at /. */
  readonly router: Router;
  readonly engine: SessionEngine;
  readonly jobs: JobService;
  /** One pass of the periodic sweep: expired queued jobs, sessions that ended silently. */
  sweep(): Promise<void>;
  /** Creates indexes, subscribes to dm.command-requested.v1, starts the sweep (jobs, silent sessions). */
  start(): Promise<void>;
  /** Stops consuming and sweeping. Bus, store and key-value store belong to the caller. */
  stop(): Promise<void>;
}

/** Wires dm-gateway on the adapters it is given (main.ts, the embedded single process, tests). */
export function createDmGateway(deps: DmGatewayDependencies): DmGateway {
  const { bus, store, sessionState, logger, config } = deps;
  const derivation = config.masterSecret === undefined ? undefined : { masterSecret: config.masterSecret, serverId: config.serverId, authType: config.derivedAuthType };
  const accounts = new DmAccountRepository(store, derivation);
  const jobRepository = new JobRepository(store);
  const sessionLog = new SessionLogRepository(store);
  const guard = new AuthGuardStore(sessionState, config.authFailuresBeforeLock, config.authLockBaseMs);
  const liveSessions = new LiveSessionIndex(store);
  // The state outlives its TTL long enough for the sweep to report the session's last state.
  const sessions = new SessionStateStore(sessionState, config.sessionTtlMs, liveSessions, Math.max(2 * config.jobSweepIntervalMs, MIN_REPORT_GRACE_MS));
  const msisdns = new MsisdnResolver(deps.rpc === undefined ? undefined : new RpcTerminalDirectory(deps.rpc), logger);
  const wakeUp = new JobWakeUpService(accounts, guard, deps.wakeUp ?? new NotConfiguredDeviceWakeUp(logger), msisdns, logger);
  const jobs = new JobService(jobRepository, bus, wakeUp, logger);
  const sessionEvents = new SessionEventsPublisher(bus);
  const runner = new SessionRunner(sessions, jobs, sessionEvents, sessionLog, config.maxObjSize);
  const expiry = new SessionExpiryService(sessions, liveSessions, sessionLog, sessionEvents, jobs, logger);
  const sweepOnce = async (): Promise<void> => {
    // Independent passes: a failing one does not hold up the other.
    const passes = await Promise.allSettled([jobs.sweepExpired(), expiry.sweep()]);
    for (const pass of passes) if (pass.status === 'rejected') throw pass.reason;
  };
  const engine = new SessionEngine({ sessions, accounts, authenticator: new ClientAuthenticator(guard), guard, runner, logger, maxMsgSize: config.maxMsgSize, maxObjSize: config.maxObjSize });
  const router = express.Router();
  router.use(createDmEndpoint(engine, { path: config.dmPath, publicUrl: config.publicUrl, bodyLimitBytes: config.bodyLimitBytes }, logger));
  router.use(createApiRouter({ adminToken: config.adminToken, accounts, jobs, sessionLog }));
  let subscription: Subscription | undefined;
  let sweep: NodeJS.Timeout | undefined;
  return {
    router,
    engine,
    jobs,
    sweep: sweepOnce,
    async start() {
      await jobRepository.ensureIndexes();
      await sessionLog.ensureIndexes();
      await liveSessions.ensureIndexes();
      subscription = await subscribeToCommandRequests(bus, config.consumerGroup, jobs);
      if (config.jobSweepIntervalMs > 0) {
        sweep = setInterval(() => {
          sweepOnce().catch((err: unknown) => logger.warn({ err }, 'sweep of expired jobs and silent sessions failed'));
        }, config.jobSweepIntervalMs);
        sweep.unref();
      }
    },
    async stop() {
      if (sweep !== undefined) clearInterval(sweep);
      await subscription?.close();
      subscription = undefined;
    },
  };
}
