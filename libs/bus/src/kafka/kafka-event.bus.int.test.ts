import { defineBatchEventBusContract } from '../batch/batch-bus.contract';
import { defineEventBusContract } from '../bus.contract';
import { createKafkaHarness } from './kafka-test.harness';

jest.setTimeout(60_000);

defineEventBusContract('kafka', () => createKafkaHarness(['hlr.imei-observations.v1']), { deliveryMs: 30_000 });
defineBatchEventBusContract('kafka', () => createKafkaHarness(['hlr.imei-observations.v1']), { deliveryMs: 30_000 });
