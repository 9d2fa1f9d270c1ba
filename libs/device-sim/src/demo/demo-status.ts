import type { DemoApiClient } from './demo-api.client';
import type { DemoHandsetPlan, DemoSubscriberPlan } from './demo-scenario';

/** Where one handset stands, read from the system's REST APIs (never from the demo's memory). */
export interface HandsetStatus {
  readonly detected: boolean;
  /** A completed diagnostic report exists for the handset. */
  readonly diagnosed: boolean;
  /** config's per-device state (`applied`, `failed`, `skipped`, ...) and its reason. */
  readonly configState?: string;
  readonly configReason?: string;
}

interface SubscriberView {
  terminal?: { imei?: string } | null;
}
interface ReportView {
  status?: string;
  outcome?: string;
}
interface ConfigStateView {
  state?: string | { state?: string; reason?: string };
  reason?: string;
}

export async function readHandsetStatus(api: DemoApiClient, plan: DemoSubscriberPlan, handset: DemoHandsetPlan): Promise<HandsetStatus> {
  const [subscriber, reports, config] = await Promise.all([
    api.request<SubscriberView>('GET', `/api/v1/subscribers/${plan.msisdn}`),
    api.request<{ reports?: ReportView[]; items?: ReportView[] }>('GET', `/api/v1/diagnostics/reports?deviceId=${encodeURIComponent(handset.deviceId)}`),
    api.request<ConfigStateView>('GET', `/api/v1/config/devices/${encodeURIComponent(handset.deviceId)}`),
  ]);
  const detected = imeiMatches(subscriber?.terminal?.imei, handset.imei);
  const list = reports?.reports ?? reports?.items ?? [];
  const diagnosed = list.some((r) => r.status === 'completed' || (r.status === undefined && r.outcome !== undefined));
  const state = typeof config?.state === 'object' ? config.state : config;
  const configState = typeof state?.state === 'string' ? state.state : undefined;
  const configReason = state?.reason;
  return { detected, diagnosed, ...(configState ? { configState } : {}), ...(configReason ? { configReason } : {}) };
}

/** subscriber-terminal keys terminals by the 14-digit IMEI body. */
function imeiMatches(stored: string | undefined, imei: string): boolean {
  return stored !== undefined && stored.slice(0, 14) === imei.slice(0, 14);
}

/** The demo is done with a handset when config has a final word on it (or it never calls in). */
export function isSettled(status: HandsetStatus): boolean {
  return status.configState === 'applied' || status.configState === 'failed' || status.configState === 'skipped';
}
