/**
 * Runs one command as a child process under GNU time, returning its wall time and peak resident
 * memory (the kernel's maxrss of the child, in MiB) together with its output.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface ProcessMeasure {
  readonly command: string;
  readonly seconds: number;
  readonly peakMiB: number;
  readonly exitCode: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

const GNU_TIME = '/usr/bin/time';

export async function measureProcess(
  command: string,
  args: readonly string[],
  options: { cwd?: string; env?: NodeJS.ProcessEnv } = {},
): Promise<ProcessMeasure> {
  const dir = mkdtempSync(join(tmpdir(), 'musubi-bench-time-'));
  const timeFile = join(dir, 'time.txt');
  const started = performance.now();
  const child = spawn(GNU_TIME, ['-f', '%e %M', '-o', timeFile, command, ...args], {
    cwd: options.cwd,
    env: options.env ?? process.env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
    // Progress lines are kept short: only the tail matters for errors.
    stderr = (stderr + chunk).slice(-20_000);
  });
  const exitCode = await new Promise<number | null>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => resolve(code));
  });
  const seconds = (performance.now() - started) / 1000;
  const [, maxRssKb] = readFileSync(timeFile, 'utf8').trim().split('\n').pop()?.split(' ') ?? [];
  rmSync(dir, { recursive: true, force: true });
  return {
    command: [command, ...args].join(' '),
    seconds,
    peakMiB: Number(maxRssKb ?? 0) / 1024,
    exitCode,
    stdout,
    stderr,
  };
}

/** Throws with the child's output when it did not exit 0. */
export function assertSucceeded(measure: ProcessMeasure): ProcessMeasure {
  if (measure.exitCode !== 0) {
    throw new Error(
      `${measure.command} exited ${String(measure.exitCode)}\n${measure.stdout.slice(-2000)}\n${measure.stderr.slice(-4000)}`,
    );
  }
  return measure;
}
