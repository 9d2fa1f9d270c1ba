import { randomInt } from 'node:crypto';

/**
 * TS 23.040 9.2.3.24.1: the concatenation reference must differ between messages in flight
 * to one handset; an 8-bit counter, started at random so that a restarted gateway does not
 * reuse the last references, rotates through 0..255.
 */
export class ConcatReference {
  private current: number;

  constructor(start: number = randomInt(0, 256)) {
    this.current = start & 0xff;
  }

  next(): number {
    const value = this.current;
    this.current = (this.current + 1) & 0xff;
    return value;
  }
}
