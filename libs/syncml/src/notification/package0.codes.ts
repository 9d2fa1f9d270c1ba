/** OMA-TS-DM_Notification 6.2.2.4 ui-mode (2 bits): what the device tells the user before the session. */
export const UiModes = {
  'not-specified': 0,
  background: 1,
  informative: 2,
  'user-interaction': 3,
} as const;

export type UiMode = keyof typeof UiModes;

export const UiModeByCode: Readonly<Record<number, UiMode>> = Object.fromEntries(
  Object.entries(UiModes).map(([name, code]) => [code, name as UiMode]),
);

/** 6.2.2.5 initiator (1 bit): 0 = the user/client asked for it, 1 = the server did. */
export const Initiators = { user: 0, server: 1 } as const;

export type Initiator = keyof typeof Initiators;

export const InitiatorByCode: Readonly<Record<number, Initiator>> = Object.fromEntries(
  Object.entries(Initiators).map(([name, code]) => [code, name as Initiator]),
);

/**
 * 6.2.2.3 version (10 bits, value = version x 10). The DM 1.2 notification text and libdmclient
 * use 11; some clients and servers send 12. Both are accepted on decode; encode picks per profile.
 */
export const NotificationVersions = { dm11: 11, dm12: 12 } as const;

export type NotificationVersion = (typeof NotificationVersions)[keyof typeof NotificationVersions];

/** 16 digest octets + 8 header octets (version..length-identifier) before the server identifier. */
export const PACKAGE0_DIGEST_LENGTH = 16;
export const PACKAGE0_FIXED_LENGTH = 24;

/** MIME type of Package 0 (OMA-TS-DM_Notification 6.3). */
export const PACKAGE0_CONTENT_TYPE = 'application/vnd.syncml.notification';
