import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { isConfigError, startHttpServer } from '@dms/service-kit';
import { explainListenError, PortInUseError } from './port-in-use.error';

describe('a taken port', () => {
  it('is reported as a configuration error naming PORT', async () => {
    const occupier = createServer();
    await new Promise<void>((done) => occupier.listen(0, '127.0.0.1', done));
    const { port } = occupier.address() as AddressInfo;
    try {
      const error = await startHttpServer(() => undefined, { port, host: '127.0.0.1' }).then(
        () => undefined,
        (failure: unknown) => explainListenError(failure, port),
      );
      expect(error).toBeInstanceOf(PortInUseError);
      expect(isConfigError(error)).toBe(true);
      expect((error as PortInUseError).message).toMatch(new RegExp(`^PORT: port ${port} is in use`));
    } finally {
      occupier.close();
    }
  });

  it('leaves other errors as they are', () => {
    const other = new RangeError('x');
    expect(explainListenError(other, 80)).toBe(other);
  });
});
