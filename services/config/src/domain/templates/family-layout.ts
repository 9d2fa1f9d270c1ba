import type { DmFormat, SettingKind } from '@dms/contracts';
import type { MailProvider, SettingsProfile } from '../profile.model';

/** One leaf a setting writes. `secret` leaves (passwords) are pushed, never read back nor expected. */
export interface SettingLeaf {
  readonly uri: string;
  readonly value: string;
  readonly format?: DmFormat;
  readonly secret?: boolean;
}

/** The user's answers a personal setting needs (e-mail: the address typed on the handset). */
export interface PersonalData {
  readonly emailAddress?: string;
  /** The provider chosen for that address (profile table, else the generic one). */
  readonly mailProvider?: Omit<MailProvider, 'domain'>;
}

/**
 * Where one device family keeps each setting. `instances` are the interior nodes a
 * dynamic layout Adds before its leaves (ConnMO style); none means fixed slots that only
 * take Replace. `leaves` is undefined when the family has no place for the setting, or the
 * profile has no value for it.
 */
export interface FamilyLayout {
  readonly family: string;
  /** SCOMO inventory root (`<scomo>/Inventory/Deployed`), when the family has SCOMO. */
  readonly softwareInventory?: string;
  supports(setting: SettingKind): boolean;
  instances(setting: SettingKind, profile: SettingsProfile): readonly string[];
  leaves(setting: SettingKind, profile: SettingsProfile, personal?: PersonalData): readonly SettingLeaf[] | undefined;
}

/** Settings whose values are the same for every subscriber; e-mail carries the user's address. */
export const BASIC_SETTINGS: readonly SettingKind[] = ['mms', 'internet-apn', 'wap', 'bookmarks'];
export const PERSONAL_SETTINGS: readonly SettingKind[] = ['email'];

export const isBasic = (setting: SettingKind): boolean => BASIC_SETTINGS.includes(setting);
