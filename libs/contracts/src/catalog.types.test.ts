import type { EventData, EventInput, TopicName } from './catalog';
import { eventCatalog, topicNames } from './catalog';
import type { EventEnvelope } from './envelope';

/**
 * Locks the event map at compile time (`pnpm build` type-checks this file): renaming or
 * removing a topic, or changing a payload field type, breaks the build here first.
 */
type Equals<A, B> = (<G>() => G extends A ? 1 : 2) extends <G>() => G extends B ? 1 : 2 ? true : false;
function assertType<T extends true>(value: T): T {
  return value;
}

type ExpectedTopics =
  | 'hlr.imei-observations.v1'
  | 'terminal.combination-detected.v1'
  | 'terminal.subscriber-updated.v1'
  | 'terminal.terminal-removed.v1'
  | 'subscription.changed.v1'
  | 'dm.command-requested.v1'
  | 'dm.command-completed.v1'
  | 'device.session-completed.v1'
  | 'device.inventory-reported.v1'
  | 'device.alert-raised.v1'
  | 'diagnostics.report-completed.v1'
  | 'config.applied.v1'
  | 'config.failed.v1'
  | 'firmware.update-completed.v1'
  | 'firmware.rollout-changed.v1';

describe('event map', () => {
  it('has exactly the agreed topics', () => {
    assertType<Equals<TopicName, ExpectedTopics>>(true);
    expect([...topicNames].sort()).toEqual(
      ['hlr.imei-observations.v1', 'terminal.combination-detected.v1', 'terminal.subscriber-updated.v1', 'terminal.terminal-removed.v1', 'subscription.changed.v1',
        'dm.command-requested.v1', 'dm.command-completed.v1', 'device.session-completed.v1', 'device.inventory-reported.v1',
        'device.alert-raised.v1', 'diagnostics.report-completed.v1', 'config.applied.v1', 'config.failed.v1',
        'firmware.update-completed.v1', 'firmware.rollout-changed.v1'].sort(),
    );
  });

  it('types payload fields per topic', () => {
    assertType<Equals<EventData<'hlr.imei-observations.v1'>['imei'], string>>(true);
    assertType<Equals<EventData<'device.alert-raised.v1'>['code'], 1224 | 1225 | 1226>>(true);
    assertType<Equals<EventData<'dm.command-requested.v1'>['priority'], 'low' | 'normal' | 'high'>>(true);
    assertType<Equals<EventData<'terminal.subscriber-updated.v1'>['change'],
      'terminal-attached' | 'terminal-detached' | 'terminal-identified' | 'attributes-changed' | 'subscriber-removed'>>(true);
    assertType<Equals<EventData<'terminal.terminal-removed.v1'>['imei'], string>>(true);
    // Defaults make a field optional for producers only.
    assertType<Equals<EventInput<'dm.command-requested.v1'>['priority'], 'low' | 'normal' | 'high' | undefined>>(true);
    assertType<Equals<EventData<'diagnostics.report-completed.v1'>['findings'][number]['kind'],
      'setting-missing' | 'setting-wrong' | 'firmware-outdated' | 'not-dm-capable' | 'health' | 'node-unsupported' | 'device-unreachable' | 'device-alert'>>(true);

    const envelope = {} as EventEnvelope<'config.failed.v1', EventData<'config.failed.v1'>>;
    // @ts-expect-error config.failed has no `imei` field
    void envelope.data?.imei;
    // @ts-expect-error topic names are checked
    void eventCatalog['hlr.imei-observation.v1'];
    expect(eventCatalog['config.failed.v1'].type).toBe('org.dms.config.failed.v1');
  });

  it('names every event type after its topic', () => {
    for (const topic of topicNames) {
      expect(eventCatalog[topic].type).toBe(`org.dms.${topic.replace(/s\.v1$|\.v1$/, '')}.v1`);
    }
  });
});
