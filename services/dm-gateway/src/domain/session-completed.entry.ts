import type { SessionCompleted } from '@dms/contracts';
import type { SessionState } from './session-state';

const schemeNames = { basic: 'basic', md5: 'md5-digest', hmac: 'hmac-md5', none: 'none' } as const;

/** The device.session-completed.v1 payload (and session-log entry) of a session as its state tells it. */
export function sessionCompletedEntry(state: SessionState, outcome: SessionCompleted['outcome'], endedAt: Date): SessionCompleted {
  return {
    sessionId: state.sid,
    deviceId: state.dev,
    initiator: state.ini === 's' ? 'server' : 'client',
    outcome,
    encoding: state.enc === 'w' ? 'wbxml' : 'xml',
    authScheme: schemeNames[state.au],
    messages: state.n,
    commandsExecuted: state.cx,
    jobIds: state.jobs,
    startedAt: new Date(state.t0).toISOString(),
    endedAt: endedAt.toISOString(),
  };
}
