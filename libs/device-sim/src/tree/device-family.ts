/**
 * Handset families the simulator can play. Both keep DevInfo, DevDetail and DMAcc where
 * DM 1.2 puts them; they differ where real handsets differ: the MO locations (device
 * chosen, management-objects.md 4-5) and the connectivity settings (7): `oma-standard`
 * has dynamic ConnMO-style NAP/Proxy/MMS instances the server Adds; `vendor-x` has fixed
 * slots that exist from the factory (empty on a new handset) and only take Replace.
 * Paths are listed in README.md; gateway and config code target them.
 */
export type DeviceFamilyName = 'oma-standard' | 'vendor-x';

export interface DeviceIdentity {
  readonly man: string;
  readonly mod: string;
  readonly oem: string;
  readonly devTyp: string;
  readonly fwV: string;
  readonly swV: string;
  readonly hwV: string;
  readonly lang: string;
  readonly dmV: string;
}

export interface FamilyPaths {
  readonly dmAcc: string;
  /** Parent of the FUMO instances (`<fumo>/<x>`). */
  readonly fumo: string;
  /** SCOMO root (`<scomo>/Inventory/Deployed/<x>`). */
  readonly scomo: string;
  /** Exec target that reboots the handset. */
  readonly reboot: string;
  /** Where Internet APN settings live (a NAP parent for oma-standard, a fixed slot for vendor-x). */
  readonly internet: string;
  /** Where MMS settings live. */
  readonly mms: string;
  /** Parent of the bookmark instances. */
  readonly bookmarks: string;
}

export interface DeviceFamily {
  readonly name: DeviceFamilyName;
  readonly identity: DeviceIdentity;
  readonly paths: FamilyPaths;
}

export const deviceFamilies: Readonly<Record<DeviceFamilyName, DeviceFamily>> = {
  'oma-standard': {
    name: 'oma-standard',
    identity: {
      man: 'Acme',
      mod: 'AcmePhone 1',
      oem: 'Acme Devices',
      devTyp: 'phone',
      fwV: '1.0.0',
      swV: '1.0.0',
      hwV: 'A1',
      lang: 'en-US',
      dmV: '1.2',
    },
    paths: {
      dmAcc: './DMAcc',
      fumo: './FUMO',
      scomo: './SCOMO',
      reboot: './DevDetail/Ext/Reboot',
      internet: './ConnMO/NAP',
      mms: './MMS',
      bookmarks: './Browser/Bookmarks',
    },
  },
  'vendor-x': {
    name: 'vendor-x',
    identity: {
      man: 'Xphone',
      mod: 'X-200',
      oem: 'Xphone OEM',
      devTyp: 'smartphone',
      fwV: 'X200_FW_2.1',
      swV: 'X200_SW_2.1.7',
      hwV: 'rev.C',
      lang: 'de-DE',
      dmV: 'XDM 3.0',
    },
    paths: {
      dmAcc: './DMAcc',
      fumo: './Vendor/X/FwUpdate',
      scomo: './Vendor/X/SwMgmt',
      reboot: './Vendor/X/Ops/Reboot',
      internet: './Vendor/X/Settings/Internet',
      mms: './Vendor/X/Settings/MMS',
      bookmarks: './Vendor/X/Browser/Bookmark',
    },
  },
};

export function isDeviceFamilyName(value: string): value is DeviceFamilyName {
  return Object.prototype.hasOwnProperty.call(deviceFamilies, value);
}
