import { SyncmlDecodeError, SyncmlErrorCodes } from '../errors/syncml.error';
import type { XmlLimits } from './xml-limits';

const declaredEncoding = /^<\?xml[^>]*\bencoding\s*=\s*["']([A-Za-z0-9._-]+)["']/;

/**
 * Bytes to text. XML 1.0 4.3.3: UTF-8 unless the declaration names another encoding;
 * SyncML peers send UTF-8 (WBXML charset 106), older phones sometimes ISO-8859-1.
 */
export function xmlInputToString(input: Uint8Array | string, limits: XmlLimits): string {
  if (typeof input === 'string') {
    const bytes = Buffer.byteLength(input, 'utf8');
    if (bytes > limits.maxBytes) throw tooLarge(bytes, limits);
    return input.charCodeAt(0) === 0xfeff ? input.slice(1) : input;
  }
  if (input.byteLength > limits.maxBytes) throw tooLarge(input.byteLength, limits);
  const hasBom = input[0] === 0xef && input[1] === 0xbb && input[2] === 0xbf;
  const body = hasBom ? input.subarray(3) : input;
  const head = new TextDecoder('latin1').decode(body.subarray(0, 200));
  const label = declaredEncoding.exec(head)?.[1] ?? 'utf-8';
  const decoder = decoderFor(label);
  try {
    return decoder.decode(body);
  } catch (cause) {
    throw new SyncmlDecodeError(SyncmlErrorCodes.malformed, `input is not valid ${label}`, {}, { cause });
  }
}

function tooLarge(bytes: number, limits: XmlLimits): SyncmlDecodeError {
  return new SyncmlDecodeError(
    SyncmlErrorCodes.tooLarge,
    `document of ${bytes} bytes exceeds the limit of ${limits.maxBytes}`,
    { offset: limits.maxBytes },
  );
}

function decoderFor(label: string) {
  try {
    return new TextDecoder(label, { fatal: true });
  } catch (cause) {
    throw new SyncmlDecodeError(
      SyncmlErrorCodes.unsupported,
      `unsupported XML encoding ${label}`,
      { offset: 0 },
      { cause },
    );
  }
}
