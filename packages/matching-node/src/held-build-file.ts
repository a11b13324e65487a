/**
 * A dictionary file read for index builds and held for a while after its last use, so builds
 * close together read it once; a missing file is reported in one log line per process and path.
 */
import { existsSync } from 'node:fs';

const held = new Map<string, { value: unknown; timer: ReturnType<typeof setTimeout> }>();
const reported = new Set<string>();

export function holdBuildFile<T>(
  path: string,
  read: (path: string) => T,
  missingLine: string,
  options: { log?: (line: string) => void; holdMs?: number } = {},
): T | undefined {
  const holdMs = options.holdMs ?? 60_000;
  const release = (): ReturnType<typeof setTimeout> => {
    const timer = setTimeout(() => held.delete(path), holdMs);
    timer.unref();
    return timer;
  };
  const entry = held.get(path);
  if (entry !== undefined) {
    clearTimeout(entry.timer);
    entry.timer = release();
    // One path holds one kind of file: the reader that stored it is the reader asking.
    return entry.value as T;
  }
  if (!existsSync(path)) {
    if (!reported.has(path)) {
      reported.add(path);
      (options.log ?? ((line: string) => console.error(line)))(missingLine);
    }
    return undefined;
  }
  const value = read(path);
  held.set(path, { value, timer: release() });
  return value;
}
