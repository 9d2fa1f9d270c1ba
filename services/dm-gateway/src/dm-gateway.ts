import type { EventBus, Rpc, Subscription } from '@dms/bus';
import type { Logger } from '@dms/service-kit';
import type { DocumentStore, KeyValueStore } from '@dms/store';
import express, { type Router } from 'express';
import type { DmGatewaySettings } from './config';
import { AuthGuardStore } from './data-access/auth-guard.store';
import { DmAccountRepository } from './data-access/dm-account.repository';
import { JobRepository } from './data-access/job.repository';
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
import { SessionRunner } from './domain/session-runner';
import { subscribeToCommandRequests } from './entry-points/bus/command-requested.subscription';
import { createApiRouter } from './entry-points/http/api.router';
import { createDmEndpoint } from './entry-points/http/dm.endpoint';

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
  /** Creates indexes, subscribes to dm.command-requested.v1, starts the expiry sweep. */
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
  const sessions = new SessionStateStore(sessionState, config.sessionTtlMs);
  const msisdns = new MsisdnResolver(deps.rpc === undefined ? undefined : new RpcTerminalDirectory(deps.rpc), logger);
  const wakeUp = new JobWakeUpService(accounts, guard, deps.wakeUp ?? new NotConfiguredDeviceWakeUp(logger), msisdns, logger);
  const jobs = new JobService(jobRepository, bus, wakeUp, logger);
  const runner = new SessionRunner(sessions, jobs, new SessionEventsPublisher(bus), sessionLog, config.maxObjSize);
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
    async start() {
      await jobRepository.ensureIndexes();
      await sessionLog.ensureIndexes();
      subscription = await subscribeToCommandRequests(bus, config.consumerGroup, jobs);
      if (config.jobSweepIntervalMs > 0) {
        sweep = setInterval(() => {
          jobs.sweepExpired().catch((err: unknown) => logger.warn({ err }, 'expired-job sweep failed'));
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
