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
 * A dynamic instance (a member of a collection such as ./ConnMO/NAP) that diagnostics can find
 * on the handset by content: the handset's own instance holds `match` with the expected value,
 * or is the one `via.leaf` of another listed instance points at (config.rpc.ts `instances`).
 * `owned`: the name is config's (`Dms*`), so whatever sits there config wrote.
 */
export interface MatchableInstance {
  readonly uri: string;
  readonly match: string;
  readonly owned?: boolean;
  readonly via?: { readonly uri: string; readonly leaf: string };
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
  /** The collection members among `instances` (not their sub-interiors) and how to recognise the handset's own. */
  matchable(setting: SettingKind, profile: SettingsProfile): readonly MatchableInstance[];
  leaves(setting: SettingKind, profile: SettingsProfile, personal?: PersonalData): readonly SettingLeaf[] | undefined;
}

/** Settings whose values are the same for every subscriber; e-mail carries the user's address. */
export const BASIC_SETTINGS: readonly SettingKind[] = ['mms', 'internet-apn', 'wap', 'bookmarks'];
export const PERSONAL_SETTINGS: readonly SettingKind[] = ['email'];

export const isBasic = (setting: SettingKind): boolean => BASIC_SETTINGS.includes(setting);
