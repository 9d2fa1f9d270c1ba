import { DmCommandRequested } from './dm-command-requested.event';

const base = {
  jobId: 'job-1',
  deviceId: 'IMEI:490154203237518',
  correlationId: 'corr-1',
  requestedBy: 'diagnostics',
  requestedAt: '2026-11-28T01:00:00Z',
};

describe('dm.command-requested payload', () => {
  it('accepts ordered commands with a nested Atomic and applies defaults', () => {
    const parsed = DmCommandRequested.parse({
      ...base,
      commands: [
        { verb: 'Get', target: './DevDetail/FwV' },
        { verb: 'Atomic', children: [{ verb: 'Replace', target: './AP/mms/Addr', data: 'http://mms', format: 'chr' }] },
      ],
      userInteraction: { code: 1101, text: 'Install MMS settings?' },
    });
    expect(parsed.priority).toBe('normal');
    expect(parsed.notify).toBe(false);
    expect(parsed.commands[1]?.children?.[0]?.target).toBe('./AP/mms/Addr');
  });

  it('refuses Get inside Atomic, a target-less Replace and a Copy without source', () => {
    const result = DmCommandRequested.safeParse({
      ...base,
      commands: [
        { verb: 'Atomic', children: [{ verb: 'Get', target: './DevInfo/Mod' }] },
        { verb: 'Replace' },
        { verb: 'Copy', target: './A' },
      ],
    });
    expect(result.success).toBe(false);
    const paths = result.error?.issues.map((i) => i.path.join('.'));
    expect(paths).toEqual(expect.arrayContaining(['commands.0.children.0.verb', 'commands.1.target', 'commands.2.source']));
  });

  it('refuses a choice alert without choices', () => {
    const result = DmCommandRequested.safeParse({ ...base, commands: [{ verb: 'Exec', target: './X' }], userInteraction: { code: 1103, text: 'Pick' } });
    expect(result.success).toBe(false);
  });

  it('carries an optional wake-up MSISDN in E.164 digits and refuses one with a plus', () => {
    const commands = [{ verb: 'Get', target: './DevDetail/FwV' }];
    expect(DmCommandRequested.parse({ ...base, commands, notify: true, msisdn: '491701112233' }).msisdn).toBe('491701112233');
    expect(DmCommandRequested.parse({ ...base, commands }).msisdn).toBeUndefined();
    expect(DmCommandRequested.safeParse({ ...base, commands, msisdn: '+491701112233' }).success).toBe(false);
  });
});
