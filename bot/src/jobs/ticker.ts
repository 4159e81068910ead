/**
 * Runs a job's tick on a timer, one tick at a time, until stopped: the loop shared by the
 * outbox sender, the escalation job and the Sentinel poller. The timer never keeps the process
 * alive, and `stop()` waits for the tick in flight so no row is left half-handled.
 */
export class Ticker {
  private timer: NodeJS.Timeout | null = null;
  private inFlight: Promise<unknown> | null = null;
  private running = false;
  private nudged = false;

  constructor(
    private readonly tick: () => Promise<unknown>,
    private readonly intervalMs: number,
    private readonly onError: (error: unknown) => void,
  ) {}

  get isRunning(): boolean {
    return this.running;
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.schedule(0);
  }

  /** Tick now rather than at the next interval (after the tick in flight, if any). */
  nudge(): void {
    if (!this.running) return;
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = null;
      this.schedule(0);
    } else {
      this.nudged = true;
    }
  }

  async stop(): Promise<void> {
    this.running = false;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.inFlight?.catch(() => undefined);
  }

  private schedule(delayMs: number): void {
    if (!this.running) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      const run = this.tick().catch(this.onError);
      this.inFlight = run;
      void run.then(() => {
        if (this.inFlight === run) this.inFlight = null;
        const again = this.nudged;
        this.nudged = false;
        this.schedule(again ? 0 : this.intervalMs);
      });
    }, delayMs);
    this.timer.unref();
  }
}
