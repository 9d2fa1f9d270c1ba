import { HttpError, OperationalError, UserError } from '@dms/service-kit';

export class InvalidPackagesRequestError extends HttpError {
  constructor(message: string, details?: Record<string, unknown>) {
    super(400, 'FIRMWARE_INVALID_REQUEST', message, details === undefined ? {} : { details });
  }
}

/** Not a PEM SPKI public key of an accepted type; the problem names the accepted ones. */
export class UnsupportedKeyError extends HttpError {
  constructor(reason: string, accepted: readonly string[]) {
    super(422, 'FIRMWARE_KEY_UNSUPPORTED', `${reason}; accepted: ${accepted.join(', ')} (PEM "PUBLIC KEY", SPKI)`, {
      details: { accepted },
    });
  }
}

/** The same key is registered for another manufacturer, or was revoked (revocation is final). */
export class KeyConflictError extends HttpError {
  constructor(keyId: string, message: string) {
    super(409, 'FIRMWARE_KEY_CONFLICT', message, { details: { keyId } });
  }
}

export class KeyNotFoundError extends HttpError {
  constructor(keyId: string) {
    super(404, 'FIRMWARE_KEY_NOT_FOUND', `no manufacturer key ${keyId}`, { details: { keyId } });
  }
}

/** Why a package is refused for its key: unknown, revoked, or of another manufacturer. */
export class PackageKeyRefusedError extends HttpError {
  constructor(code: 'FIRMWARE_KEY_UNKNOWN' | 'FIRMWARE_KEY_REVOKED' | 'FIRMWARE_KEY_MANUFACTURER_MISMATCH', message: string, keyId: string) {
    super(422, code, message, { details: { keyId } });
  }
}

export class SignatureInvalidError extends HttpError {
  constructor(keyId: string, cause?: unknown) {
    super(422, 'FIRMWARE_SIGNATURE_INVALID', `the signature does not verify with key ${keyId} over the package bytes`, {
      details: { keyId },
      ...(cause === undefined ? {} : { cause }),
    });
  }
}

export class EmptyPackageError extends HttpError {
  constructor() {
    super(400, 'FIRMWARE_PACKAGE_EMPTY', 'the package has no bytes (send them as the application/octet-stream body)');
  }
}

export class PackageTooLargeError extends HttpError {
  constructor(size: number, limit: number) {
    super(413, 'FIRMWARE_PACKAGE_TOO_LARGE', `the package has ${size} bytes; the limit is ${limit}`, { details: { size, limit } });
  }
}

export class UnsupportedMediaTypeError extends HttpError {
  constructor() {
    super(415, 'FIRMWARE_PACKAGE_MEDIA_TYPE', 'send the package bytes with Content-Type: application/octet-stream');
  }
}

/** Same manufacturer, model and version as a registered package, other bytes. */
export class PackageConflictError extends HttpError {
  constructor(packageId: string, sha256: string) {
    super(409, 'FIRMWARE_PACKAGE_CONFLICT', `package ${packageId} exists with other bytes (sha256 ${sha256}); a new build needs a new version`, {
      details: { packageId, sha256 },
    });
  }
}

/** Another upload of other bytes for the same package is being written; retry later. */
export class PackageUploadInProgressError extends HttpError {
  constructor(packageId: string) {
    super(409, 'FIRMWARE_PACKAGE_UPLOAD_IN_PROGRESS', `another upload of package ${packageId} with other bytes is in progress`, {
      details: { packageId },
      retriable: true,
    });
  }
}

export class PackageNotFoundError extends HttpError {
  constructor(packageId: string) {
    super(404, 'FIRMWARE_PACKAGE_NOT_FOUND', `no firmware package ${packageId}`, { details: { packageId } });
  }
}

/** Download URL missing, tampered, for another device or expired: one answer for all, no hint which. */
export class DownloadForbiddenError extends HttpError {
  constructor() {
    super(403, 'FIRMWARE_DOWNLOAD_FORBIDDEN', 'the download URL is not valid');
  }
}

export class RangeNotSatisfiableError extends HttpError {
  constructor(size: number) {
    super(416, 'FIRMWARE_RANGE_NOT_SATISFIABLE', `the range is outside the package (${size} bytes)`, { details: { size } });
  }
}

/** A chunk of a registered package is missing from the store: the blob is damaged. */
export class PackageChunkMissingError extends OperationalError {
  constructor(packageId: string, index: number) {
    super('FIRMWARE_PACKAGE_CHUNK_MISSING', `chunk ${index} of package ${packageId} is missing`, {
      details: { packageId, index },
      retriable: false,
    });
  }
}

export class PackagesSettingsError extends UserError {
  constructor(message: string) {
    super('FIRMWARE_PACKAGES_SETTINGS_INVALID', message);
  }
}
