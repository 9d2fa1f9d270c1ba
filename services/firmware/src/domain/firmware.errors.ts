import { HttpError } from '@dms/service-kit';

export class PackageNotFoundError extends HttpError {
  constructor(packageId: string) {
    super(404, 'FIRMWARE_PACKAGE_NOT_FOUND', `no firmware package ${packageId}; register it first (POST /api/v1/firmware/packages)`, { details: { packageId } });
  }
}

export class UpdateNotFoundError extends HttpError {
  constructor(updateId: string) {
    super(404, 'FIRMWARE_UPDATE_NOT_FOUND', `no firmware update ${updateId}`, { details: { updateId } });
  }
}

export class PackageNotApplicableError extends HttpError {
  constructor(packageId: string, fromVersion: string, fromVersions: readonly string[]) {
    super(409, 'FIRMWARE_NOT_APPLICABLE', `package ${packageId} applies to ${fromVersions.join(', ')}, not to firmware ${fromVersion}`, {
      details: { packageId, fromVersion, fromVersions },
    });
  }
}

export class RolloutNotFoundError extends HttpError {
  constructor(rolloutId: string) {
    super(404, 'FIRMWARE_ROLLOUT_NOT_FOUND', `no firmware rollout ${rolloutId}`, { details: { rolloutId } });
  }
}

export class RolloutStateError extends HttpError {
  constructor(rolloutId: string, state: string, action: string) {
    super(409, 'FIRMWARE_ROLLOUT_STATE', `rollout ${rolloutId} is ${state}; it cannot ${action}`, { details: { rolloutId, state, action } });
  }
}

export class InvalidRequestError extends HttpError {
  constructor(message: string, details?: Record<string, unknown>) {
    super(400, 'INVALID_REQUEST', message, details === undefined ? {} : { details });
  }
}

export class UpdateInProgressError extends HttpError {
  constructor(deviceId: string, updateId: string) {
    super(409, 'FIRMWARE_UPDATE_IN_PROGRESS', `device ${deviceId} is being updated (${updateId}); wait for it to end`, { details: { deviceId, updateId }, retriable: true });
  }
}
