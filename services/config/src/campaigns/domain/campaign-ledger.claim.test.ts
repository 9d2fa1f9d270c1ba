import { createInProcessEventBus } from '@dms/bus';
import { createInProcessRpc } from '@dms/bus/src/rpc';
import type { DmCommandCompleted } from '@dms/contracts';
import { createEmbeddedStore } from '@dms/store/src/embedded/embedded.store';
import { CampaignRepository } from '../data-access/campaign.repository';
import { CampaignLedger } from '../data-access/campaign-ledger.repository';
import type { TargetRecord } from '../data-access/campaign-ledger.records';
import { campaignRecord } from '../test-support/campaign-record.fixture';
import { logger, planCommands, testSettings } from '../test-support/campaigns.harness';
import { CompletionRecorder } from './completion-recorder';
import { JobDispatcher } from './job-dispatcher';

const target: TargetRecord = {
  _id: 'cmp-test0001|491700000001',
  campaignId: 'cmp-test0001',
  key: '491700000001',
  deviceId: 'IMEI:356938035643809',
  msisdn: '491700000001',
  model: 'Galaxy A51',
};

function setup() {
  const store = createEmbeddedStore({ file: ':memory:' });
  const bus = createInProcessEventBus({ source: '/test', logger });
  const published: { topic: string; id: string; willRetry?: boolean }[] = [];
  const publish = bus.publish.bind(bus);
  bus.publish = (async (topic: never, data: never, options?: { id?: string }) => {
    published.push({ topic, id: options?.id ?? '', willRetry: (data as { willRetry?: boolean }).willRetry });
    return publish(topic, data, options);
  }) as typeof bus.publish;
  const ledger = new CampaignLedger(store);
  const campaigns = new CampaignRepository(store);
  const dispatcher = new JobDispatcher({ bus, rpc: createInProcessRpc(), ledger, planCommands, settings: testSettings(), logger });
  const recorder = new CompletionRecorder({ bus, campaigns, ledger, logger });
  return { store, ledger, campaigns, dispatcher, recorder, published };
}

const completion = (outcome: DmCommandCompleted['outcome'], attempt = 1): DmCommandCompleted => ({
  jobId: `cmp-test0001.491700000001.${attempt}`,
  deviceId: 'IMEI:356938035643809',
  correlationId: 'cmp-test0001',
  outcome,
  results: [],
  completedAt: '2026-11-28T10:00:00.000Z',
});

describe('claiming and recording campaign jobs', () => {
  it('sends an attempt once when two dispatchers race for it', async () => {
    const { dispatcher, ledger, published } = setup();
    const outcomes = await Promise.all([1, 2, 3].map(() => dispatcher.dispatch(campaignRecord(), target, 1)));
    expect(outcomes.filter((o) => o === 'sent')).toHaveLength(1);
    expect(await ledger.jobs.count({ campaignId: 'cmp-test0001' })).toBe(1);
    // The losers publish the same job again under the same event id: the gateway queues a job id once.
    expect(new Set(published.map((p) => p.id))).toEqual(new Set(['cmp-test0001.491700000001.1']));
  });

  it('sends nothing again for an answered attempt (a restart re-reading its page)', async () => {
    const { dispatcher, recorder, campaigns, published } = setup();
    await campaigns.create(campaignRecord());
    await dispatcher.dispatch(campaignRecord(), target, 1);
    await recorder.record(completion('completed'));
    const before = published.filter((p) => p.topic === 'dm.command-requested.v1').length;
    expect(await dispatcher.dispatch(campaignRecord(), target, 1)).toBe('done-before');
    expect(published.filter((p) => p.topic === 'dm.command-requested.v1')).toHaveLength(before);
  });

  it('records a redelivered completion once: one retry, the same config.failed event id', async () => {
    const { dispatcher, recorder, campaigns, ledger, published } = setup();
    await campaigns.create(campaignRecord());
    await dispatcher.dispatch(campaignRecord(), target, 1);
    await recorder.record(completion('expired'));
    await recorder.record(completion('expired'));
    expect(await ledger.retries.count({ campaignId: 'cmp-test0001' })).toBe(1);
    expect(await ledger.results.count({ campaignId: 'cmp-test0001' })).toBe(0);
    const failed = published.filter((p) => p.topic === 'config.failed.v1');
    expect(failed.map((f) => [f.id, f.willRetry])).toEqual([
      ['cmp-test0001.491700000001.1:retry', true],
      ['cmp-test0001.491700000001.1:retry', true],
    ]);
  });

  it('fails the device after the last attempt and cancels instead of retrying once the campaign is cancelled', async () => {
    const { dispatcher, recorder, campaigns, ledger } = setup();
    await campaigns.create(campaignRecord());
    await dispatcher.dispatch(campaignRecord(), target, 2);
    await recorder.record(completion('interrupted', 2));
    expect(await ledger.result('cmp-test0001', '491700000001')).toMatchObject({ state: 'failed', reason: 'unreachable', attempts: 2 });

    const other = setup();
    await other.campaigns.create(campaignRecord({ state: 'cancelled', stopReason: 'cancelled' }));
    await other.dispatcher.dispatch(campaignRecord(), target, 1);
    await other.recorder.record(completion('expired'));
    expect(await other.ledger.result('cmp-test0001', '491700000001')).toMatchObject({ state: 'cancelled' });
    expect(await other.ledger.retries.count({})).toBe(0);
  });

  it('ignores a completion whose device does not match the job', async () => {
    const { dispatcher, recorder, campaigns, ledger } = setup();
    await campaigns.create(campaignRecord());
    await dispatcher.dispatch(campaignRecord(), target, 1);
    await recorder.record({ ...completion('completed'), deviceId: 'IMEI:490154203237518' });
    expect(await ledger.attempts.count({})).toBe(0);
  });
});
