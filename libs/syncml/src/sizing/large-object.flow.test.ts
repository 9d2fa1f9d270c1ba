import { decodeMessage, encodeMessage, type MessageEncoding } from '../message.codec';
import type { Command, ItemCommand } from '../model/command.model';
import type { SyncHdr } from '../model/message.model';
import { chunkLargeObject } from './large-object.chunker';
import { packNextMessage } from './message.packer';

const header: SyncHdr = {
  verDTD: '1.2',
  verProto: 'DM/1.2',
  sessionId: '1',
  msgId: '4',
  target: { locURI: 'IMEI:490154203237518' },
  source: { locURI: 'https://dm.example.com/dm' },
};
const firmware = Uint8Array.from({ length: 20_000 }, (_, i) => (i * 7919) % 256);

// OMA DM 1.2 2.2: a Replace of ./FUMO/x/Update/PkgData too large for MaxMsgSize goes out as
// chunks, one per message; the receiver answers 213 to each and reassembles.
describe.each([
  ['wbxml', 'bin', firmware] as const,
  ['xml', 'b64', Buffer.from(firmware).toString('base64')] as const,
])('a 20 KB firmware package in %s (Format %s)', (encoding: MessageEncoding, format, data) => {
  const maxMsgSize = 4000;
  const item = { target: { locURI: './FUMO/x/Update/PkgData' }, meta: { format }, data };
  const chunks = chunkLargeObject(item, 3000);
  const replaces: Command[] = chunks.map((chunk, i) => ({
    kind: 'Replace',
    cmdId: String(i + 2),
    items: [chunk],
  }));

  it('fits one chunk per message within MaxMsgSize and reassembles to the original', () => {
    const received: (string | Uint8Array)[] = [];
    replaces.forEach((replace, index) => {
      const last = index === replaces.length - 1;
      // Final only on the message that carries the last chunk (DM 1.2 2.1.2).
      const { message, rest } = packNextMessage(header, [], [replace], { maxMsgSize, encoding, final: last });
      expect(rest).toEqual([]);
      const bytes = encodeMessage(message, encoding);
      expect(bytes.byteLength).toBeLessThanOrEqual(maxMsgSize);
      const decoded = decodeMessage(bytes).message;
      expect(decoded.body.final).toBe(last);
      const chunk = (decoded.body.commands[0] as ItemCommand).items[0];
      expect(chunk?.moreData === true).toBe(!last);
      received.push(chunk?.data as string | Uint8Array);
    });
    const whole =
      typeof data === 'string'
        ? received.join('')
        : Buffer.concat(received.map((part) => Buffer.from(part as Uint8Array)));
    expect(typeof data === 'string' ? whole : Uint8Array.from(whole as Buffer)).toEqual(data);
    expect(chunks[0]?.meta?.size).toBe(typeof data === 'string' ? data.length : data.byteLength);
  });
});
