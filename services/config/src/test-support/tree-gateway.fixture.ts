import type { EventBus, Subscription } from '@dms/bus';
import type { DmCommandCompleted, DmCommandRequested } from '@dms/contracts';
import { deviceFamilies, DmTree, seedConnectivity, type DeviceFamilyName, type SettingsPreset } from '@dms/device-sim';
import { applyToTree } from './dm-tree.applier';

export interface SimulatedUser {
  confirm?: 'yes' | 'no';
  textInput?: string;
}

/**
 * Stands in for dm-gateway + handset in config's own unit tests: each dm.command-requested.v1
 * runs on a device-sim DmTree and answers dm.command-completed.v1 as the gateway would
 * (1101 no -> rejected, 1102 -> userResponse items). `hold` keeps jobs unanswered so a test
 * can answer them (expired, interrupted) itself. The full gateway runs in services/embedded.
 */
export class TreeGateway {
  readonly trees = new Map<string, DmTree>();
  readonly users = new Map<string, SimulatedUser>();
  readonly requests: DmCommandRequested[] = [];
  hold = false;
  private subscription: Subscription | undefined;

  constructor(private readonly bus: EventBus) {}

  handset(deviceId: string, family: DeviceFamilyName, user: SimulatedUser = {}, preset: SettingsPreset = 'none'): DmTree {
    const tree = new DmTree();
    seedConnectivity(tree, deviceFamilies[family], preset);
    this.trees.set(deviceId, tree);
    this.users.set(deviceId, user);
    return tree;
  }

  async start(): Promise<this> {
    this.subscription = await this.bus.subscribe({
      topic: 'dm.command-requested.v1',
      group: 'tree-gateway',
      handler: async (event) => {
        this.requests.push(event.data);
        if (!this.hold) await this.run(event.data);
      },
    });
    return this;
  }

  async answer(request: DmCommandRequested, outcome: DmCommandCompleted['outcome'], more: Partial<DmCommandCompleted> = {}): Promise<void> {
    await this.bus.publish(
      'dm.command-completed.v1',
      { jobId: request.jobId, deviceId: request.deviceId, correlationId: request.correlationId, outcome, results: [], completedAt: new Date().toISOString(), ...more },
      { id: `job:${request.jobId}:${outcome}` },
    );
  }

  async run(request: DmCommandRequested): Promise<void> {
    const tree = this.trees.get(request.deviceId);
    if (tree === undefined) return this.answer(request, 'expired');
    const user = this.users.get(request.deviceId) ?? {};
    const ui = request.userInteraction;
    if (ui?.code === 1101 && user.confirm === 'no') return this.answer(request, 'rejected', { userResponse: { status: 304, items: [] } });
    const userResponse = ui === undefined ? undefined : { status: 200, items: ui.code === 1102 ? [{ data: user.textInput ?? '' }] : [] };
    const results = applyToTree(tree, request.commands.filter((c) => c.verb !== 'Get'));
    const gets = request.commands.filter((c) => c.verb === 'Get').map((c, i) => ({ cmdRef: String(i), verb: 'Get' as const, target: c.target, status: 200, items: [] }));
    const all = [...results, ...gets];
    const ok = all.filter((r) => r.status < 300).length;
    const outcome = ok === all.length ? 'completed' : ok === 0 ? 'failed' : 'partial';
    return this.answer(request, outcome, { results: all, ...(userResponse === undefined ? {} : { userResponse }) });
  }

  async close(): Promise<void> {
    await this.subscription?.close();
  }
}
