import { cpMac, type CpMacKey } from './cp-mac';
import { wrapWapPush } from './wap-push.encoder';
import { CpSecurityMethods } from './wsp.codes';

/** OMA CP bootstrap content type (WSP 0x36); the WBXML document itself comes from the CP encoder. */
export const CP_CONTENT_TYPE = 'application/vnd.wap.connectivity-wbxml';

export interface CpPushOptions {
  readonly transactionId?: number;
  /** Most CP pushes carry no X-Wap-Application-Id; pass one (e.g. 'x-wap-application:wml.ua') if a device needs it. */
  readonly applicationId?: string | number | null;
}

/**
 * WSP push of a CP document with Content-Type parameters SEC and MAC (ProvBoot 5.3):
 * `01 06 2F 1F 2D B6 91 81 92 <40 hex> 00 <document>` for USERPIN.
 */
export function wrapCpPush(document: Uint8Array, key: CpMacKey, options: CpPushOptions = {}): Uint8Array {
  return wrapWapPush(document, CP_CONTENT_TYPE, {
    transactionId: options.transactionId ?? 1,
    applicationId: options.applicationId ?? null,
    parameters: { sec: CpSecurityMethods[key.sec], mac: cpMac(document, key) },
  });
}
