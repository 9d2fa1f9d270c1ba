import { HttpError } from '@dms/service-kit';

export class CampaignNotFoundError extends HttpError {
  constructor(id: string) {
    super(404, 'CAMPAIGN_NOT_FOUND', `no campaign ${id}`, { details: { id } });
  }
}

/** A lifecycle step the campaign's state does not allow (cancel a completed campaign...). */
export class CampaignStateConflictError extends HttpError {
  constructor(id: string, state: string, action: string) {
    super(409, 'CAMPAIGN_STATE_CONFLICT', `cannot ${action} a campaign that is ${state}`, {
      details: { id, state, action },
    });
  }
}

export class InvalidCampaignRequestError extends HttpError {
  constructor(message: string, details?: Record<string, unknown>) {
    super(400, 'INVALID_CAMPAIGN_REQUEST', message, details === undefined ? {} : { details });
  }
}
