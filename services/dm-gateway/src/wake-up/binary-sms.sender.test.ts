import { createLogger } from '@dms/service-kit';
import { segmentForSms } from '@dms/syncml';
import { BinarySmsSender } from './binary-sms.sender';
import { SmppTransmitter } from './smpp-transmitter';
import type { SmscOptions } from './smsc.options';
import { TokenBucketRateLimiter } from './token-bucket.rate-limiter';

const base: SmscOptions = { host: '127.0.0.1', port: 1, systemId: 's', password: 'p', sourceAddress: '4900' };
const [segment] = segmentForSms(Uint8Array.of(1, 6, 3, 0xc4, 0xaf, 0x87), { reference: 0, dataCoding: 0xf5 });

function senderFor(smsc: SmscOptions): BinarySmsSender {
  // Nothing is sent here: submitSm only builds the PDU fields.
  const transmitter = new SmppTransmitter(smsc, createLogger({ service: 't', level: 'silent' }));
  return new BinarySmsSender(transmitter, new TokenBucketRateLimiter({ ratePerSecond: 1 }), {
    smsc,
    maxAttempts: 1,
    backoff: { baseMs: 1, maxMs: 1 },
  });
}

describe('submit_sm fields of a binary SMS', () => {
  it('carries UDHI, the profile data_coding and UDH+payload as short_message', () => {
    const fields = senderFor(base).submitSm('+491701234567', segment!);
    expect(fields).toMatchObject({
      esm_class: 0x40,
      data_coding: 0xf5,
      registered_delivery: 0,
      destination_addr: '491701234567',
      dest_addr_ton: 1,
      dest_addr_npi: 1,
    });
    expect(Buffer.from(fields['short_message'] as Buffer).toString('hex')).toBe(
      '0605040b8423f0' + '010603c4af87',
    );
  });

  it('a numeric source is international E.164, an alphanumeric one TON 5 / NPI 0, unless configured', () => {
    expect(senderFor(base).submitSm('1', segment!)).toMatchObject({
      source_addr: '4900',
      source_addr_ton: 1,
      source_addr_npi: 1,
    });
    expect(senderFor({ ...base, sourceAddress: 'Operator' }).submitSm('1', segment!)).toMatchObject({
      source_addr_ton: 5,
      source_addr_npi: 0,
    });
    expect(
      senderFor({
        ...base,
        sourceAddressKind: { ton: 3, npi: 9 },
        destinationAddressKind: { ton: 0, npi: 0 },
      }).submitSm('1', segment!),
    ).toMatchObject({
      source_addr_ton: 3,
      source_addr_npi: 9,
      dest_addr_ton: 0,
      dest_addr_npi: 0,
    });
  });

  it('asks for a delivery receipt only when configured', () => {
    expect(senderFor({ ...base, registeredDelivery: true }).submitSm('1', segment!)).toMatchObject({
      registered_delivery: 1,
    });
  });
});
