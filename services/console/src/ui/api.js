/** The console API; the session travels as the HttpOnly cookie, never readable here. */
export class ApiError extends Error {
  constructor(status, problem) {
    super(problem?.detail ?? problem?.title ?? `HTTP ${status}`);
    this.status = status;
    this.code = problem?.code ?? 'UNKNOWN';
    this.problem = problem;
  }
}

/** What to tell the user for each problem code: what happened and what to do. */
export function explain(error) {
  if (!(error instanceof ApiError))
    return 'The console cannot reach the server. Check your connection and reload.';
  switch (error.code) {
    case 'SERVICE_UNAVAILABLE':
      return `Service unavailable: ${error.problem?.detail ?? 'a service did not answer; try again later'}. If it persists, tell the operations team.`;
    case 'SUBSCRIBER_NOT_FOUND':
      return 'No subscriber or handset with that number that you may see. Check the MSISDN (digits, country code, no +) or IMEI (15 digits).';
    case 'SIGN_IN_FAILED':
      return 'Wrong user name or password. Check both and try again.';
    case 'SIGN_IN_LOCKED':
      return `${error.message}.`;
    case 'NOT_SIGNED_IN':
      return 'Your session has ended. Sign in again.';
    case 'FORBIDDEN':
      return 'Your role may not do this. Ask an operator admin if you need it.';
    case 'SERVICE_REFUSED':
      return `${error.message}.`;
    default:
      return error.status >= 500
        ? 'Something went wrong on the server. Try again; if it persists, tell the operations team.'
        : error.message;
  }
}

export async function api(method, path, body) {
  const response = await fetch(`/api/v1/console${path}`, {
    method,
    credentials: 'same-origin',
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (response.status === 204) return null;
  const text = await response.text();
  const data = text === '' ? null : JSON.parse(text);
  if (!response.ok) {
    const error = new ApiError(response.status, data);
    if (error.code === 'NOT_SIGNED_IN' && path !== '/session' && path !== '/me')
      window.dispatchEvent(new CustomEvent('signed-out'));
    throw error;
  }
  return data;
}
