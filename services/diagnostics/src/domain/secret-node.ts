/**
 * Leaves that hold credentials: AuthSecret of a ConnMO NAP, a vendor Password slot,
 * DMAcc AAuthSecret / AAuthData (management-objects.md 7; DM 1.2 DMAcc). Diagnostics never
 * reads them (their value would travel in dm.command-completed over Kafka) and never
 * names their values in a finding.
 */
const SECRET_LEAF = /^(auth)?(secret|password|passwd|pwd|pin|aauthsecret|aauthdata|authsecret)$/i;

export function isSecretNode(nodeUri: string): boolean {
  const path = nodeUri.split('?')[0] ?? nodeUri;
  const leaf = path.slice(path.lastIndexOf('/') + 1);
  return SECRET_LEAF.test(leaf);
}
