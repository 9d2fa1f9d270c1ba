import { SyncmlEncodeError } from '../errors/syncml.error';
import { ByteWriter } from './byte-writer';
import { ESM_CLASS_UDHI, SMS_USER_DATA_MAX, SmsDataCodings, UdhElements, WdpPorts } from './sms.codes';

export interface SmsSegmentOptions {
  /** Concatenation reference (same for all parts of one message); > 255 selects the 16-bit IE. */
  readonly reference: number;
  readonly referenceBits?: 8 | 16;
  readonly destinationPort?: number;
  readonly sourcePort?: number;
  readonly dataCoding?: number;
}

/** One binary SMS: what goes into SMPP submit_sm. */
export interface SmsSegment {
  /** UDHL octet + information elements. */
  readonly udh: Uint8Array;
  /** TP-UD as TS 23.040 defines it: udh ‖ payload (SMPP short_message); at most 140 octets. */
  readonly userData: Uint8Array;
  /** The part of the WSP datagram this segment carries. */
  readonly payload: Uint8Array;
  readonly esmClassUdhi: true;
  readonly esmClass: number;
  readonly dataCoding: number;
}

function portsIe(destination: number, source: number): Uint8Array {
  return new ByteWriter().u8(UdhElements.ports16).u8(4).u16(destination).u16(source).toBytes();
}

function concatIe(bits: 8 | 16, reference: number, total: number, seq: number): Uint8Array {
  const w = new ByteWriter();
  if (bits === 8) return w.u8(UdhElements.concat8).u8(3).u8(reference).u8(total).u8(seq).toBytes();
  return w.u8(UdhElements.concat16).u8(4).u16(reference).u8(total).u8(seq).toBytes();
}

/**
 * WDP over GSM SMS (WAP-259 6.5): every segment carries the 16-bit port IE; when the datagram
 * does not fit one TP-UD, each also carries a concatenation IE (TS 23.040 9.2.3.24.1/.8).
 */
export function segmentForSms(wsp: Uint8Array, options: SmsSegmentOptions): SmsSegment[] {
  const ports = portsIe(
    options.destinationPort ?? WdpPorts.wapPush,
    options.sourcePort ?? WdpPorts.wspConnectionless,
  );
  const dataCoding = options.dataCoding ?? SmsDataCodings.octetUnspecified;
  const segment = (ies: Uint8Array, payload: Uint8Array): SmsSegment => {
    const udh = new ByteWriter().u8(ies.byteLength).bytes(ies).toBytes();
    const userData = new ByteWriter().bytes(udh).bytes(payload).toBytes();
    return { udh, userData, payload, esmClassUdhi: true, esmClass: ESM_CLASS_UDHI, dataCoding };
  };
  if (1 + ports.byteLength + wsp.byteLength <= SMS_USER_DATA_MAX) return [segment(ports, wsp)];

  const bits = options.referenceBits ?? (options.reference > 0xff ? 16 : 8);
  const limit = bits === 8 ? 0xff : 0xffff;
  if (!Number.isInteger(options.reference) || options.reference < 0 || options.reference > limit) {
    throw new SyncmlEncodeError(
      'SYNCML_CANNOT_ENCODE',
      `concatenation reference ${options.reference} does not fit ${bits} bits`,
    );
  }
  const room = SMS_USER_DATA_MAX - 1 - ports.byteLength - (bits === 8 ? 5 : 6);
  const total = Math.ceil(wsp.byteLength / room);
  if (total > 0xff)
    throw new SyncmlEncodeError(
      'SYNCML_TOO_LARGE',
      `${wsp.byteLength} octets need ${total} SMS, at most 255`,
    );
  const out: SmsSegment[] = [];
  for (let i = 0; i < total; i++) {
    const ies = new ByteWriter()
      .bytes(ports)
      .bytes(concatIe(bits, options.reference, total, i + 1))
      .toBytes();
    out.push(segment(ies, wsp.slice(i * room, (i + 1) * room)));
  }
  return out;
}
