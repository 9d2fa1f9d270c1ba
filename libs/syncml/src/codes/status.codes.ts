import { codesOf, reverseOf, type CodeEntry } from './code-table';

/**
 * Status codes of SyncML Representation Protocol 1.2 (shared by DM 1.2 and DS 1.2),
 * names as in the Funambol `SyncStatus.h` enum. Where a code is DM- or DS-specific the
 * meaning says so. 509 is reserved; 515 is not assigned.
 */
const statusTable = {
  inProgress: [101, 'In progress'],
  ok: [200, 'OK'],
  itemAdded: [201, 'Item added (DS)'],
  acceptedForProcessing: [202, 'Accepted for processing (async Exec, Generic Alert)'],
  nonAuthoritativeResponse: [203, 'Non-authoritative response'],
  noContent: [204, 'No content'],
  resetContent: [205, 'Reset content'],
  partialContent: [206, 'Partial content'],
  conflictResolvedWithMerge: [207, 'Conflict resolved with merge (DS)'],
  conflictResolvedClientWins: [208, "Conflict resolved with client's command winning (DS)"],
  conflictResolvedWithDuplicate: [209, 'Conflict resolved with duplicate (DS)'],
  deleteWithoutArchive: [210, 'Delete without archive'],
  itemNotDeleted: [211, 'Item not deleted: not found (DS)'],
  authenticationAccepted: [212, 'Authentication accepted for the session'],
  chunkedItemAccepted: [213, 'Chunked item accepted and buffered'],
  operationCancelled: [214, 'Operation cancelled (user cancelled a UI alert)'],
  notExecuted: [215, 'Not executed'],
  atomicRollBackOk: [216, 'Atomic roll back OK'],
  multipleChoices: [300, 'Multiple choices'],
  movedPermanently: [301, 'Moved permanently'],
  found: [302, 'Found'],
  seeOther: [303, 'See other'],
  notModified: [304, 'Not modified (DM: user answered No to a confirm alert)'],
  useProxy: [305, 'Use proxy'],
  badRequest: [400, 'Bad request'],
  invalidCredentials: [401, 'Invalid credentials'],
  paymentRequired: [402, 'Payment required'],
  forbidden: [403, 'Forbidden'],
  notFound: [404, 'Not found'],
  commandNotAllowed: [405, 'Command not allowed'],
  optionalFeatureNotSupported: [406, 'Optional feature not supported'],
  missingCredentials: [407, 'Missing credentials'],
  requestTimeout: [408, 'Request timeout'],
  conflict: [409, 'Conflict'],
  gone: [410, 'Gone'],
  sizeRequired: [411, 'Size required'],
  incompleteCommand: [412, 'Incomplete command'],
  requestEntityTooLarge: [413, 'Request entity too large'],
  uriTooLong: [414, 'URI too long'],
  unsupportedMediaType: [415, 'Unsupported media type or format'],
  requestedSizeTooBig: [416, 'Requested size too big'],
  retryLater: [417, 'Retry later'],
  alreadyExists: [418, 'Already exists'],
  conflictResolvedServerWins: [419, 'Conflict resolved with server data (DS)'],
  deviceFull: [420, 'Device full'],
  unknownSearchGrammar: [421, 'Unknown search grammar'],
  badCgiScript: [422, 'Bad CGI script'],
  softDeleteConflict: [423, 'Soft-delete conflict'],
  sizeMismatch: [424, 'Size mismatch (reassembled large object differs from Meta Size)'],
  permissionDenied: [425, 'Permission denied'],
  partialItemNotAccepted: [426, 'Partial item not accepted'],
  itemNotEmpty: [427, 'Item not empty'],
  moveFailed: [428, 'Move failed'],
  commandFailed: [500, 'Command failed'],
  commandNotImplemented: [501, 'Command not implemented'],
  badGateway: [502, 'Bad gateway'],
  serviceUnavailable: [503, 'Service unavailable'],
  gatewayTimeout: [504, 'Gateway timeout'],
  dtdVersionNotSupported: [505, 'DTD version not supported'],
  processingError: [506, 'Processing error'],
  atomicFailed: [507, 'Atomic failed'],
  refreshRequired: [508, 'Refresh required (DS: slow sync)'],
  reserved509: [509, 'Reserved (libsynthesis: cannot resume)'],
  dataStoreFailure: [510, 'Data store failure'],
  serverFailure: [511, 'Server failure'],
  synchronizationFailed: [512, 'Synchronization failed'],
  protocolVersionNotSupported: [513, 'Protocol version not supported'],
  operationCancelledByServer: [514, 'Operation cancelled'],
  atomicRollBackFailed: [516, 'Atomic roll back failed'],
  atomicResponseTooLarge: [517, 'Atomic response too large to fit'],
} as const;

export const StatusCodes = codesOf(statusTable);
export type StatusCodeName = keyof typeof statusTable;
export type StatusCode = (typeof StatusCodes)[StatusCodeName];

const statusByCode = reverseOf(statusTable);

export function statusEntry(code: number): CodeEntry<StatusCodeName> | undefined {
  return statusByCode.get(code);
}

/** `212 Authentication accepted for the session`; unknown codes by their class (RepPro: 1xx..5xx). */
export function describeStatus(code: number): string {
  const entry = statusByCode.get(code);
  if (entry !== undefined) return `${code} ${entry.meaning}`;
  return `${code} ${statusClass(code)}`;
}

export function isSuccessStatus(code: number): boolean {
  return code >= 200 && code < 300;
}

function statusClass(code: number): string {
  if (code >= 100 && code < 200) return 'Informational (unknown code)';
  if (code >= 200 && code < 300) return 'Successful (unknown code)';
  if (code >= 300 && code < 400) return 'Redirection (unknown code)';
  if (code >= 400 && code < 500) return 'Originator exception (unknown code)';
  if (code >= 500 && code < 600) return 'Recipient exception (unknown code)';
  return 'Unknown status code';
}
