/**
 * Which slide comes next. Holds only a few counters and the keys of the current
 * cycle (rebuilt when a cycle ends), so its memory stays flat however long it runs.
 *
 * - A live urgent announcement that has not been shown yet interrupts at once.
 * - While urgent announcements are live, one of them (in turn) is shown again
 *   after every URGENT_EVERY regular slides — far more often than the regular
 *   cycle would — until it expires.
 * - Otherwise the regular cycle runs: announcements, a few items (the item cursor
 *   moves on every cycle so all items come round), staff on duty, centre info.
 */
export const URGENT_EVERY = 3;

export interface ScheduleInput {
  /** Keys of the live urgent announcements. */
  urgent: readonly string[];
  /** Builds the next regular cycle, starting with service item number `itemStart`. */
  buildCycle: (itemStart: number) => string[];
  /** Whether a key of the current cycle can still be shown. */
  isValid: (key: string) => boolean;
  /** Number of service items, for the item cursor. */
  itemCount: number;
  itemsPerCycle: number;
}

export class LoopScheduler {
  private cycle: string[] = [];
  private pos = 0;
  private itemStart = 0;
  private sinceUrgent = 0;
  private urgentTurn = 0;
  /** Urgent keys already shown; pruned to the live ones on every call. */
  private seen = new Set<string>();

  constructor(private readonly urgentEvery = URGENT_EVERY) {}

  /** True when a live urgent announcement has never been shown: interrupt now. */
  hasUnseenUrgent(urgent: readonly string[]): boolean {
    return urgent.some((k) => !this.seen.has(k));
  }

  /** Drop the rest of the current cycle (a new bundle arrived): the next call starts a fresh one. */
  restartCycle(): void {
    this.cycle = [];
    this.pos = 0;
  }

  next(input: ScheduleInput): string {
    for (const k of this.seen) if (!input.urgent.includes(k)) this.seen.delete(k);
    const unseen = input.urgent.find((k) => !this.seen.has(k));
    if (unseen) {
      this.seen.add(unseen);
      this.sinceUrgent = 0;
      return unseen;
    }
    if (input.urgent.length > 0 && this.sinceUrgent >= this.urgentEvery) {
      this.sinceUrgent = 0;
      return input.urgent[this.urgentTurn++ % input.urgent.length];
    }
    for (let attempt = 0; attempt < 2; attempt++) {
      while (this.pos < this.cycle.length) {
        const key = this.cycle[this.pos++];
        if (input.isValid(key)) {
          this.sinceUrgent++;
          return key;
        }
      }
      this.cycle = input.buildCycle(this.itemStart);
      this.pos = 0;
      if (input.itemCount > 0) this.itemStart = (this.itemStart + input.itemsPerCycle) % input.itemCount;
      if (this.urgentTurn > 1e9) this.urgentTurn = 0;
    }
    this.sinceUrgent++;
    return 'centre';
  }
}
