import { subscriberTerminalRpc } from '@dms/contracts/src/rpc/subscriber-terminal.rpc';
import { createLogger } from '@dms/service-kit';
import { AssociationRepository } from '../../data-access/association.repository';
import { CatalogLookup } from '../../data-access/catalog.lookup';
import { CatalogRepository } from '../../data-access/catalog.repository';
import { SubscriberRepository } from '../../data-access/subscriber.repository';
import { TerminalRepository } from '../../data-access/terminal.repository';
import { SubscriberLookupService } from '../../domain/subscriber-lookup.service';
import { SubscriberUpdateAnnouncer } from '../../domain/subscriber-update.announcer';
import { TerminalCatalogService } from '../../domain/terminal-catalog.service';
import { detection, eventually, inventory, withLuhn } from '../../test-support/detection.fixtures';
import { startHarness, type Harness } from '../../test-support/service.harness';
import { lookupRpcHandlers } from './lookup.rpc';

const A = '35693803564380';

describe('RPC lookups', () => {
  let h: Harness;
  let handlers: ReturnType<typeof lookupRpcHandlers>;
  beforeAll(async () => {
    h = await startHarness();
    await h.bus.publish(
      'terminal.combination-detected.v1',
      detection('491705555555', A, '2026-05-01T00:00:00Z'),
      { id: 'd1' },
    );
    await eventually(async () => expect(h.updates).toHaveLength(1));
    await h.bus.publish(
      'device.inventory-reported.v1',
      inventory(withLuhn(A), 'Apple', 'iPhone 6', '2026-05-02T00:00:00Z'),
      { id: 'i1' },
    );
    await eventually(async () => expect(h.updates).toHaveLength(2));
    const logger = createLogger({ service: 't', level: 'silent' });
    const subscribers = new SubscriberRepository(h.store);
    const catalogRepository = new CatalogRepository(h.store);
    const catalog = new TerminalCatalogService(
      catalogRepository,
      new CatalogLookup(catalogRepository, h.cache, 1000, 10, logger),
    );
    handlers = lookupRpcHandlers(
      new SubscriberLookupService(
        subscribers,
        new TerminalRepository(h.store),
        new AssociationRepository(h.store),
        catalog,
        new SubscriberUpdateAnnouncer(h.bus, subscribers),
      ),
    );
  });
  afterAll(async () => {
    await h.close();
  });

  it('answers get-subscriber with a response its contract schema accepts', async () => {
    const response = await handlers['subscriber-terminal.get-subscriber.v1']({ msisdn: '491705555555' });
    const parsed = subscriberTerminalRpc['subscriber-terminal.get-subscriber.v1'].response.parse(
      JSON.parse(JSON.stringify(response)),
    );
    expect(parsed.subscriber).toMatchObject({
      msisdn: '491705555555',
      terminal: { imei: A, manufacturer: 'Apple', catalog: { origin: 'learned' } },
      history: [{ imei: A, to: null }],
    });
  });

  it('answers null for an unknown subscriber and terminal instead of an error', async () => {
    expect(await handlers['subscriber-terminal.get-subscriber.v1']({ msisdn: '499999999999' })).toEqual({
      subscriber: null,
    });
    expect(await handlers['subscriber-terminal.get-terminal.v1']({ imei: '35000000000000' })).toEqual({
      terminal: null,
    });
  });

  it('answers get-terminal and query within their schemas', async () => {
    const terminal = await handlers['subscriber-terminal.get-terminal.v1']({ imei: withLuhn(A) });
    expect(
      subscriberTerminalRpc['subscriber-terminal.get-terminal.v1'].response.parse(
        JSON.parse(JSON.stringify(terminal)),
      ).terminal?.model,
    ).toBe('iPhone 6');
    const page = await handlers['subscriber-terminal.query.v1']({
      criteria: { manufacturer: 'Apple', limit: '10' },
    });
    const parsed = subscriberTerminalRpc['subscriber-terminal.query.v1'].response.parse(
      JSON.parse(JSON.stringify(page)),
    );
    expect(parsed.items.map((s) => s.msisdn)).toEqual(['491705555555']);
  });
});
