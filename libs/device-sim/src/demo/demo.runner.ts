import { randomBytes } from 'node:crypto';
import { SimulatedHandset } from '../client/simulated-handset';
import type { DemoApiClient } from './demo-api.client';
import { progressLine, tallyOf, type DemoTally } from './demo-progress';
import type { DemoHandsetPlan, DemoSubscriberPlan } from './demo-scenario';
import { isSettled, readHandsetStatus, type HandsetStatus } from './demo-status';

export interface DemoRunOptions {
  readonly api: DemoApiClient;
  readonly plans: readonly DemoSubscriberPlan[];
  readonly dmPath: string;
  readonly deadlineMs: number;
  readonly pollMs: number;
  readonly onProgress: (line: string, tally: DemoTally) => void;
}

export interface DemoHandsetResult {
  readonly plan: DemoSubscriberPlan;
  readonly handset: DemoHandsetPlan;
  readonly status: HandsetStatus;
  readonly sessions: number;
}

interface Live {
  readonly plan: DemoSubscriberPlan;
  readonly handset: DemoHandsetPlan;
  readonly phone: SimulatedHandset | undefined;
  observed: boolean;
  running: boolean;
  sessions: number;
  status: HandsetStatus;
}

/**
 * Registers each handset's DM account, sets the consents the scenario needs, feeds the HLR
 * observations, then lets reachable handsets call in (client-initiated sessions, as a
 * handset polling its DM server) until config has a final word on each, or the deadline.
 */
export async function runDemo(o: DemoRunOptions): Promise<DemoHandsetResult[]> {
  const started = Date.now();
  const live: Live[] = [];
  for (const plan of o.plans) {
    await o.api.request('PUT', `/api/v1/subscribers/${plan.msisdn}/consent/read-diagnostics`, { decision: 'grant' });
    if (plan.behaviour === 'revoked')
      await o.api.request('PUT', `/api/v1/subscribers/${plan.msisdn}/consent/change-settings`, { decision: 'revoke' });
    for (const handset of plan.handsets) live.push({ plan, handset, phone: await enrol(o, plan, handset), observed: false, running: false, sessions: 0, status: { detected: false, diagnosed: false } });
  }
  await observe(o.api, live.filter((h) => h.handset === h.plan.handsets[0]));
  while (Date.now() - started < o.deadlineMs) {
    for (const h of live) if (h.observed && h.phone && !h.running && !isSettled(h.status)) void session(h);
    await sleep(o.pollMs);
    for (const h of live) {
      if (!h.observed) continue;
      const next = await readHandsetStatus(o.api, h.plan, h.handset);
      // A handset swapped away is no longer current, but it was detected.
      h.status = { ...next, detected: next.detected || h.status.detected };
    }
    const swapsDue = live.filter((h) => !h.observed && live.some((p) => p.plan === h.plan && p.observed && isSettled(p.status)));
    if (swapsDue.length > 0) await observe(o.api, swapsDue);
    const tally = tallyOf(live.map((h) => ({ behaviour: h.plan.behaviour, status: h.status })), o.plans.length);
    o.onProgress(progressLine(tally, live.length, Date.now() - started), tally);
    if (live.every((h) => !h.phone || (h.observed && isSettled(h.status)))) break;
  }
  while (live.some((h) => h.running)) await sleep(50);
  return live.map((h) => ({ plan: h.plan, handset: h.handset, status: h.status, sessions: h.sessions }));
}

async function enrol(o: DemoRunOptions, plan: DemoSubscriberPlan, handset: DemoHandsetPlan): Promise<SimulatedHandset | undefined> {
  const auth = { scheme: 'md5' as const, username: `demo-${handset.imei}`, password: randomBytes(9).toString('base64url'), serverId: 'dms', serverPassword: randomBytes(9).toString('base64url') };
  await o.api.request('POST', '/api/v1/dm-accounts', { deviceId: handset.deviceId, authType: auth.scheme, ...auth });
  if (plan.behaviour === 'unreachable') return undefined;
  return new SimulatedHandset({
    deviceId: handset.deviceId,
    family: handset.family,
    encoding: handset.family === 'vendor-x' ? 'wbxml' : 'xml',
    serverUrl: `${o.api.baseUrl}${o.dmPath}`,
    auth,
    uiAnswers: { confirm: plan.behaviour === 'refuses' ? 'no' : 'yes', textInput: `${plan.msisdn}@mail.example` },
  });
}

async function observe(api: DemoApiClient, handsets: Live[]): Promise<void> {
  if (handsets.length === 0) return;
  const observedAt = new Date().toISOString();
  await api.request('POST', '/api/v1/hlr/observations', handsets.map((h) => ({ msisdn: h.plan.msisdn, imsi: h.plan.imsi, imei: h.handset.imei, observedAt, source: 'demo-hlr' })));
  for (const h of handsets) h.observed = true;
}

async function session(h: Live): Promise<void> {
  h.running = true;
  try {
    await h.phone?.startSession({ reason: 'client' });
    h.sessions += 1;
  } finally {
    h.running = false;
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((done) => setTimeout(done, ms));
}
