/**
 * `new Date().toISOString()`, computed at most once per millisecond: the UI's bursts put many decision lines in
 * one millisecond, and formatting the date is a fifth of a line's cost.
 */
export class IsoClock {
  private lastMillis = Number.NaN;
  private lastIso = '';

  constructor(private readonly nowMillis: () => number = Date.now) {}

  /** The current time as `YYYY-MM-DDTHH:mm:ss.sssZ` (UTC), exactly as `Date.prototype.toISOString` writes it. */
  now(): string {
    const millis = this.nowMillis();
    if (millis !== this.lastMillis) {
      this.lastMillis = millis;
      this.lastIso = new Date(millis).toISOString();
    }
    return this.lastIso;
  }
}
