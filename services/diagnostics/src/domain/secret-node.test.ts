import { isSecretNode } from './secret-node';

describe('credential leaves', () => {
  it.each(['./ConnMO/NAP/Internet/Auth/AuthSecret', './Vendor/X/Settings/Internet/Password', './DMAcc/dms/AppAuth/CLCRED/AAuthSecret', './DMAcc/dms/AppAuth/CLCRED/AAuthData', './X/pin'])('%s is secret', (uri) => {
    expect(isSecretNode(uri)).toBe(true);
  });
  it.each(['./ConnMO/NAP/Internet/Auth/AuthName', './Vendor/X/Settings/Internet/User', './MMS/Operator/MMSC', './Secrets/List'])('%s is not', (uri) => {
    expect(isSecretNode(uri)).toBe(false);
  });
});
