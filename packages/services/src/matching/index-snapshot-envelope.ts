/**
 * The stored form of a matching index snapshot: a little-endian 32-bit length, the JSON of the row
 * versions the index was built from (id → version), then the serialised BM25F index. A snapshot
 * that cannot be read decodes to undefined (the index is built again).
 */
import { encodeSerializedIndex, type Bm25fIndex } from '#matching/bm25f.ts';

export interface SnapshotEnvelope {
  readonly versions: Record<string, number>;
  readonly index: Uint8Array;
}

export function encodeEnvelope(
  versions: ReadonlyMap<string, number>,
  index: Bm25fIndex,
): Uint8Array {
  const head = new TextEncoder().encode(JSON.stringify(Object.fromEntries(versions)));
  const body = encodeSerializedIndex(index.serialize());
  const out = new Uint8Array(4 + head.length + body.length);
  new DataView(out.buffer).setUint32(0, head.length, true);
  out.set(head, 4);
  out.set(body, 4 + head.length);
  return out;
}

export function decodeEnvelope(bytes: Uint8Array): SnapshotEnvelope | undefined {
  try {
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    const headLength = view.getUint32(0, true);
    const parsed: unknown = JSON.parse(new TextDecoder().decode(bytes.subarray(4, 4 + headLength)));
    if (typeof parsed !== 'object' || parsed === null) return undefined;
    const versions: Record<string, number> = {};
    for (const [id, v] of Object.entries(parsed)) if (typeof v === 'number') versions[id] = v;
    return { versions, index: bytes.subarray(4 + headLength) };
  } catch {
    return undefined;
  }
}
