import {
  AlertCodes,
  alertEntry,
  describeAlert,
  isSyncTypeAlert,
  isUserInteractionAlert,
} from './alert.codes';
import { describeStatus, isSuccessStatus, StatusCodes, statusEntry } from './status.codes';

describe('status codes', () => {
  it('names the codes sessions branch on', () => {
    expect(StatusCodes.authenticationAccepted).toBe(212);
    expect(StatusCodes.chunkedItemAccepted).toBe(213);
    expect(StatusCodes.missingCredentials).toBe(407);
    expect(StatusCodes.sizeMismatch).toBe(424);
    expect(StatusCodes.refreshRequired).toBe(508);
    expect(StatusCodes.atomicResponseTooLarge).toBe(517);
  });

  it('maps every code back to its name', () => {
    for (const [name, code] of Object.entries(StatusCodes)) expect(statusEntry(code)?.name).toBe(name);
  });

  it('describes known codes by meaning and unknown ones by class', () => {
    expect(describeStatus(401)).toBe('401 Invalid credentials');
    expect(describeStatus(299)).toBe('299 Successful (unknown code)');
    expect(describeStatus(515)).toBe('515 Recipient exception (unknown code)');
    expect(describeStatus(42)).toBe('42 Unknown status code');
  });

  it('treats only 2xx as success', () => {
    expect(isSuccessStatus(StatusCodes.itemAdded)).toBe(true);
    expect(isSuccessStatus(StatusCodes.notModified)).toBe(false);
  });
});

describe('alert codes', () => {
  it('names DM session alerts and DS sync types', () => {
    expect(AlertCodes.clientInitiatedMgmt).toBe(1201);
    expect(AlertCodes.dmNextMessage).toBe(1222);
    expect(AlertCodes.genericAlert).toBe(1226);
    expect(AlertCodes.slowSync).toBe(201);
    expect(alertEntry(1223)?.name).toBe('sessionAbort');
  });

  it('classifies sync-type and user-interaction alerts', () => {
    expect([199, 200, 210, 211].map(isSyncTypeAlert)).toEqual([false, true, true, false]);
    expect([1099, 1100, 1104, 1105].map(isUserInteractionAlert)).toEqual([false, true, true, false]);
    expect(describeAlert(9999)).toBe('9999 Unknown alert code');
  });
});
