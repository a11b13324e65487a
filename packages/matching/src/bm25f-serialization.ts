/**
 * Serialised form of the BM25F index (`bm25f.ts`): the forward store's live documents with
 * their terms renumbered densely (`serializeStore`), loaded back as is (`loadStore`; the
 * postings are then rebuilt), and packed into one byte array (`encodeSerializedIndex`) for a
 * BLOB column or a file written by an adapter.
 */
import { z } from 'zod';
import { DomainError } from '#core/domain-error.ts';
import type { SerializedBm25fIndex } from './bm25f.ts';
import { termIdOrCreate, type ForwardStore } from './bm25f-store.ts';

/** The live documents of `store`, in slot order, with only the terms they use. */
export function serializeStore(store: ForwardStore): SerializedBm25fIndex {
  const F = store.fieldCount;
  const remap = new Int32Array(store.termStrings.length).fill(-1);
  const terms: string[] = [];
  for (let t = 0; t < store.termStrings.length; t += 1) {
    if ((store.df[t] ?? 0) > 0) {
      remap[t] = terms.length;
      terms.push(store.termStrings[t] ?? '');
    }
  }
  const ids: string[] = [];
  let total = 0;
  for (let s = 0; s < store.slotCount; s += 1) {
    if (store.alive[s] === 1) total += (store.slotStart[s + 1] ?? 0) - (store.slotStart[s] ?? 0);
  }
  const docTermOffsets = new Uint32Array(store.live + 1);
  const docTermIds = new Uint32Array(total);
  const docTermFrequencies = new Uint16Array(total * F);
  const fieldLengths = new Uint32Array(store.live * F);
  let d = 0;
  let at = 0;
  for (let s = 0; s < store.slotCount; s += 1) {
    if (store.alive[s] !== 1) continue;
    ids.push(store.slotIds[s] ?? '');
    fieldLengths.set(store.lengths.subarray(s * F, s * F + F), d * F);
    const from = store.slotStart[s] ?? 0;
    const to = store.slotStart[s + 1] ?? from;
    for (let e = from; e < to; e += 1) {
      docTermIds[at + e - from] = remap[store.entryTerms[e] ?? 0] ?? 0;
    }
    docTermFrequencies.set(store.entryFreqs.subarray(from * F, to * F), at * F);
    at += to - from;
    d += 1;
    docTermOffsets[d] = at;
  }
  return {
    version: 1,
    fields: store.fields,
    k1: store.k1,
    terms,
    ids,
    docTermOffsets,
    docTermIds,
    docTermFrequencies,
    fieldLengths,
  };
}

/**
 * Loads a serialised index into the empty `store`: the forward store as is (views into the
 * serialised typed arrays, no copy). The caller rebuilds the postings.
 */
export function loadStore(store: ForwardStore, serialized: SerializedBm25fIndex): void {
  const F = store.fieldCount;
  for (const term of serialized.terms) termIdOrCreate(store, term);
  const D = serialized.ids.length;
  const E = serialized.docTermOffsets[D] ?? 0;
  if (
    serialized.docTermOffsets.length !== D + 1 ||
    serialized.docTermIds.length < E ||
    serialized.docTermFrequencies.length < E * F ||
    serialized.fieldLengths.length < D * F
  ) {
    throw new DomainError('unsupported_format', 'inconsistent serialised BM25F index');
  }
  store.slotStart = serialized.docTermOffsets;
  store.entryTerms = serialized.docTermIds;
  store.entryFreqs = serialized.docTermFrequencies;
  store.lengths = serialized.fieldLengths;
  store.alive = new Uint8Array(D).fill(1);
  store.entryCount = E;
  const T = store.termStrings.length;
  for (let e = 0; e < E; e += 1) {
    const t = store.entryTerms[e] ?? 0;
    if (t >= T) throw new DomainError('unsupported_format', 'term id out of range');
    store.df[t] = (store.df[t] ?? 0) + 1;
  }
  for (let d = 0; d < D; d += 1) {
    const id = serialized.ids[d] ?? '';
    store.slotIds.push(id);
    store.idToSlot.set(id, d);
    for (let f = 0; f < F; f += 1) {
      store.lengthSums[f] = (store.lengthSums[f] ?? 0) + (store.lengths[d * F + f] ?? 0);
    }
  }
  store.slotCount = D;
  store.live = D;
  store.changes += 1;
}

const MAGIC = 0x3146_424d; // 'MBF1' little-endian

/**
 * Packs a serialised index into one byte array (for a BLOB column or a file written by an
 * adapter): magic, header length, JSON header (fields, k1, terms, ids), then the typed arrays
 * 4-byte aligned, little-endian.
 */
export function encodeSerializedIndex(serialized: SerializedBm25fIndex): Uint8Array {
  const header = new TextEncoder().encode(
    JSON.stringify({
      version: serialized.version,
      fields: serialized.fields,
      k1: serialized.k1,
      terms: serialized.terms,
      ids: serialized.ids,
      docTermIds: serialized.docTermIds.length,
      docTermFrequencies: serialized.docTermFrequencies.length,
      fieldLengths: serialized.fieldLengths.length,
    }),
  );
  const pad = (n: number): number => (n + 3) & ~3;
  const headerEnd = pad(8 + header.length);
  const sections = [
    serialized.docTermOffsets,
    serialized.docTermIds,
    serialized.fieldLengths,
    serialized.docTermFrequencies,
  ];
  let size = headerEnd;
  for (const section of sections) size += pad(section.byteLength);
  const bytes = new Uint8Array(size);
  const view = new DataView(bytes.buffer);
  view.setUint32(0, MAGIC, true);
  view.setUint32(4, header.length, true);
  bytes.set(header, 8);
  let at = headerEnd;
  for (const section of sections) {
    bytes.set(new Uint8Array(section.buffer, section.byteOffset, section.byteLength), at);
    at += pad(section.byteLength);
  }
  return bytes;
}

const ZEncodedHeader = z.object({
  version: z.literal(1),
  fields: z.array(
    z.object({ name: z.string(), weight: z.number().min(0), b: z.number().min(0).max(1) }),
  ),
  k1: z.number().positive(),
  terms: z.array(z.string()),
  ids: z.array(z.string()),
  docTermIds: z.number().int().min(0),
  docTermFrequencies: z.number().int().min(0),
  fieldLengths: z.number().int().min(0),
});

/** Inverse of `encodeSerializedIndex`; the typed arrays are copies (aligned, owned). */
export function decodeSerializedIndex(bytes: Uint8Array): SerializedBm25fIndex {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (bytes.byteLength < 8 || view.getUint32(0, true) !== MAGIC) {
    throw new DomainError('unsupported_format', 'not a serialised BM25F index');
  }
  const headerLength = view.getUint32(4, true);
  const result = ZEncodedHeader.safeParse(
    JSON.parse(new TextDecoder().decode(bytes.subarray(8, 8 + headerLength))),
  );
  if (!result.success) {
    throw new DomainError('unsupported_format', 'bad serialised BM25F index header', {
      issues: result.error.issues,
    });
  }
  const parsed = result.data;
  const pad = (n: number): number => (n + 3) & ~3;
  let at = pad(8 + headerLength);
  // A copy into a fresh buffer: `slice` of a Node Buffer is a view into its (shared,
  // possibly pooled) memory, whose `.buffer` starts elsewhere.
  const take = (byteLength: number): Uint8Array => {
    const copy = new Uint8Array(byteLength);
    copy.set(bytes.subarray(at, at + byteLength));
    at += pad(byteLength);
    return copy;
  };
  const u32 = (count: number): Uint32Array => new Uint32Array(take(count * 4).buffer, 0, count);
  const docTermOffsets = u32(parsed.ids.length + 1);
  const docTermIds = u32(parsed.docTermIds);
  const fieldLengths = u32(parsed.fieldLengths);
  const frequencyBytes = take(parsed.docTermFrequencies * 2);
  const docTermFrequencies = new Uint16Array(frequencyBytes.buffer, 0, parsed.docTermFrequencies);
  return {
    version: 1,
    fields: parsed.fields,
    k1: parsed.k1,
    terms: parsed.terms,
    ids: parsed.ids,
    docTermOffsets,
    docTermIds,
    docTermFrequencies,
    fieldLengths,
  };
}
