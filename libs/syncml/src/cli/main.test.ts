import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// The CLI as users run it (`pnpm syncml` = tsx on this file), spawned for real.
const repo = join(__dirname, '../../../..');
const tsx = join(repo, 'node_modules/.bin/tsx');
const main = join(__dirname, 'main.ts');
const work = mkdtempSync(join(tmpdir(), 'syncml-cli-'));
const refSession = '/work/shared/peers/syncevolution/captures/ref_session';

function cli(args: string[], stdin?: string | Uint8Array) {
  const result = spawnSync(tsx, [main, ...args], { cwd: repo, input: stdin, timeout: 60_000 });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr.toString() };
}

function file(name: string, content: string | Uint8Array): string {
  const path = join(work, name);
  writeFileSync(path, content);
  return path;
}

const dmXml =
  '<SyncML xmlns="SYNCML:SYNCML1.2"><SyncHdr><VerDTD>1.2</VerDTD><VerProto>DM/1.2</VerProto><SessionID>1</SessionID><MsgID>1</MsgID>' +
  '<Target><LocURI>s</LocURI></Target><Source><LocURI>d</LocURI></Source></SyncHdr><SyncBody><Final/></SyncBody></SyncML>';

// Package 0 (OMA-TS-DM_Notification 6.2): 16-byte digest | 03 28 = version 12, ui-mode informative,
// initiator server | 00 00 00 future use | 1A 2B session id | 04 "srv1" server identifier.
const pkg0Hex = '00112233445566778899aabbccddeeff' + '0328' + '000000' + '1a2b' + '04' + '73727631';

describe('syncml CLI', () => {
  jest.setTimeout(120_000);

  it('decodes WBXML from a file to canonical XML', () => {
    const { status, stdout } = cli(['decode', join(refSession, '03-req.bin')]);
    expect(status).toBe(0);
    expect(stdout.toString()).toMatch(
      /^<\?xml version="1.0" encoding="UTF-8"\?>\n<SyncML xmlns="SYNCML:SYNCML1.2">\n {2}<SyncHdr>/,
    );
    expect(stdout.toString()).toContain('<MsgID>3</MsgID>');
  });

  it('encodes XML from standard input to WBXML that decodes back to the same XML', () => {
    const encoded = cli(['encode', '--wbxml', '-'], dmXml);
    expect(encoded.status).toBe(0);
    expect([...encoded.stdout.subarray(0, 5)]).toEqual([0x02, 0xa4, 0x01, 0x6a, 0x00]);
    const decoded = cli(['decode', file('pkg.wbxml', encoded.stdout)]);
    expect(decoded.stdout.toString()).toContain('<VerProto>DM/1.2</VerProto>');
  });

  it('prints Package 0 fields as JSON from a hex dump', () => {
    const { status, stdout } = cli(['pkg0', 'decode', file('pkg0.hex', pkg0Hex)]);
    expect(status).toBe(0);
    expect(JSON.parse(stdout.toString())).toMatchObject({
      version: 12,
      uiMode: 'informative',
      initiator: 'server',
      sessionId: 0x1a2b,
      serverId: 'srv1',
      digest: '00112233445566778899aabbccddeeff',
    });
  });

  it('reports malformed XML on one stderr line with line and column, exit 1', () => {
    const { status, stderr } = cli(['decode', '-'], '<SyncML>\n<SyncHdr></SyncBody></SyncML>');
    expect(status).toBe(1);
    expect(stderr.trim().split('\n')).toHaveLength(1);
    expect(stderr).toMatch(/not well-formed.*\(line 2, column \d+\)/);
  });

  it('reports a truncated WBXML message with the byte offset, exit 1', () => {
    const { status, stderr } = cli([
      'decode',
      file('cut.wbxml', Uint8Array.of(0x02, 0xa4, 0x01, 0x6a, 0x00, 0x6d, 0x6c)),
    ]);
    expect(status).toBe(1);
    expect(stderr.trim().split('\n')).toHaveLength(1);
    expect(stderr).toMatch(/\(byte \d+\)/);
  });

  it('reports a short Package 0 with the byte offset, exit 1', () => {
    const { status, stderr } = cli(['pkg0', 'decode', '-'], '0011');
    expect(status).toBe(1);
    expect(stderr).toMatch(/byte \d+/);
  });

  it('reports a missing input file on one line, exit 1', () => {
    const { status, stderr } = cli(['decode', join(work, 'no-such-file.xml')]);
    expect(status).toBe(1);
    expect(stderr.trim()).toMatch(/^cannot read .*no-such-file\.xml: ENOENT$/);
  });

  it('prints the usage text for missing or unknown arguments, exit 2', () => {
    for (const args of [[], ['encode', 'x']]) {
      const { status, stderr } = cli(args);
      expect(status).toBe(2);
      expect(stderr).toContain('usage: pnpm syncml');
    }
  });
});
