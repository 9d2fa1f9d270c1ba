import { HttpError, UserError } from '@dms/service-kit';

export class ProfileNotFoundError extends HttpError {
  constructor(id: string, version?: number) {
    super(404, 'PROFILE_NOT_FOUND', `no settings profile ${id}${version === undefined ? '' : ` version ${version}`}`, { details: { id } });
  }
}

export class ProfileExistsError extends HttpError {
  constructor(id: string) {
    super(409, 'PROFILE_EXISTS', `settings profile ${id} exists; PUT a new version instead`, { details: { id } });
  }
}

/** Two writers made the same next version; the loser reads again and retries. */
export class ProfileVersionConflictError extends HttpError {
  constructor(id: string, version: number) {
    super(409, 'PROFILE_VERSION_CONFLICT', `version ${version} of profile ${id} was written concurrently`, { details: { id, version } });
  }
}

export class TemplateNotFoundError extends HttpError {
  constructor(id: string) {
    super(404, 'TEMPLATE_NOT_FOUND', `no template ${id}`, { details: { id } });
  }
}

export class DeviceStateNotFoundError extends HttpError {
  constructor(deviceId: string) {
    super(404, 'DEVICE_NOT_CONFIGURED', `config has no state for device ${deviceId}`, { details: { deviceId } });
  }
}

/** No template matches the handset (or its profile is missing): config cannot say what to write. */
export class NoTemplateError extends HttpError {
  constructor(deviceId: string) {
    super(422, 'NO_TEMPLATE', `no template matches device ${deviceId}`, { details: { deviceId } });
  }
}

export class InvalidRequestError extends HttpError {
  constructor(message: string, details?: Record<string, unknown>) {
    super(400, 'INVALID_REQUEST', message, details === undefined ? {} : { details });
  }
}

/** The sample profile file named in the config cannot be read or is not a profile. */
export class SampleProfileError extends UserError {
  constructor(file: string, cause: unknown) {
    super('CONFIG_SAMPLE_PROFILE_INVALID', `sample profile ${file} cannot be loaded`, { cause, details: { file } });
  }
}
