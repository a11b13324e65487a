/**
 * Lowers the scheduling priority of the calling thread (Linux: `setpriority` on the thread's own
 * id, read from /proc/thread-self). A matching worker calls it so that, when the cores are busy,
 * the server's own thread (health, lists, sign-ins) runs first and matching takes what is left.
 * Elsewhere, or when not allowed, it does nothing and says so.
 */
import { readlinkSync } from 'node:fs';
import { getPriority, setPriority } from 'node:os';

export function lowerThreadPriority(nice: number): boolean {
  try {
    const tid = Number(readlinkSync('/proc/thread-self').split('/').pop());
    if (!Number.isInteger(tid) || tid <= 0) return false;
    if (getPriority(tid) < nice) setPriority(tid, nice);
    return true;
  } catch {
    return false;
  }
}
