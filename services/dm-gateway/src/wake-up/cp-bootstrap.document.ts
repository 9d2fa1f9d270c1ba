import { segmentForSms, wrapCpPush, type CpMacKey, type SmsSegment } from '@dms/syncml';
import { portOf, type BootstrapAccount } from './dm-bootstrap.account';
import { encodeProvisioningDocument, type ProvCharacteristic } from './prov-document.encoder';

/**
 * The w7 APPLICATION characteristic (OMA DM 1.2 bootstrap, CP profile; notification-bootstrap.md 3.1):
 * APPAUTH AAUTHLEVEL APPSRV is the client's credential towards the server (-> CLCRED),
 * AAUTHLEVEL CLIENT the server's towards the client (-> SRVCRED).
 */
export function w7Application({ server, credentials }: BootstrapAccount): ProvCharacteristic {
  const type = server.authType ?? 'DIGEST';
  const port = portOf(server.url);
  return {
    type: 'APPLICATION',
    parms: [
      ['APPID', 'w7'],
      ['PROVIDER-ID', server.serverId],
      ['NAME', server.name],
    ],
    children: [
      {
        type: 'APPADDR',
        parms: [
          ['ADDR', server.url],
          ['ADDRTYPE', 'URI'],
        ],
        children: port === undefined ? [] : [{ type: 'PORT', parms: [['PORTNBR', port]] }],
      },
      {
        type: 'APPAUTH',
        parms: [
          ['AAUTHLEVEL', 'APPSRV'],
          ['AAUTHTYPE', type],
          ['AAUTHNAME', credentials.clientUsername],
          ['AAUTHSECRET', credentials.clientPassword],
          ['AAUTHDATA', credentials.clientNonce],
        ],
      },
      {
        type: 'APPAUTH',
        parms: [
          ['AAUTHLEVEL', 'CLIENT'],
          ['AAUTHTYPE', type],
          ['AAUTHNAME', server.serverId],
          ['AAUTHSECRET', credentials.serverPassword],
          ['AAUTHDATA', credentials.serverNonce],
        ],
      },
    ],
  };
}

export interface CpBootstrapPush {
  /** The WBXML provisioning document (the bytes the MAC covers). */
  readonly document: Uint8Array;
  /** WSP push: content type application/vnd.wap.connectivity-wbxml with SEC and MAC. */
  readonly push: Uint8Array;
  /** Binary SMS to WDP port 2948, concatenated as needed. */
  readonly segments: SmsSegment[];
}

/**
 * OMA CP bootstrap over SMS (OMA-WAP-ProvBoot 5.3): the document, MAC'd with NETWPIN (the
 * subscriber's IMSI) or USERPIN (a PIN told to the user) via cpMac, pushed and segmented.
 */
export function cpBootstrapPush(
  account: BootstrapAccount,
  key: CpMacKey,
  options: {
    readonly reference: number;
    readonly transactionId?: number;
    readonly sourcePort?: number;
    readonly dataCoding?: number;
  },
): CpBootstrapPush {
  const document = encodeProvisioningDocument([w7Application(account)]);
  const push = wrapCpPush(document, key, { transactionId: options.transactionId ?? 1 });
  const segments = segmentForSms(push, {
    reference: options.reference,
    ...(options.sourcePort === undefined ? {} : { sourcePort: options.sourcePort }),
    ...(options.dataCoding === undefined ? {} : { dataCoding: options.dataCoding }),
  });
  return { document, push, segments };
}
