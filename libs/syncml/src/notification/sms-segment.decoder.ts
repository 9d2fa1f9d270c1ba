import { SyncmlDecodeError, SyncmlErrorCodes } from '../errors/syncml.error';
import { ByteReader } from './byte-reader';
import { UdhElements } from './sms.codes';

export interface SmsUdh {
  readonly destinationPort?: number;
  readonly sourcePort?: number;
  readonly concat?: { readonly reference: number; readonly total: number; readonly seq: number };
  /** Payload after the UDH. */
  readonly payload: Uint8Array;
}

/** Reads the UDH of one TP-UD that has UDHI set (TS 23.040 9.2.3.24). Unknown IEs are skipped. */
export function parseUdh(userData: Uint8Array, label = 'SMS user data'): SmsUdh {
  const r = new ByteReader(userData, label);
  const udhl = r.u8('UDHL');
  const ies = new ByteReader(r.bytes(udhl, 'UDH'), label, 1);
  let ports: { destinationPort: number; sourcePort: number } | undefined;
  let concat: SmsUdh['concat'];
  while (ies.remaining > 0) {
    const start = ies.offset;
    const iei = ies.u8('IEI');
    const v = new ByteReader(
      ies.bytes(ies.u8('IE length'), `IE 0x${iei.toString(16)}`),
      label,
      1 + start + 2,
    );
    if (iei === UdhElements.ports16)
      ports = { destinationPort: v.u16('destination port'), sourcePort: v.u16('source port') };
    else if (iei === UdhElements.ports8)
      ports = { destinationPort: v.u8('destination port'), sourcePort: v.u8('source port') };
    else if (iei === UdhElements.concat8)
      concat = { reference: v.u8('reference'), total: v.u8('total'), seq: v.u8('seq') };
    else if (iei === UdhElements.concat16)
      concat = { reference: v.u16('reference'), total: v.u8('total'), seq: v.u8('seq') };
    if (concat !== undefined && (concat.total === 0 || concat.seq === 0 || concat.seq > concat.total)) {
      throw ies.invalid(`concatenation seq ${concat.seq} of ${concat.total}`, start);
    }
  }
  return { ...ports, ...(concat === undefined ? {} : { concat }), payload: r.rest() };
}

export interface SmsDatagram {
  readonly destinationPort?: number;
  readonly sourcePort?: number;
  readonly reference?: number;
  /** The reassembled WDP datagram (the WSP PDU). */
  readonly wsp: Uint8Array;
}

/** Inverse of segmentForSms: reassembles segments in any order; a missing, duplicate or foreign part is an error. */
export function parseSmsSegments(userDatas: readonly Uint8Array[]): SmsDatagram {
  const parts = userDatas.map((ud, i) => parseUdh(ud, `SMS segment ${i + 1}`));
  const first = parts[0];
  const fail = (message: string): SyncmlDecodeError =>
    new SyncmlDecodeError(SyncmlErrorCodes.invalidNotification, message, { offset: 0 });
  if (first === undefined)
    throw new SyncmlDecodeError(SyncmlErrorCodes.truncated, 'no SMS segments', { offset: 0 });
  const ports = { destinationPort: first.destinationPort, sourcePort: first.sourcePort };
  if (first.concat === undefined) {
    if (parts.length > 1) throw fail(`${parts.length} segments but the first has no concatenation IE`);
    return { ...ports, wsp: first.payload };
  }
  const { reference, total } = first.concat;
  const bySeq = new Map<number, Uint8Array>();
  parts.forEach((p, i) => {
    if (p.concat === undefined || p.concat.reference !== reference || p.concat.total !== total) {
      throw fail(`SMS segment ${i + 1} does not belong to reference ${reference} of ${total} parts`);
    }
    if (bySeq.has(p.concat.seq)) throw fail(`SMS segment ${i + 1} repeats part ${p.concat.seq}`);
    bySeq.set(p.concat.seq, p.payload);
  });
  if (bySeq.size !== total) {
    throw new SyncmlDecodeError(
      SyncmlErrorCodes.truncated,
      `${bySeq.size} of ${total} SMS segments present`,
      { offset: 0 },
    );
  }
  const chunks = Array.from({ length: total }, (_, i) => bySeq.get(i + 1) as Uint8Array);
  const wsp = new Uint8Array(chunks.reduce((n, c) => n + c.byteLength, 0));
  chunks.reduce((at, c) => (wsp.set(c, at), at + c.byteLength), 0);
  return { ...ports, reference, wsp };
}
