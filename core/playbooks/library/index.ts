import { accountCompromise } from './account-compromise.js';
import { generic } from './generic.js';
import { lostStolenDevice } from './lost-stolen-device.js';
import { malwareRansomware } from './malware-ransomware.js';
import { phishing } from './phishing.js';
import { unauthorizedPhiAccess } from './unauthorized-phi-access.js';

/**
 * The playbook files by name (each file's name is its playbook id). Order matters: when two
 * playbooks match an incident equally well, the earlier one wins, so the more severe come first.
 */
export const LIBRARY: Readonly<Record<string, unknown>> = {
  'malware-ransomware': malwareRansomware,
  'unauthorized-phi-access': unauthorizedPhiAccess,
  'account-compromise': accountCompromise,
  phishing,
  'lost-stolen-device': lostStolenDevice,
  generic,
};
