import fc from 'fast-check';
import { encodeMessage, type MessageEncoding } from '../message.codec';
import type { Command } from '../model/command.model';
import type { SyncHdr, SyncMLMessage } from '../model/message.model';
import { decodeMessage } from '../message.codec';
import { packMessages, packNextMessage } from './message.packer';

const header: SyncHdr = {
  verDTD: '1.2',
  verProto: 'DM/1.2',
  sessionId: '1A2B',
  msgId: '7',
  target: { locURI: 'IMEI:490154203237518' },
  source: { locURI: 'https://dm.example.com/dm' },
};

// Characters that stress the encoders: XML escapes, CDATA terminators, CR (written as &#13;), multi-byte UTF-8.
const char = fc.constantFrom('a', 'Z', '0', ' ', '<', '&', '>', ']', '\r', '\n', 'é', '€', '😀');
const text = (maxLength: number) => fc.string({ unit: char, maxLength });
const uri = fc.stringMatching(/^\.\/[A-Za-z0-9]{1,8}(\/[A-Za-z0-9]{1,8}){0,3}$/);

const command: fc.Arbitrary<Command> = fc.oneof(
  fc.record({
    kind: fc.constantFrom('Replace' as const, 'Add' as const),
    cmdId: fc.integer({ min: 1, max: 9999 }).map(String),
    items: fc.array(fc.record({ target: uri.map((locURI) => ({ locURI })), data: text(200) }), {
      minLength: 1,
      maxLength: 3,
    }),
  }),
  fc.record({
    kind: fc.constant('Status' as const),
    cmdId: fc.integer({ min: 1, max: 9999 }).map(String),
    msgRef: fc.constant('1'),
    cmdRef: fc.integer({ min: 0, max: 99 }).map(String),
    cmd: fc.constantFrom('SyncHdr', 'Get', 'Replace'),
    targetRefs: fc.array(uri, { maxLength: 2 }),
    sourceRefs: fc.constant([]),
    data: fc.constantFrom(200, 212, 404, 500),
    items: fc.constant([]),
  }),
);

function size(message: SyncMLMessage, encoding: MessageEncoding): number {
  return encodeMessage(message, encoding).byteLength;
}

describe.each(['xml', 'wbxml'] as const)('packMessages in %s', (encoding) => {
  it('never produces a message above MaxMsgSize, keeps every command in order and packs each message full', () => {
    let splitRuns = 0;
    fc.assert(
      fc.property(
        fc.array(command, { maxLength: 40 }),
        fc.integer({ min: 0, max: 800 }),
        (commands, room) => {
          // Raise the limit so every command fits alone: oversized commands are a separate, tested error.
          const alone = commands.map((c) =>
            size({ hdr: { ...header, msgId: '99999' }, body: { commands: [c], final: true } }, encoding),
          );
          const empty = size(
            { hdr: { ...header, msgId: '99999' }, body: { commands: [], final: true } },
            encoding,
          );
          const maxMsgSize = Math.max(empty + room, ...alone);
          const messages = packMessages(header, commands, { maxMsgSize, encoding });
          if (messages.length > 1) splitRuns += 1;
          messages.forEach((message, index) => {
            expect(size(message, encoding)).toBeLessThanOrEqual(maxMsgSize);
            expect(message.hdr.msgId).toBe(String(7 + index));
            expect(message.body.final).toBe(index === messages.length - 1);
            const following = messages[index + 1];
            const next = following?.body.commands[0];
            if (following !== undefined && next !== undefined) {
              // Greedy and tight: the next message's first command would not have fitted here
              // (with Final if it was the very last command).
              const final = index + 2 === messages.length && following.body.commands.length === 1;
              expect(
                size({ ...message, body: { commands: [...message.body.commands, next], final } }, encoding),
              ).toBeGreaterThan(maxMsgSize);
            }
          });
          expect(messages.flatMap((message) => message.body.commands)).toEqual(commands);
        },
      ),
      { numRuns: 100 },
    );
    // The property must really have exercised splitting, not just single messages.
    expect(splitRuns).toBeGreaterThan(30);
  });

  it('produces messages that decode back to what was packed', () => {
    const commands: Command[] = Array.from({ length: 30 }, (_, i) => ({
      kind: 'Replace',
      cmdId: String(i + 1),
      items: [{ target: { locURI: `./N${i}` }, data: 'x'.repeat(100) }],
    }));
    const messages = packMessages(header, commands, { maxMsgSize: 1500, encoding });
    expect(messages.length).toBeGreaterThan(2);
    for (const message of messages)
      expect(decodeMessage(encodeMessage(message, encoding)).message).toEqual(message);
  });

  it('continues a DS Sync in the next messages with the same Target/Source, NumberOfChanges on the first part only', () => {
    const adds: Command[] = Array.from({ length: 40 }, (_, i) => ({
      kind: 'Add',
      cmdId: String(i + 3),
      meta: { type: 'text/vcard' },
      items: [
        { source: { locURI: String(100 + i) }, data: `BEGIN:VCARD\r\nFN:Person ${i}\r\nEND:VCARD\r\n` },
      ],
    }));
    const sync: Command = {
      kind: 'Sync',
      cmdId: '2',
      target: { locURI: 'contacts' },
      source: { locURI: './addressbook' },
      numberOfChanges: 40,
      commands: adds,
    };
    const alert: Command = { kind: 'Alert', cmdId: '1', data: 200, items: [] };
    const messages = packMessages({ ...header, verProto: 'SyncML/1.2' }, [alert, sync], {
      maxMsgSize: 1500,
      encoding,
    });
    expect(messages.length).toBeGreaterThan(2);
    const syncs = messages.flatMap((message) => message.body.commands.filter((c) => c.kind === 'Sync'));
    expect(syncs).toHaveLength(messages.length);
    expect(syncs.flatMap((part) => part.commands)).toEqual(adds);
    expect(syncs.map((part) => part.numberOfChanges)).toEqual([40, ...syncs.slice(1).map(() => undefined)]);
    for (const part of syncs)
      expect([part.target, part.source]).toEqual([{ locURI: 'contacts' }, { locURI: './addressbook' }]);
    for (const message of messages) expect(size(message, encoding)).toBeLessThanOrEqual(1500);
  });

  it('refuses a command that cannot fit even alone', () => {
    const big: Command = {
      kind: 'Replace',
      cmdId: '1',
      items: [{ target: { locURI: './big' }, data: 'x'.repeat(5000) }],
    };
    expect(() => packMessages(header, [big], { maxMsgSize: 2000, encoding })).toThrow(
      expect.objectContaining({ code: 'SYNCML_TOO_LARGE' }),
    );
  });
});

describe('packNextMessage', () => {
  const status: Command = {
    kind: 'Status',
    cmdId: '1',
    msgRef: '3',
    cmdRef: '0',
    cmd: 'SyncHdr',
    targetRefs: [],
    sourceRefs: [],
    data: 200,
    items: [],
  };
  const gets: Command[] = Array.from({ length: 50 }, (_, i) => ({
    kind: 'Get',
    cmdId: String(i + 2),
    items: [{ target: { locURI: `./DevDetail/Ext/N${i}` } }],
  }));

  it('puts the leading SyncHdr Status first and leaves the rest without Final', () => {
    const { message, rest } = packNextMessage(header, [status], gets, { maxMsgSize: 1200, encoding: 'xml' });
    expect(message.body.commands[0]).toBe(status);
    expect(message.body.final).toBe(false);
    expect(rest.length).toBeGreaterThan(0);
    expect([...message.body.commands.slice(1), ...rest]).toEqual(gets);
  });

  it('sends the last message of a package without Final when the package goes on', () => {
    const { message } = packNextMessage(header, [status], gets.slice(0, 1), {
      maxMsgSize: 5000,
      encoding: 'wbxml',
      final: false,
    });
    expect(message.body.final).toBe(false);
  });

  it('refuses when the header and leading statuses alone are too large', () => {
    expect(() => packNextMessage(header, [status], gets, { maxMsgSize: 100, encoding: 'xml' })).toThrow(
      /leading command/,
    );
  });
});
