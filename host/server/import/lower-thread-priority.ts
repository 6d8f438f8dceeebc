import { readlinkSync } from 'node:fs';
import { setPriority } from 'node:os';

/** Nice value of a parsing thread: reading a file is background work, answering requests is not. */
const PARSER_NICE = 10;

/**
 * Linux: lowers the CPU priority of the calling thread alone (its id from /proc/thread-self), so the
 * request thread wins the CPU while a file is read; threads it starts later inherit it. Elsewhere, or
 * when not allowed, nothing changes.
 */
export function lowerThreadPriority(): void {
  try {
    setPriority(Number(readlinkSync('/proc/thread-self').split('/').pop()), PARSER_NICE);
  } catch {
    // No /proc or not allowed: the thread keeps the default priority.
  }
}
