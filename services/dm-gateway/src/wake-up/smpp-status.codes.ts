/**
 * SMPP 3.4 command_status values (section 5.1.3) this ESME meets, with what the sender
 * does about each: `transient` is tried again after a backoff, `reconnect` is tried again
 * on a fresh bind, `bind` is a configuration problem, `permanent` fails the message.
 */
export type SmppStatusClass = 'transient' | 'reconnect' | 'bind' | 'permanent';

interface SmppStatusEntry {
  readonly code: number;
  readonly class: SmppStatusClass;
}

export const SmppStatuses = {
  ESME_ROK: { code: 0x00, class: 'permanent' },
  ESME_RINVMSGLEN: { code: 0x01, class: 'permanent' },
  ESME_RINVCMDLEN: { code: 0x02, class: 'permanent' },
  ESME_RINVCMDID: { code: 0x03, class: 'permanent' },
  ESME_RINVBNDSTS: { code: 0x04, class: 'reconnect' }, // the SMSC lost our bind: bind again, send again
  ESME_RALYBND: { code: 0x05, class: 'reconnect' },
  ESME_RSYSERR: { code: 0x08, class: 'transient' },
  ESME_RINVSRCADR: { code: 0x0a, class: 'permanent' },
  ESME_RINVDSTADR: { code: 0x0b, class: 'permanent' },
  ESME_RBINDFAIL: { code: 0x0d, class: 'bind' },
  ESME_RINVPASWD: { code: 0x0e, class: 'bind' },
  ESME_RINVSYSID: { code: 0x0f, class: 'bind' },
  ESME_RMSGQFUL: { code: 0x14, class: 'transient' },
  ESME_RINVESMCLASS: { code: 0x43, class: 'permanent' },
  ESME_RSUBMITFAIL: { code: 0x45, class: 'permanent' },
  ESME_RINVSRCTON: { code: 0x48, class: 'permanent' },
  ESME_RINVSRCNPI: { code: 0x49, class: 'permanent' },
  ESME_RINVDSTTON: { code: 0x50, class: 'permanent' },
  ESME_RINVDSTNPI: { code: 0x51, class: 'permanent' },
  ESME_RTHROTTLED: { code: 0x58, class: 'transient' },
  ESME_RX_T_APPN: { code: 0x64, class: 'transient' }, // ESME receiver temporary app error
  ESME_RX_P_APPN: { code: 0x65, class: 'permanent' },
} as const satisfies Record<string, SmppStatusEntry>;

export type SmppStatusName = keyof typeof SmppStatuses;

const byCode: ReadonlyMap<number, SmppStatusName> = new Map(
  Object.entries(SmppStatuses).map(([name, entry]) => [entry.code, name as SmppStatusName]),
);

export interface SmppStatusInfo {
  readonly code: number;
  /** ESME_R... name, or 0xNN for a code outside the table (vendor range 0x400-0x4FF included). */
  readonly name: string;
  readonly class: SmppStatusClass;
}

/** Unknown codes are permanent: an unknown refusal repeated is still a refusal. */
export function smppStatus(code: number): SmppStatusInfo {
  const name = byCode.get(code);
  if (name === undefined)
    return { code, name: `0x${code.toString(16).padStart(2, '0')}`, class: 'permanent' };
  return { code, name, class: SmppStatuses[name].class };
}
