import type { EventBus } from '@dms/bus';
import { UserError } from '@dms/service-kit';
import express, { Router } from 'express';
import { validateObservations, type InvalidObservation } from '../../domain/observation.validation';
import type { DetectionMetrics } from '../observability/detection.metrics';
import { bearerAuth } from '@dms/service-kit';
import { OBSERVATIONS_TOPIC } from '../bus/observation.subscription';

/** Observations per request; a mirror file goes through the CLI import instead. */
export const MAX_OBSERVATIONS_PER_REQUEST = 10_000;

/** 400: the body names every invalid item; nothing was published. */
export class InvalidObservationsError extends UserError {
  constructor(invalid: readonly InvalidObservation[], total: number) {
    super(
      'HLR_OBSERVATIONS_INVALID',
      `${invalid.length} of ${total} observations are invalid; none was accepted`,
      { details: { invalid: invalid.slice(0, 1000), invalidCount: invalid.length, total } },
    );
  }
}

export class TooManyObservationsError extends UserError {
  constructor(count: number) {
    super(
      'HLR_TOO_MANY_OBSERVATIONS',
      `${count} observations in one request; at most ${MAX_OBSERVATIONS_PER_REQUEST}`,
    );
  }
}

/**
 * POST /api/v1/hlr/observations: one observation or an array, all-or-nothing. Valid
 * input is published to `hlr.imei-observations.v1` (keyed by MSISDN) and answered 202
 * with counts; detection happens on the consumer side as for any HLR feed.
 */
export function createObservationsRouter(options: {
  bus: EventBus;
  adminToken: string;
  metrics: DetectionMetrics;
}): Router {
  const router = Router();
  router.post(
    '/api/v1/hlr/observations',
    bearerAuth(options.adminToken),
    express.json({ limit: '8mb' }),
    async (req, res) => {
      const body: unknown = req.body;
      const items = Array.isArray(body) ? body : [body];
      if (items.length > MAX_OBSERVATIONS_PER_REQUEST) throw new TooManyObservationsError(items.length);
      const { valid, invalid } = validateObservations(items);
      if (invalid.length > 0) {
        options.metrics.invalidObservations('rest', invalid.length);
        throw new InvalidObservationsError(invalid, items.length);
      }
      await Promise.all(
        valid.map((observation) =>
          options.bus.publish(OBSERVATIONS_TOPIC, observation, { key: observation.msisdn }),
        ),
      );
      options.metrics.acceptedObservations(valid.length);
      res.status(202).json({ accepted: valid.length, received: items.length });
    },
  );
  return router;
}
