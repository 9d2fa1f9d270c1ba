export * from './errors/dms.error';
export * from './errors/config.error';
export * from './errors/timeout.error';

export * from './config/config-field';
export * from './config/config-definition';
export * from './config/config-source.reader';
export * from './config/config.loader';
export * from './config/config.describe';
export * from './config/config.schemas';
export * from './config/infrastructure.fields';

export * from './logging/logger.factory';
export * from './logging/secret-keys';
export * from './logging/secret-scrubber';

export * from './metrics/metrics.registry';

export * from './http/bearer-auth.middleware';
export * from './http/http-metrics.middleware';
export * from './http/http-server';
export * from './http/ops.router';
export * from './http/problem-details';
export * from './http/problem.middleware';
export * from './http/readiness.check';

export * from './lifecycle/exit-codes';
export * from './lifecycle/process-signals';
export * from './lifecycle/run-service';
export * from './lifecycle/shutdown.manager';
