import { codesOf, reverseOf, type CodeEntry } from './code-table';

/**
 * Alert codes. DS (SyncML RepPro 1.2): 100 display, 200-210 sync types, 221-225 session
 * control. DM (OMA DM 1.2 protocol 4.2): 1100-1104 user interaction, 1200/1201 session
 * start, 1222-1226 session control and client alerts; DM codes all start at 1100.
 */
const alertTable = {
  display: [100, 'DS: display text'],
  twoWay: [200, 'DS: two-way sync'],
  slowSync: [201, 'DS: slow sync (two-way, full comparison)'],
  oneWayFromClient: [202, 'DS: one-way sync from client'],
  refreshFromClient: [203, 'DS: refresh sync from client'],
  oneWayFromServer: [204, 'DS: one-way sync from server'],
  refreshFromServer: [205, 'DS: refresh sync from server'],
  twoWayByServer: [206, 'DS: two-way sync alerted by server'],
  oneWayFromClientByServer: [207, 'DS: one-way sync from client alerted by server'],
  refreshFromClientByServer: [208, 'DS: refresh sync from client alerted by server'],
  oneWayFromServerByServer: [209, 'DS: one-way sync from server alerted by server'],
  refreshFromServerByServer: [210, 'DS: refresh sync from server alerted by server'],
  resultAlert: [221, 'DS: result alert (request results)'],
  nextMessage: [222, 'DS: next message of a multi-message package'],
  noEndOfData: [223, 'DS: end of data for chunked item not received'],
  suspend: [224, 'DS 1.2: suspend session'],
  resume: [225, 'DS 1.2: resume session'],
  dmDisplay: [1100, 'DM: display text'],
  dmConfirmOrReject: [1101, 'DM: confirm or reject'],
  dmTextInput: [1102, 'DM: text input'],
  dmSingleChoice: [1103, 'DM: single choice'],
  dmMultipleChoice: [1104, 'DM: multiple choice'],
  serverInitiatedMgmt: [1200, 'DM: server-initiated management session (answers Package 0)'],
  clientInitiatedMgmt: [1201, 'DM: client-initiated management session'],
  dmNextMessage: [1222, 'DM: next message of a multi-message package'],
  sessionAbort: [1223, 'DM: session abort'],
  clientEvent: [1224, 'DM: client event'],
  dmNoEndOfData: [1225, 'DM: end of data for chunked object not received'],
  genericAlert: [1226, 'DM: generic alert (asynchronous result, FUMO/SCOMO)'],
} as const;

export const AlertCodes = codesOf(alertTable);
export type AlertCodeName = keyof typeof alertTable;
export type AlertCode = (typeof AlertCodes)[AlertCodeName];

const alertByCode = reverseOf(alertTable);

export function alertEntry(code: number): CodeEntry<AlertCodeName> | undefined {
  return alertByCode.get(code);
}

export function describeAlert(code: number): string {
  return `${code} ${alertByCode.get(code)?.meaning ?? 'Unknown alert code'}`;
}

/** DS sync-type alerts (200-210) that start a datastore sync in the init package. */
export function isSyncTypeAlert(code: number): boolean {
  return code >= AlertCodes.twoWay && code <= AlertCodes.refreshFromServerByServer;
}

/** DM user-interaction alerts (1100-1104), server to client only. */
export function isUserInteractionAlert(code: number): boolean {
  return code >= AlertCodes.dmDisplay && code <= AlertCodes.dmMultipleChoice;
}
