/**
 * The index cache written by a detached process, so that a cold `check` ends, and the shell prompt
 * returns, as soon as its report is printed (issue 17). Node cannot hand its parsed sources to
 * another process for less than encoding them, which is most of a save's cost; so the writer is
 * the same command run again in the background, at the lowest priority, with
 * `SOURCE_ANCHORS_CACHE_WRITER` naming its lock file: it loads the corpus as the check did (the
 * sources the drafts cite), saves the cache (each file to a temporary name, then renamed: a writer
 * stopped half-way leaves the old cache or none, never a half-written one) and removes its lock.
 *
 * The lock file, `index-<key>.bin.writer` beside the cache, holds the writer's pid, so a test or
 * the benchmark can wait for it ({@link waitForWriters}). Under `CI` (a runner may kill what
 * outlives a step, and a cache step follows) or with `SOURCE_ANCHORS_CACHE_WRITE=inline`, `check`
 * writes the cache itself after the report, as before; `SOURCE_ANCHORS_CACHE_WRITE=detached`
 * detaches the writer even under `CI`.
 */
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { constants, setPriority } from 'node:os';
import { join } from 'node:path';

/** Set in the writer's environment: the path of its lock file. */
export const WRITER_ENV = 'SOURCE_ANCHORS_CACHE_WRITER';

/** Whether `check` leaves the cache to a detached writer in this environment. */
export function writesDetached(env: NodeJS.ProcessEnv): boolean {
  if (env[WRITER_ENV]) return false;
  const mode = env['SOURCE_ANCHORS_CACHE_WRITE'];
  return mode === 'detached' || (mode !== 'inline' && !env['CI']);
}

/**
 * Whether this process may leave the cache to a detached writer: {@link writesDetached}, and this
 * process is the `check` command itself (its arguments are what the writer runs again).
 */
export function mayDetachWriter(env: NodeJS.ProcessEnv): boolean {
  return writesDetached(env) && process.argv[2] === 'check';
}

/**
 * Starts this command again (`source-anchors check …`, the same arguments), detached, as the
 * cache's writer; false when it cannot be started or this process is not that command (then the
 * caller writes the cache itself).
 */
export function detachWriter(lockFile: string, cwd: string): boolean {
  if (process.argv[2] !== 'check') return false;
  try {
    const child = spawn(process.execPath, [...process.execArgv, ...process.argv.slice(1)], {
      cwd,
      env: { ...process.env, [WRITER_ENV]: lockFile },
      detached: true,
      stdio: 'ignore',
    });
    if (child.pid === undefined) return false;
    child.on('error', () => undefined);
    writeFileSync(lockFile, String(child.pid));
    child.unref();
    return true;
  } catch {
    return false;
  }
}

/** In the writer: yields the processor to everything else. */
export function lowerPriority(): void {
  try {
    setPriority(constants.priority.PRIORITY_LOW);
  } catch {
    // Not permitted: the writer runs at the normal priority.
  }
}

/** In the writer, when done: removes its lock file if it still names this process. */
export function releaseWriterLock(lockFile: string): void {
  try {
    if (readFileSync(lockFile, 'utf8') === String(process.pid)) unlinkSync(lockFile);
  } catch {
    // Already gone.
  }
}

/**
 * Waits until no detached writer of a cache in `dir` is running (its lock file gone, or its process
 * ended), polling every 20 ms, for at most `timeoutMs`. Returns whether none is left.
 */
export async function waitForWriters(dir: string, timeoutMs = 60_000): Promise<boolean> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    if (!runningWriters(dir)) return true;
    if (Date.now() > until) return false;
    await new Promise((done) => setTimeout(done, 20));
  }
}

function runningWriters(dir: string): boolean {
  let names: string[];
  try {
    names = readdirSync(dir).filter((n) => n.endsWith('.writer'));
  } catch {
    return false;
  }
  return names.some((name) => {
    try {
      process.kill(Number(readFileSync(join(dir, name), 'utf8')), 0);
      return true;
    } catch {
      return false;
    }
  });
}
