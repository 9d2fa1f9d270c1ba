/** A firmware package the registry accepted: its signature verified with a manufacturer key. */
export interface FirmwarePackage {
  packageId: string;
  manufacturer: string;
  model: string;
  /** The firmware version the update installs, as DevDetail/FwV reads after it. */
  version: string;
  /** Versions the package applies to; empty = any. */
  fromVersions: string[];
  size: number;
  /** Hex SHA-256 of the package bytes (also the download ETag). */
  sha256: string;
  keyId: string;
  registeredAt: string;
}

/** What the rest of the firmware service reads of the registry (updates, rollouts). */
export interface PackageCatalog {
  get(packageId: string): Promise<FirmwarePackage | undefined>;
  /** Packages for a handset model (case-insensitive manufacturer and model), newest registration first. */
  forModel(manufacturer: string, model: string): Promise<FirmwarePackage[]>;
  downloadUrl(packageId: string, deviceId: string, now?: number): string;
}

/** Key algorithms a manufacturer may sign with. */
export const MANUFACTURER_KEY_TYPES = ['ed25519', 'ecdsa-p256', 'rsa'] as const;
export type ManufacturerKeyType = (typeof MANUFACTURER_KEY_TYPES)[number];

/** A manufacturer's public signing key as listed (public keys are not secret, but the list stays short). */
export interface ManufacturerKeyView {
  keyId: string;
  manufacturer: string;
  type: ManufacturerKeyType;
  addedAt: string;
  revokedAt?: string;
}

/** Manufacturer and model compare case-insensitively (DevInfo/Man spellings vary by firmware). */
export function catalogKey(value: string): string {
  return value.trim().toLowerCase();
}
