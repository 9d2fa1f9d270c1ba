import { OpaqueId } from '@dms/contracts';
import { z } from 'zod';

const Host = z.string().min(1).max(253);
const Port = z.number().int().min(1).max(65_535);
const Url = z.string().url().max(1000);
const Security = z.enum(['none', 'ssl', 'starttls']);

/** MMS: the MMSC, the WAP proxy in front of it and the APN MMS uses (OMA CP APPID w4, NAPDEF, PXLOGICAL). */
export const MmsSettings = z.object({
  name: z.string().min(1).max(100).default('MMS'),
  mmscUrl: Url,
  proxyAddress: Host,
  proxyPort: Port,
  apn: z.string().min(1).max(100),
});

/** Internet APN (NAPDEF): `password` is a secret, never logged nor answered by GET. */
export const InternetSettings = z.object({
  name: z.string().min(1).max(100).default('Internet'),
  apn: z.string().min(1).max(100),
  authType: z.enum(['none', 'PAP', 'CHAP']).default('none'),
  user: z.string().max(100).optional(),
  password: z.string().max(100).optional(),
});

export const WapSettings = z.object({ homePage: Url });

export const Bookmark = z.object({ name: z.string().min(1).max(100), url: Url });

const MailServer = z.object({ host: Host, port: Port, security: Security });

/** One mail provider's servers; `domain` is the part after @ of the user's address. */
export const MailProvider = z.object({
  domain: z.string().min(1).max(253),
  incoming: MailServer.extend({ protocol: z.enum(['imap', 'pop3']) }),
  outgoing: MailServer,
});

/**
 * E-mail: server settings per mail domain, and a generic provider for other domains.
 * The user's own address (and so the account) is personal: asked on the handset.
 */
export const EmailSettings = z.object({
  providers: z.array(MailProvider).max(100).default([]),
  generic: MailProvider.omit({ domain: true }).optional(),
});

/** What an operator edits: every part optional, a profile pushes what it has. */
export const ProfileBody = z
  .object({
    name: z.string().min(1).max(200),
    mms: MmsSettings.optional(),
    internet: InternetSettings.optional(),
    wap: WapSettings.optional(),
    bookmarks: z.array(Bookmark).min(1).max(50).optional(),
    email: EmailSettings.optional(),
  })
  .strict();
export type ProfileBody = z.infer<typeof ProfileBody>;

export const NewProfile = ProfileBody.extend({ id: OpaqueId.regex(/^[A-Za-z0-9._-]+$/) }).strict();
export type NewProfile = z.infer<typeof NewProfile>;

/** One stored version of a profile (versions are immutable; the newest is the profile). */
export interface SettingsProfile extends ProfileBody {
  readonly id: string;
  readonly version: number;
  readonly createdAt: string;
}

export type MmsSettings = z.infer<typeof MmsSettings>;
export type InternetSettings = z.infer<typeof InternetSettings>;
export type EmailSettings = z.infer<typeof EmailSettings>;
export type MailProvider = z.infer<typeof MailProvider>;

/** The profile as the API shows it: the Internet password replaced by whether one is set. */
export function profileView(profile: SettingsProfile): Record<string, unknown> {
  const { internet, ...rest } = profile;
  if (internet === undefined) return rest;
  const { password, ...shown } = internet;
  return { ...rest, internet: { ...shown, passwordSet: password !== undefined && password !== '' } };
}

/** A new version that leaves the password out keeps the previous one (GET never shows it, so a client cannot echo it). */
export function carryPassword(body: ProfileBody, previous: SettingsProfile | undefined): ProfileBody {
  const old = previous?.internet?.password;
  if (body.internet === undefined || body.internet.password !== undefined || old === undefined) return body;
  return { ...body, internet: { ...body.internet, password: old } };
}
