import { OperationalError, UserError } from '@dms/service-kit';
import { RpcRemoteError, RpcValidationError } from './rpc.errors';
import { decodeRpcReply, errorReply, readReply, RPC_REMOTE_FAILED, successReply } from './rpc-wire.codec';

const SUBJECT = 'system.echo.v1';

/** What a caller gets back after the reply crossed the wire as JSON. */
function roundTrip(reply: ReturnType<typeof successReply>): unknown {
  return readReply(SUBJECT, decodeRpcReply(SUBJECT, JSON.stringify(reply)));
}

function failureOf(action: () => unknown): unknown {
  try {
    action();
  } catch (error) {
    return error;
  }
  return undefined;
}

describe('RPC wire envelope', () => {
  it('returns a result whose own fields include `error` as a result', () => {
    expect(roundTrip(successReply({ error: 'not a failure' }))).toEqual({ error: 'not a failure' });
  });

  it('carries an operational error code and retriable flag to the caller', () => {
    const error = failureOf(() =>
      roundTrip(errorReply(new OperationalError('HLR_UNREACHABLE', 'HLR did not answer'))),
    );
    expect(error).toBeInstanceOf(RpcRemoteError);
    expect(error).toMatchObject({
      code: 'HLR_UNREACHABLE',
      retriable: true,
      message: 'HLR did not answer',
      subject: SUBJECT,
    });
  });

  it('keeps a user error not retriable', () => {
    const error = failureOf(() => roundTrip(errorReply(new UserError('IMEI_MALFORMED', 'bad IMEI'))));
    expect(error).toMatchObject({ code: 'IMEI_MALFORMED', retriable: false });
  });

  it('hides the text of an untyped failure behind RPC_REMOTE_FAILED', () => {
    const reply = errorReply(new TypeError('password=hunter2'));
    expect(JSON.stringify(reply)).not.toMatch(/hunter2/);
    expect(failureOf(() => roundTrip(reply))).toMatchObject({ code: RPC_REMOTE_FAILED, retriable: false });
  });

  it('turns a refused request back into RpcValidationError with the reason only', () => {
    const refused = errorReply(new RpcValidationError(SUBJECT, 'request', 'text: expected string'));
    const error = failureOf(() => roundTrip(refused));
    expect(error).toBeInstanceOf(RpcValidationError);
    expect(error).toMatchObject({ side: 'request', reason: 'text: expected string' });
  });

  it.each([
    ['a bare value', '42'],
    ['an object with neither result nor error', '{"answer":1}'],
    ['an error without a retriable flag', '{"error":{"code":"X","message":"m"}}'],
    ['text that is not JSON', '<html>'],
  ])('refuses %s as an invalid response', (_name, json) => {
    const error = failureOf(() => readReply(SUBJECT, decodeRpcReply(SUBJECT, json)));
    expect(error).toBeInstanceOf(RpcValidationError);
    expect(error).toMatchObject({ side: 'response' });
  });
});
