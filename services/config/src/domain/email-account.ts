import type { EmailSettings, MailProvider } from './profile.model';

/** The servers for an address: the provider of its mail domain (or a parent domain), else the profile's generic one. */
export function mailProviderFor(email: EmailSettings, address: string): Omit<MailProvider, 'domain'> | undefined {
  const domain = address.slice(address.lastIndexOf('@') + 1).toLowerCase();
  const exact = email.providers.find((p) => p.domain.toLowerCase() === domain);
  const parent = email.providers.find((p) => domain.endsWith(`.${p.domain.toLowerCase()}`));
  return exact ?? parent ?? email.generic;
}
