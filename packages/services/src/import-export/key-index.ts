/**
 * Remembering the identities of an import, to refuse a second row with one already seen. Millions
 * of keys live in typed arrays and byte arenas rather than a Map of strings: a third of the memory,
 * and nothing for the garbage collector to trace on every major collection.
 */
export interface KeyIndex {
  /** The row that first had `key`, or undefined after recording `row` as its first. */
  firstRowOrAdd(key: string, row: number): number | undefined;
}

export function createKeyIndex(): KeyIndex {
  const ARENA_BYTES = 1 << 24;
  const arenas: Buffer[] = [Buffer.allocUnsafe(ARENA_BYTES)];
  let arenaUsed = 0;
  let count = 0;
  let starts = new Float64Array(1 << 12);
  let lengths = new Uint32Array(1 << 12);
  let hashes = new Int32Array(1 << 12);
  let rows = new Float64Array(1 << 12);
  // Open addressing: entry index + 1, 0 for empty; at most half full.
  let slots = new Int32Array(1 << 13);
  let scratch = Buffer.allocUnsafe(1024);

  function hashOf(key: string): number {
    let h = 0x811c9dc5;
    for (let i = 0; i < key.length; i++) h = Math.imul(h ^ key.charCodeAt(i), 0x01000193);
    return h ^ (h >>> 15);
  }

  function arenaAt(position: number): [Buffer, number] {
    const arena = arenas[Math.floor(position / ARENA_BYTES)];
    if (!arena) throw new Error('key index: position outside the arenas');
    return [arena, position % ARENA_BYTES];
  }

  function grow(): void {
    const capacity = starts.length * 2;
    const copy = <T extends Float64Array | Uint32Array | Int32Array>(from: T, to: T): T => {
      to.set(from);
      return to;
    };
    starts = copy(starts, new Float64Array(capacity));
    lengths = copy(lengths, new Uint32Array(capacity));
    hashes = copy(hashes, new Int32Array(capacity));
    rows = copy(rows, new Float64Array(capacity));
    slots = new Int32Array(capacity * 2);
    const mask = slots.length - 1;
    for (let entry = 0; entry < count; entry++) {
      let slot = (hashes[entry] ?? 0) & mask;
      while (slots[slot] !== 0) slot = (slot + 1) & mask;
      slots[slot] = entry + 1;
    }
  }

  return {
    firstRowOrAdd(key, row) {
      if (key.length * 3 > scratch.length) scratch = Buffer.allocUnsafe(key.length * 3);
      const length = scratch.write(key, 0, 'utf8');
      const hash = hashOf(key);
      const mask = slots.length - 1;
      let slot = hash & mask;
      for (;;) {
        const entry = (slots[slot] ?? 0) - 1;
        if (entry < 0) break;
        if (hashes[entry] === hash && lengths[entry] === length) {
          const [arena, offset] = arenaAt(starts[entry] ?? 0);
          if (scratch.compare(arena, offset, offset + length, 0, length) === 0) return rows[entry];
        }
        slot = (slot + 1) & mask;
      }
      if (arenaUsed + length > ARENA_BYTES) {
        arenas.push(Buffer.allocUnsafe(Math.max(ARENA_BYTES, length)));
        arenaUsed = 0;
      }
      const arenaIndex = arenas.length - 1;
      const arena = arenas[arenaIndex];
      if (!arena) throw new Error('key index: no arena');
      scratch.copy(arena, arenaUsed, 0, length);
      starts[count] = arenaIndex * ARENA_BYTES + arenaUsed;
      lengths[count] = length;
      hashes[count] = hash;
      rows[count] = row;
      slots[slot] = count + 1;
      arenaUsed += length;
      count += 1;
      if (count * 2 >= slots.length || count >= starts.length) grow();
      return undefined;
    },
  };
}
