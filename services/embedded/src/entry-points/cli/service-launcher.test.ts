import { decideLaunch, EXIT_USAGE, SERVICE_MAINS } from './service-launcher';

describe('start:service NAME', () => {
  it('launches a known service and hands it the remaining arguments', () => {
    expect(decideLaunch(['subscriber-terminal', '--help'])).toEqual({
      kind: 'launch',
      name: 'subscriber-terminal',
      argv: ['--help'],
    });
  });

  it('answers an unknown name with one line listing every valid name, exit 2', () => {
    const decision = decideLaunch(['hlr']);
    expect(decision).toMatchObject({ kind: 'refuse', exitCode: EXIT_USAGE });
    expect(EXIT_USAGE).toBe(2);
    for (const name of Object.keys(SERVICE_MAINS))
      expect(decision.kind === 'refuse' && decision.line).toContain(name);
  });

  it('prints usage with exit 0 for --help and exit 2 for no name', () => {
    expect(decideLaunch(['--help'])).toMatchObject({ kind: 'refuse', exitCode: 0 });
    expect(decideLaunch([])).toMatchObject({ kind: 'refuse', exitCode: EXIT_USAGE });
  });

  it('does not take an inherited object property for a service name', () => {
    expect(decideLaunch(['toString'])).toMatchObject({ kind: 'refuse', exitCode: EXIT_USAGE });
  });
});
