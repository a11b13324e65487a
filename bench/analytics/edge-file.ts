/** Edge files of the analytics benchmark: one "u v" pair of decimal node ids per line. */
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';

/** Parse "u v\n" lines from raw bytes (no string per line: 10M edges in about a second). */
export function parseEdgeList(bytes: Uint8Array): { sources: Int32Array; targets: Int32Array } {
  let lines = 0;
  for (let i = 0; i < bytes.length; i++) if (bytes[i] === 10) lines++;
  if (bytes.length > 0 && bytes[bytes.length - 1] !== 10) lines++;
  const sources = new Int32Array(lines);
  const targets = new Int32Array(lines);
  let edge = 0;
  let field = 0;
  let value = 0;
  let inNumber = false;
  for (let i = 0; i <= bytes.length; i++) {
    const b = i < bytes.length ? (bytes[i] as number) : 10;
    if (b >= 48 && b <= 57) {
      value = value * 10 + (b - 48);
      inNumber = true;
    } else {
      if (inNumber) {
        if (field === 0) sources[edge] = value;
        else targets[edge] = value;
        field++;
        value = 0;
        inNumber = false;
      }
      if (b === 10) {
        if (field >= 2) edge++;
        field = 0;
      }
    }
  }
  return { sources: sources.subarray(0, edge), targets: targets.subarray(0, edge) };
}

/** Write "u v\n" lines, streaming in 1 MiB chunks. */
export async function writeEdgeList(
  path: string,
  sources: Int32Array,
  targets: Int32Array,
): Promise<void> {
  const stream = createWriteStream(path);
  const chunk = 1 << 20;
  let buffer = Buffer.allocUnsafe(chunk + 32);
  let used = 0;
  for (let e = 0; e < sources.length; e++) {
    used += buffer.write(`${sources[e] as number} ${targets[e] as number}\n`, used, 'latin1');
    if (used >= chunk) {
      if (!stream.write(buffer.subarray(0, used))) await once(stream, 'drain');
      buffer = Buffer.allocUnsafe(chunk + 32);
      used = 0;
    }
  }
  stream.end(buffer.subarray(0, used));
  await once(stream, 'finish');
}
