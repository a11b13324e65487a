/**
 * A set of 法人番号 held as numbers (13 digits, below 2^53) in one typed array with open addressing.
 * A national 全件 applies 5.3 million of them: a `Set<number>` keeps each as a boxed number in a
 * hash table that doubles by copying (about 40 bytes an entry, twice that while it grows), which
 * was a large part of the connector's memory at 5 M rows. Here: 8 bytes a slot, at most half full.
 */
const EMPTY = 0;
const REMOVED = -1;

function slotOf(key: number, mask: number): number {
  const low = key >>> 0;
  const high = Math.floor(key / 0x1_0000_0000) >>> 0;
  return (Math.imul(low ^ Math.imul(high, 0x85eb_ca6b), 0x9e37_79b1) >>> 0) & mask;
}

export interface CorporateNumberSet {
  readonly size: number;
  add(key: number): void;
  has(key: number): boolean;
  /** True when the key was there. */
  delete(key: number): boolean;
}

export function createCorporateNumberSet(initialCapacity = 1 << 16): CorporateNumberSet {
  let slots = new Float64Array(initialCapacity);
  let mask = initialCapacity - 1;
  let size = 0;
  let used = 0; // live keys and removed marks: what the probes walk over

  // Stored as key + 1 so that every key, 0 included, differs from the empty and removed marks.
  function find(stored: number): number {
    let slot = slotOf(stored, mask);
    for (;;) {
      const value = slots[slot] as number;
      if (value === stored || value === EMPTY) return slot;
      slot = (slot + 1) & mask;
    }
  }

  function grow(): void {
    const old = slots;
    const capacity = size * 4 > old.length ? old.length * 2 : old.length;
    slots = new Float64Array(capacity);
    mask = capacity - 1;
    used = size;
    for (const value of old) if (value !== EMPTY && value !== REMOVED) slots[find(value)] = value;
  }

  return {
    get size() {
      return size;
    },
    add(key) {
      if (!Number.isSafeInteger(key) || key < 0) throw new RangeError(`not a 法人番号: ${key}`);
      const stored = key + 1;
      const slot = find(stored);
      if (slots[slot] === stored) return;
      slots[slot] = stored;
      size++;
      used++;
      if (used * 2 > slots.length) grow();
    },
    has(key) {
      return slots[find(key + 1)] === key + 1;
    },
    delete(key) {
      const slot = find(key + 1);
      if (slots[slot] !== key + 1) return false;
      slots[slot] = REMOVED;
      size--;
      return true;
    },
  };
}
