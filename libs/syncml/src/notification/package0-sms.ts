import { encodePackage0 } from './package0.encoder';
import { PACKAGE0_CONTENT_TYPE } from './package0.codes';
import { defaultNotificationProfile, type NotificationProfile, type Package0Fields } from './package0.types';
import { segmentForSms, type SmsSegment } from './sms-segment.encoder';
import { wrapWapPush } from './wap-push.encoder';

export interface Package0Credentials {
  /** SRVCRED AAuthSecret. */
  readonly serverPassword: string;
  /** SRVCRED AAuthData octets the device holds (decoded from base64). */
  readonly serverNonce: Uint8Array;
  /** SRVCRED AAuthName, used when the profile's digestName is 'username'. */
  readonly username?: string;
}

/**
 * The whole server-side recipe for one device family: Package 0 (OMA-TS-DM_Notification 6.2)
 * -> WSP push with C4 AF 87 (6.3) -> binary SMS with WDP ports (WAP-259), ready for submit_sm.
 */
export function package0Sms(
  fields: Package0Fields,
  credentials: Package0Credentials,
  options: {
    readonly reference: number;
    readonly transactionId?: number;
    readonly profile?: NotificationProfile;
  },
): SmsSegment[] {
  const profile = options.profile ?? defaultNotificationProfile;
  const pkg0 = encodePackage0(fields, {
    ...credentials,
    digestName: profile.digestName,
    versionField: profile.versionField,
    nonceForm: profile.nonceForm,
  });
  const wsp = wrapWapPush(pkg0, PACKAGE0_CONTENT_TYPE, { transactionId: options.transactionId ?? 1 });
  return segmentForSms(wsp, {
    reference: options.reference,
    sourcePort: profile.sourcePort,
    dataCoding: profile.dataCoding,
  });
}
