/** Settings of the package registry; the service's config supplies them (libraries never read the environment). */
export interface PackagesSettings {
  /** Base of the URLs handsets download from (FUMO PkgURL), e.g. `https://fw.operator.example`. */
  publicBaseUrl: string;
  /** HMAC-SHA256 key of download tokens; at least 32 characters. */
  downloadSecret: string;
  /** How long a download URL stays valid. */
  tokenTtlMs: number;
  /** Largest package accepted, in bytes. */
  maxPackageBytes: number;
}

export const DEFAULT_MAX_PACKAGE_BYTES = 64 * 1024 * 1024;
/** A day: a FUMO download may wait for Wi-Fi, charge or the user's consent. */
export const DEFAULT_TOKEN_TTL_MS = 24 * 60 * 60 * 1000;
export const MIN_DOWNLOAD_SECRET_LENGTH = 32;
/** Package bytes are stored in chunks of this size (a document each, far below MongoDB's 16 MiB). */
export const PACKAGE_CHUNK_BYTES = 256 * 1024;
