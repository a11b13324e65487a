import cliProgress from 'cli-progress';
import type { OutputStream } from './context.ts';

export interface Progress {
  update(done: number, total: number, label?: string): void;
  stop(): void;
}

/**
 * A progress bar on stderr when it is a terminal; otherwise a plain line at most once a second,
 * so logs of long jobs show they are alive without filling up.
 */
export function createProgress(
  title: string,
  stream: OutputStream = process.stderr,
  intervalMs = 1000,
): Progress {
  if (!stream.isTTY) {
    let last = Date.now();
    return {
      update(done, total, label = '') {
        const now = Date.now();
        if (now - last < intervalMs) return;
        last = now;
        const percent = total > 0 ? Math.floor((done / total) * 100) : 0;
        stream.write(`${title}: ${percent}% ${label}\n`);
      },
      stop() {},
    };
  }
  const bar = new cliProgress.SingleBar(
    {
      // Only terminals get a bar, and the only terminal streams are the process ones.
      stream: stream as NodeJS.WritableStream,
      format: `${title} [{bar}] {percentage}% | {label} | {duration_formatted}`,
      hideCursor: true,
      clearOnComplete: false,
    },
    cliProgress.Presets.shades_classic,
  );
  let started = false;
  return {
    update(done, total, label = '') {
      if (!started) {
        bar.start(Math.max(total, 1), 0, { label });
        started = true;
      }
      bar.setTotal(Math.max(total, 1));
      bar.update(done, { label });
    },
    stop() {
      if (started) bar.stop();
    },
  };
}
