import type { Logger } from '@dms/service-kit';
import type { CampaignRepository } from '../data-access/campaign.repository';
import type { CampaignLedger } from '../data-access/campaign-ledger.repository';
import type { CampaignLeases } from '../data-access/campaign-lease.repository';
import type { CampaignRecord } from './campaign.model';
import { transition } from './campaign-lifecycle';
import { drainCampaign } from './campaign-drain';
import { DispatchPass } from './dispatch-pass';
import type { JobDispatcher } from './job-dispatcher';
import { windowState } from './schedule-window';
import type { TargetEnumerator } from './target-enumerator';
import { TokenBucket } from './token-bucket';

type Step = 'busy' | 'idle' | 'done';

const ENUMERATION_SLICE_MS = 250;
const END_CHECK_TICKS = 4;

/**
 * Runs the campaigns that have work, one loop per campaign: enumerate a page, send due
 * retries and a page of first attempts under the token bucket and the schedule window,
 * persist the cursors, finish. Everything it knows is in the store, so a runner created
 * after a restart resumes where the last one stopped.
 */
export class CampaignRunner {
  private readonly loops = new Map<string, Promise<void>>();
  private readonly halted = new Set<string>();
  private readonly lastEndCheck = new Map<string, number>();
  private stopping = false;
  private supervisor: NodeJS.Timeout | undefined;
  /** Loops waiting for their next tick; woken by wake() and stop(). */
  private readonly sleepers = new Set<() => void>();

  constructor(
    private readonly deps: {
      campaigns: CampaignRepository;
      ledger: CampaignLedger;
      /** One runner per campaign across replicas (campaign-lease.repository.ts). */
      leases: CampaignLeases;
      enumerator: TargetEnumerator;
      dispatcher: JobDispatcher;
      pageSize: number;
      tickMs: number;
      logger: Logger;
    },
  ) {}

  start(): void {
    this.stopping = false;
    const scan = () =>
      void this.deps.campaigns
        .active()
        .then((active) => active.forEach((c) => this.wake(c._id)))
        .catch((err: unknown) => this.deps.logger.warn({ err }, 'campaign scan failed'));
    scan();
    this.supervisor = setInterval(scan, this.deps.tickMs);
    this.supervisor.unref();
  }

  /** Runs the campaign's loop unless one runs already (after start, resume, cancel). */
  wake(id: string): void {
    this.wakeSleepers();
    if (this.stopping || this.loops.has(id)) return;
    const loop = this.loop(id).finally(() => {
      this.loops.delete(id);
      this.lastEndCheck.delete(id);
      this.deps.leases.forget(id);
    });
    this.loops.set(id, loop);
  }

  /** Stop dispatching at once (pause or cancel in this process); the loop notices the new state. */
  halt(id: string): void {
    this.halted.add(id);
  }

  async stop(): Promise<void> {
    this.stopping = true;
    clearInterval(this.supervisor);
    this.wakeSleepers();
    await Promise.all([...this.loops.values()]);
    await this.deps.leases
      .releaseAll()
      .catch((err: unknown) => this.deps.logger.warn({ err }, 'campaign leases not released; another replica takes over when they expire'));
  }

  private async loop(id: string): Promise<void> {
    let bucket: TokenBucket | undefined;
    let failures = 0;
    let idleSteps = 0;
    while (!this.stopping) {
      let step: Step;
      try {
        const campaign = await this.deps.campaigns.get(id);
        if (campaign === undefined) return;
        // The state just read is at least as new as any halt() before it.
        this.halted.delete(id);
        bucket ??= new TokenBucket(campaign.rateLimit.perSecond, campaign.rateLimit.burst ?? Math.max(1, Math.ceil(campaign.rateLimit.perSecond)));
        step = await this.step(campaign, bucket);
        failures = 0;
      } catch (err) {
        failures++;
        this.deps.logger.warn({ err, campaignId: id, failures }, 'campaign step failed; trying again');
        step = 'idle';
      }
      if (step === 'done') return;
      // Store calls of the embedded store are synchronous: without a turn of the event loop
      // between steps, a busy campaign would starve HTTP, timers and consumers of the process.
      if (step === 'busy') await new Promise((resolve) => setImmediate(resolve));
      // An idle campaign (waiting for answers, retries or its window) looks less and less
      // often, up to 8 ticks apart: each look reads the store. wake() cuts the wait short.
      idleSteps = step === 'idle' ? idleSteps + 1 : 0;
      if (step === 'idle')
        await this.idle(Math.min(this.deps.tickMs * 2 ** Math.min(failures + Math.min(idleSteps - 1, 3), 6), 60_000));
    }
  }

  private interrupted(id: string): boolean {
    return this.stopping || this.halted.has(id);
  }

  private idle(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const done = (): void => {
        clearTimeout(timer);
        this.sleepers.delete(done);
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.sleepers.add(done);
    });
  }

  private wakeSleepers(): void {
    for (const wake of [...this.sleepers]) wake();
  }

  private async step(campaign: CampaignRecord, bucket: TokenBucket): Promise<Step> {
    const { campaigns, ledger, enumerator, pageSize } = this.deps;
    if (campaign.state !== 'running' && campaign.state !== 'cancelled') return 'done';
    if (campaign.state === 'cancelled' && campaign.dispatch.drained) return 'done';
    // Another replica drives it this period: look again later (it may stop, or the campaign end).
    if (!(await this.deps.leases.holds(campaign._id))) return 'idle';
    if (campaign.state === 'cancelled') {
      const drained = await drainCampaign(campaign, campaigns, ledger, pageSize);
      if (drained === 'drained') await campaigns.update(campaign._id, { $set: { 'dispatch.drained': true, finishedAt: new Date().toISOString() } });
      return drained === 'busy' ? 'busy' : drained === 'drained' ? 'done' : 'idle';
    }
    if (campaign.state !== 'running') return 'done';
    const window = windowState(campaign.schedule, Date.now());
    if (campaign.stopReason === undefined && !window.open && window.ended) {
      await campaigns.update(campaign._id, { $set: { stopReason: 'window-ended', 'enumeration.done': true } });
      return 'busy';
    }
    if (campaign.stopReason !== undefined) {
      const drained = await drainCampaign(campaign, campaigns, ledger, pageSize);
      if (drained === 'drained') return this.complete(campaign);
      return drained === 'busy' ? 'busy' : 'idle';
    }
    let busy = false;
    if (!campaign.enumeration.done) {
      // Enumeration is not rate limited: let it run ahead (a bounded slice per step) so that
      // totals and the ETA cover the whole group early.
      const until = Date.now() + ENUMERATION_SLICE_MS;
      let current: CampaignRecord | undefined = campaign;
      while (current !== undefined && (await enumerator.step(current)) && Date.now() < until)
        current = await campaigns.get(campaign._id);
      busy = true;
    }
    if (!window.open) return busy ? 'busy' : 'idle';
    const pass = new DispatchPass(this.deps, campaign, bucket, () => this.interrupted(campaign._id));
    busy = (await pass.sendRetries()) || busy;
    busy = (await pass.sendFirstAttempts()) || busy;
    if (busy) return 'busy';
    if (!campaign.enumeration.done) return 'idle';
    // Counting scans the ledger (FerretDB: every document), so the end is looked for at most every few ticks.
    const last = this.lastEndCheck.get(campaign._id) ?? 0;
    if (Date.now() - last < END_CHECK_TICKS * this.deps.tickMs) return 'idle';
    this.lastEndCheck.set(campaign._id, Date.now());
    const [targets, ended] = await Promise.all([
      ledger.targets.count({ campaignId: campaign._id }),
      ledger.results.count({ campaignId: campaign._id }),
    ]);
    return ended >= targets ? this.complete(campaign) : 'idle';
  }

  private async complete(campaign: CampaignRecord): Promise<Step> {
    const t = transition('complete');
    await this.deps.campaigns.transition(campaign._id, t.from, { state: t.to, finishedAt: new Date().toISOString() });
    this.deps.logger.info({ campaignId: campaign._id }, 'campaign completed');
    return 'done';
  }
}
