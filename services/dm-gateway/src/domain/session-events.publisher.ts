import type { EventBus } from '@dms/bus';
import { Imei, imeiOfDeviceId, type DevDetail, type SessionCompleted } from '@dms/contracts';
import type { RaisedAlert } from './handlers/message-context';
import type { SessionState } from './session-state';

const devDetailLeaves: Readonly<Record<string, keyof DevDetail>> = {
  DevTyp: 'devTyp', OEM: 'oem', FwV: 'fwV', SwV: 'swV', HwV: 'hwV', LrgObj: 'lrgObj', MaxDepth: 'maxDepth', MaxTotLen: 'maxTotLen', MaxSegLen: 'maxSegLen',
};

function devDetailOf(nodes: ReadonlyMap<string, string>): { devDetail: DevDetail; other: Record<string, string> } {
  const devDetail: Record<string, string | number | boolean> = {};
  const other: Record<string, string> = {};
  for (const [uri, value] of nodes) {
    const leaf = /^\.\/DevDetail\/(?:URI\/)?([A-Za-z]+)$/.exec(uri)?.[1];
    const key = leaf === undefined ? undefined : devDetailLeaves[leaf];
    if (key === undefined) other[uri] = value.slice(0, 10_000);
    else if (key === 'lrgObj') devDetail[key] = value.trim().toLowerCase() === 'true';
    else if (key === 'maxDepth' || key === 'maxTotLen' || key === 'maxSegLen') {
      const n = Number(value);
      if (Number.isInteger(n) && n >= 0) devDetail[key] = n;
    } else devDetail[key] = value;
  }
  return { devDetail: devDetail as DevDetail, other };
}

/** device.* events of a session; keyed by device (the catalog's key). */
export class SessionEventsPublisher {
  constructor(private readonly bus: EventBus) {}

  async inventory(state: SessionState, token: string, nodes: ReadonlyMap<string, string>): Promise<void> {
    const di = state.di;
    if (di === undefined || di[0] === '' || di[1] === '' || di[2] === '') return;
    const { devDetail, other } = devDetailOf(nodes);
    const candidate = imeiOfDeviceId(state.dev);
    const imei = candidate !== undefined && Imei.safeParse(candidate).success ? candidate : undefined;
    await this.bus.publish('device.inventory-reported.v1', {
      deviceId: state.dev,
      sessionId: token,
      devInfo: { devId: state.dev, man: di[0], mod: di[1], dmV: di[2], ...(di[3] === '' ? {} : { lang: di[3] }) },
      devDetail,
      nodes: other,
      ...(imei === undefined ? {} : { imei }),
      reportedAt: new Date().toISOString(),
    });
  }

  async alerts(state: SessionState, token: string, alerts: readonly RaisedAlert[]): Promise<void> {
    for (const alert of alerts) {
      await this.bus.publish('device.alert-raised.v1', { deviceId: state.dev, sessionId: token, ...alert, raisedAt: new Date().toISOString() } as never);
    }
  }

  async sessionCompleted(entry: SessionCompleted, token: string): Promise<void> {
    await this.bus.publish('device.session-completed.v1', entry, { id: `session:${token}` });
  }
}
