/**
 * Ids looked up by their UTF-8 bytes, without making a string per lookup: an open-addressing table
 * keyed by the FNV-1a hash of the bytes. A slot holds the position, the length and the first eight
 * bytes, so a short id (most are) is confirmed by one memory read; a longer one is then compared
 * byte for byte with its stored bytes. For reading ids out of packed text (a database page as bytes).
 */

/** Int32 words per slot: position + 1 (0: empty), byte length, first 8 bytes as two words. */
const SLOT = 4; // hash << 2 below is hash * SLOT
const INLINE = 8;

export class IdByteTable {
  private readonly bytes: Uint8Array;
  private readonly starts: Int32Array;
  private readonly slots: Int32Array;
  private readonly mask: number;

  /** `ids[i]` is found at position i; of two equal ids the later wins (as in a Map). */
  constructor(ids: readonly string[]) {
    const encoder = new TextEncoder();
    // At most three UTF-8 bytes per UTF-16 unit.
    const bytes = new Uint8Array(3 * ids.reduce((sum, id) => sum + id.length, 0));
    this.starts = new Int32Array(ids.length + 1);
    let at = 0;
    for (const [i, id] of ids.entries()) {
      this.starts[i] = at;
      at += encoder.encodeInto(id, bytes.subarray(at)).written;
    }
    this.starts[ids.length] = at;
    this.bytes = bytes.slice(0, at);
    let size = 16;
    while (size < ids.length * 1.5) size *= 2;
    this.slots = new Int32Array(size * SLOT);
    this.mask = size * SLOT - 1;
    for (let i = 0; i < ids.length; i++) {
      const start = this.starts[i] ?? 0;
      const end = this.starts[i + 1] ?? 0;
      const slot = this.slotOf(this.bytes, start, end);
      this.slots[slot] = i + 1;
      this.slots[slot + 1] = end - start;
      this.slots[slot + 2] = wordAt(this.bytes, start, end);
      this.slots[slot + 3] = wordAt(this.bytes, start + 4, end);
    }
  }

  /** The position of the id whose bytes are `text[start, end)`, or -1. */
  find(text: Uint8Array, start: number, end: number): number {
    const held = this.slots[this.slotOf(text, start, end)] ?? 0;
    return held - 1;
  }

  /**
   * `into[i]` = `find(text, starts[i], ends[i])` for i < count, in two passes: the hashes first,
   * then the table, so the table's memory reads of successive ids overlap (random reads into a
   * table of millions of ids are what a lookup costs).
   */
  findAll(
    text: Uint8Array,
    starts: Int32Array,
    ends: Int32Array,
    count: number,
    into: Int32Array,
  ): void {
    const scratch = this.scratchFor(count);
    for (let i = 0; i < count; i++) {
      const start = starts[i] ?? 0;
      const end = ends[i] ?? 0;
      let hash = 0x811c9dc5;
      for (let j = start; j < end; j++) hash = Math.imul(hash ^ (text[j] ?? 0), 0x01000193);
      scratch[i * 3] = (hash << 2) & this.mask;
      scratch[i * 3 + 1] = wordAt(text, start, end);
      scratch[i * 3 + 2] = wordAt(text, start + 4, end);
    }
    const slots = this.slots;
    for (let i = 0; i < count; i++) {
      let slot = scratch[i * 3] ?? 0;
      const first = scratch[i * 3 + 1];
      const second = scratch[i * 3 + 2];
      const start = starts[i] ?? 0;
      const end = ends[i] ?? 0;
      const length = end - start;
      for (;;) {
        const held = slots[slot] ?? 0;
        if (held === 0) {
          into[i] = -1;
          break;
        }
        if (
          slots[slot + 1] === length &&
          slots[slot + 2] === first &&
          slots[slot + 3] === second &&
          (length <= INLINE || this.tailEquals(held - 1, text, start, end))
        ) {
          into[i] = held - 1;
          break;
        }
        slot = (slot + SLOT) & this.mask;
      }
    }
  }

  private scratch = new Int32Array(0);
  private scratchFor(count: number): Int32Array {
    if (this.scratch.length < count * 3) this.scratch = new Int32Array(count * 3);
    return this.scratch;
  }

  /** The slot holding the id `text[start, end)`, or the empty slot where it would go. */
  private slotOf(text: Uint8Array, start: number, end: number): number {
    let hash = 0x811c9dc5;
    for (let i = start; i < end; i++) hash = Math.imul(hash ^ (text[i] ?? 0), 0x01000193);
    const length = end - start;
    const first = wordAt(text, start, end);
    const second = wordAt(text, start + 4, end);
    const slots = this.slots;
    let slot = (hash << 2) & this.mask;
    for (;;) {
      const held = slots[slot] ?? 0;
      if (
        held === 0 ||
        (slots[slot + 1] === length &&
          slots[slot + 2] === first &&
          slots[slot + 3] === second &&
          (length <= INLINE || this.tailEquals(held - 1, text, start, end)))
      )
        return slot;
      slot = (slot + SLOT) & this.mask;
    }
  }

  private tailEquals(position: number, text: Uint8Array, start: number, end: number): boolean {
    const from = this.starts[position] ?? 0;
    for (let i = INLINE; i < end - start; i++)
      if (this.bytes[from + i] !== text[start + i]) return false;
    return true;
  }
}

/** Up to four bytes from `start` (not past `end`) as one word, zero-padded. */
function wordAt(text: Uint8Array, start: number, end: number): number {
  let word = 0;
  for (let i = Math.min(end, start + 4) - 1; i >= start; i--) word = (word << 8) | (text[i] ?? 0);
  return word;
}
