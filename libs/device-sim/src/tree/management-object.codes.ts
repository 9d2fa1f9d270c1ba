/** MO identifiers, set as the Type of each MO root (management-objects.md 0). */
export const MoIds = {
  devInfo: 'urn:oma:mo:oma-dm-devinfo:1.0',
  devDetail: 'urn:oma:mo:oma-dm-devdetail:1.0',
  dmAcc: 'urn:oma:mo:oma-dm-dmacc:1.0',
  fumo: 'urn:oma:mo:oma-fumo:1.0',
  scomo: 'urn:oma:mo:oma-scomo:1.0',
} as const;

/** FUMO 1.0 State node values (management-objects.md 4). */
export const FumoStates = {
  idle: 10,
  downloadFailed: 20,
  downloadProgressing: 30,
  downloadComplete: 40,
  readyToUpdate: 50,
  updateProgressing: 60,
  updateFailedHaveData: 70,
  updateFailedNoData: 80,
  updateSuccessfulHaveData: 90,
  updateSuccessfulNoData: 100,
} as const;

/** Generic Alert 1226 types that report the end of a FUMO Exec, by the exec'd node's name. */
export const FumoAlertTypes = {
  Download: 'org.openmobilealliance.dm.firmwareupdate.download',
  Update: 'org.openmobilealliance.dm.firmwareupdate.update',
  DownloadAndUpdate: 'org.openmobilealliance.dm.firmwareupdate.downloadandupdate',
} as const;

export type FumoOperation = keyof typeof FumoAlertTypes;

/**
 * Generic Alert types a handset sends to ASK for an update (device- or user-initiated
 * FUMO), not to report one: seen in the Android/Sprint, Samsung and Verizon client code,
 * missing from management-objects.md. Pass them in `startSession({ genericAlerts })`.
 */
export const FumoRequestAlertTypes = {
  device: 'org.openmobilealliance.dm.firmwareupdate.devicerequest',
  user: 'org.openmobilealliance.dm.firmwareupdate.userrequest',
} as const;

/** SCOMO 1.0 (management-objects.md 5): alert type, result codes and Deployed State values. */
export const ScomoAlertType = 'urn:oma:at:scomo:1.0:OperationComplete';
export const ScomoResults = { successful: 1200, userCancelled: 1401, removeFailed: 1408 } as const;
export const ScomoDeployedStates = { inactive: 10, active: 20 } as const;
