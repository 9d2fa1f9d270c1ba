import { RpcUnknownSubjectError, RpcValidationError } from './rpc.errors';
import { describeIssues, parseRpcRequest, parseRpcResponse } from './rpc-schema.validator';

describe('RPC schema validation', () => {
  it('strips fields the schema does not know from a valid request', () => {
    expect(parseRpcRequest('system.echo.v1', { text: 'hi', extra: true })).toEqual({ text: 'hi' });
  });

  it('names every failing field in one line', () => {
    let caught: unknown;
    try {
      parseRpcRequest('system.echo.v1', { text: 1, delayMs: -5 });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(RpcValidationError);
    const reason = (caught as RpcValidationError).reason;
    expect(reason).toMatch(/^text: .*; delayMs: /);
    expect(reason).not.toMatch(/\n/);
  });

  it('reports a response missing a field as an invalid response', () => {
    expect(() => parseRpcResponse('system.echo.v1', { text: 'hi' })).toThrow(
      expect.objectContaining({ code: 'RPC_INVALID', side: 'response' }),
    );
  });

  it('refuses a subject outside the catalog, including inherited object keys', () => {
    expect(() => parseRpcRequest('toString' as never, {})).toThrow(RpcUnknownSubjectError);
  });

  it('describes a root-level issue without a path', () => {
    expect(describeIssues([{ path: [], message: 'expected object' }])).toBe('expected object');
  });
});
