import type { Detection } from './batch-detection.service';
import { EffectPipeline, type PreparedDetection } from './effect.pipeline';
import type { StateWrite } from './detection.ports';

const detection = (id: string) => ({ eventId: id }) as unknown as Detection;
const write = (msisdn: string) => ({ next: { msisdn } }) as unknown as StateWrite;

describe('EffectPipeline', () => {
  it('asks the next batch for its claims while the previous one still waits for its publish, yet publishes and writes in batch order', async () => {
    const log: string[] = [];
    let releaseFirstPublish!: () => void;
    const firstPublish = new Promise<void>((resolve) => (releaseFirstPublish = resolve));
    const pipeline = new EffectPipeline({
      prepare: async (detections) => {
        log.push(`prepare ${detections.map((d) => d.eventId).join()}`);
        return detections.map((d) => ({ eventId: d.eventId }) as PreparedDetection);
      },
      publish: async (events) => {
        log.push(`publish ${events.map((e) => e.eventId).join()}`);
        if (events[0]?.eventId === 'a') await firstPublish;
      },
      write: async (writes) => void log.push(`write ${writes.map((w) => w.next.msisdn).join()}`),
    });
    const first = pipeline.run([detection('a')], [write('m1')], { partition: 0, offset: '0' }, '9');
    const second = pipeline.run([detection('b')], [write('m2')], { partition: 0, offset: '10' }, '19');
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(log).toEqual(['prepare a', 'prepare b', 'publish a', 'publish b']);
    releaseFirstPublish();
    await Promise.all([first, second]);
    expect(log.slice(4)).toEqual(['write m1', 'write m2']);
  });

  it('fails the later batches of a lane without writing their states when an earlier one fails', async () => {
    const published: string[] = [];
    const written: string[] = [];
    const pipeline = new EffectPipeline({
      prepare: async (detections) => detections.map((d) => ({ eventId: d.eventId }) as PreparedDetection),
      publish: async (events) => {
        if (events[0]?.eventId === 'a') throw new RangeError('broker down');
        published.push(...events.map((e) => e.eventId));
      },
      write: async (writes) => void written.push(...writes.map((w) => w.next.msisdn)),
    });
    const first = pipeline.run([detection('a')], [write('m1')], { partition: 0, offset: '0' }, '9');
    const second = pipeline.run([detection('b')], [write('m2')], { partition: 0, offset: '10' }, '19');
    await expect(first).rejects.toBeInstanceOf(RangeError);
    await expect(second).rejects.toBeInstanceOf(RangeError);
    // b may be announced (its redelivery announces it again under the same id), never written.
    expect(published.filter((id) => id !== 'b')).toEqual([]);
    expect(written).toEqual([]);
  });
});
