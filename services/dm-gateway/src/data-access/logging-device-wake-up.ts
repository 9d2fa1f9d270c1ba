import type { Logger } from '@dms/service-kit';
import type { DeviceWakeUp, WakeUpRequest, WakeUpResult } from '../domain/device-wake-up.port';

/**
 * Placeholder until src/wake-up/ (Package 0 over SMPP) exists: sends nothing, logs the
 * request (never the account secrets) and says so in its answer. The job stays queued for
 * the device's next client-initiated session.
 */
export class NotConfiguredDeviceWakeUp implements DeviceWakeUp {
  constructor(private readonly logger: Logger) {}

  async wake(request: WakeUpRequest): Promise<WakeUpResult> {
    this.logger.warn({ deviceId: request.deviceId, correlationId: request.correlationId, serverId: request.serverId, uiMode: request.uiMode }, 'wake-up not configured: no Package 0 sent');
    return { sent: false, reason: 'wake-up not configured' };
  }
}
