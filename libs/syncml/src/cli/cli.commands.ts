import { decodePackage0 } from '../notification';
import { detectEncoding } from '../message.codec';
import type { SyncmlDocument } from '../tree/element';
import { decodeWbxmlDocument, encodeWbxmlDocument } from '../wbxml';
import { decodeXmlDocument, encodeXmlDocument } from '../xml';
import { CliInputError } from './cli.error';
import { bytesOrHex, readInput } from './cli-input';

/** `decode FILE|-`: XML or WBXML (by the first byte) -> canonical pretty XML. */
export function decodeCommand(path: string): string {
  const bytes = readInput(path);
  if (bytes.byteLength === 0) throw new CliInputError('input is empty');
  const doc: SyncmlDocument =
    detectEncoding(bytes) === 'wbxml' ? decodeWbxmlDocument(bytes) : decodeXmlDocument(bytes);
  return encodeXmlDocument(doc, { pretty: true });
}

/** `encode --wbxml FILE|-`: XML -> WBXML bytes. */
export function encodeWbxmlCommand(path: string): Uint8Array {
  const bytes = readInput(path);
  if (bytes.byteLength === 0) throw new CliInputError('input is empty');
  if (detectEncoding(bytes) === 'wbxml')
    throw new CliInputError(`input is WBXML already (first byte 0x0${String(bytes[0])}), expected XML`);
  return encodeWbxmlDocument(decodeXmlDocument(bytes));
}

/** `pkg0 decode FILE|-`: Package 0 (bytes or hex) -> its fields as JSON, byte fields as hex. */
export function decodePackage0Command(path: string): string {
  const notification = decodePackage0(bytesOrHex(readInput(path)));
  return (
    JSON.stringify(
      notification,
      (_key, value: unknown) => (value instanceof Uint8Array ? Buffer.from(value).toString('hex') : value),
      2,
    ) + '\n'
  );
}
