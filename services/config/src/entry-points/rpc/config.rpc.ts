import type { Rpc, RpcRegistration } from '@dms/bus';
import { randomUUID } from 'node:crypto';
import type { ConfigurationService } from '../../domain/configuration.service';
import type { DeviceStateRepository } from '../../data-access/device-state.repository';
import { NoTemplateError } from '../../domain/config.errors';
import { stateView } from '../../domain/device-config.model';
import type { TemplateService } from '../../domain/template.service';
import { BASIC_SETTINGS } from '../../domain/templates/family-layout';
import type { SettingKind } from '@dms/contracts';

export interface ResendRequest {
  deviceId: string;
  msisdn?: string;
  settings?: SettingKind[];
  requestedBy: string;
}

/** The resend behind POST .../resend and config.resend.v1: all basic settings (or those listed), forced. */
export async function resend(configuration: ConfigurationService, request: ResendRequest): Promise<{ jobId: string }> {
  const { outcome, jobIds } = await configuration.configure({
    target: { deviceId: request.deviceId, ...(request.msisdn === undefined ? {} : { msisdn: request.msisdn }) },
    settings: request.settings ?? BASIC_SETTINGS,
    origin: `resend:${randomUUID()}`,
    correlationId: randomUUID(),
    force: true,
  });
  const jobId = jobIds[0];
  if (outcome === 'no-template' || jobId === undefined) throw new NoTemplateError(request.deviceId);
  return { jobId };
}

/** config.* RPC subjects (libs/contracts/src/rpc/config.rpc.ts). */
export async function serveConfigRpc(
  rpc: Rpc,
  deps: { templates: TemplateService; configuration: ConfigurationService; devices: DeviceStateRepository },
): Promise<RpcRegistration[]> {
  return Promise.all([
    rpc.serve({
      subject: 'config.expected-settings.v1',
      handler: async (request) => ({ expected: await deps.templates.expected(request) }),
    }),
    rpc.serve({
      subject: 'config.resend.v1',
      handler: async (request) => resend(deps.configuration, request),
    }),
    rpc.serve({
      subject: 'config.device-state.v1',
      handler: async ({ deviceId }) => {
        const record = await deps.devices.get(deviceId);
        return { state: record === undefined ? null : stateView(record) };
      },
    }),
  ]);
}
