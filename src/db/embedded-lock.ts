// One process at a time on an embedded database. PGlite has no server to arbitrate between
// processes: a second process opening the same directory works on its own copy of the pages, so
// what it writes (a token from `diplomat token create` while `diplomat serve` runs) is never seen
// by the first, and the two can corrupt each other's files. The holder writes its pid into a lock
// file in the directory, as PostgreSQL does with postmaster.pid; another process refuses to open
// the database while that pid is alive, and takes over a lock its dead owner left behind.
import { openSync, readFileSync, unlinkSync, writeSync, closeSync } from 'node:fs';
import { join } from 'node:path';

export const LOCK_FILE = 'diplomat.lock';

/** Another process has the embedded database open: the message names it and what to do. */
export class DatabaseInUse extends Error {}

interface Holder {
  pid: number;
  /** The diplomat command that opened it (`serve`, `import`…), to name it in the refusal. */
  command: string;
  since: string;
}

/** Directories this process holds: a pid equal to ours in a lock we do not hold is a stale one (a reused pid). */
const held = new Set<string>();

/**
 * Takes the lock of the embedded database in `dataDir` (an absolute path) or throws an error
 * naming the process that holds it; returns the release.
 */
export function lockEmbeddedDatabase(dataDir: string): () => void {
  const path = join(dataDir, LOCK_FILE);
  if (held.has(dataDir)) throw new DatabaseInUse(`the embedded database ${dataDir} is open in this process already`);
  if (!tryCreate(path)) {
    const holder = readHolder(path);
    if (holder && holder.pid !== process.pid && isAlive(holder.pid)) throw new DatabaseInUse(inUse(dataDir, holder));
    // Its owner ended without releasing it (killed, or the machine stopped): take it over. Another
    // process doing the same at the same instant loses the exclusive create below.
    unlinkSync(path);
    if (!tryCreate(path)) throw new DatabaseInUse(inUse(dataDir, readHolder(path) ?? { pid: 0, command: 'diplomat', since: '' }));
  }
  held.add(dataDir);
  return () => {
    held.delete(dataDir);
    // Only ours: never remove a lock another process took over after a stale-lock sweep.
    if (readHolder(path)?.pid === process.pid) unlinkSync(path);
  };
}

function tryCreate(path: string): boolean {
  let fd: number;
  try {
    fd = openSync(path, 'wx', 0o600);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  }
  const holder: Holder = { pid: process.pid, command: commandName(), since: new Date().toISOString() };
  try {
    writeSync(fd, `${JSON.stringify(holder)}\n`);
  } finally {
    closeSync(fd);
  }
  return true;
}

function readHolder(path: string): Holder | null {
  try {
    const value = JSON.parse(readFileSync(path, 'utf8')) as Partial<Holder>;
    return typeof value.pid === 'number'
      ? { pid: value.pid, command: String(value.command ?? 'diplomat'), since: String(value.since ?? '') }
      : null;
  } catch {
    return null; // gone meanwhile, or half-written by a process that died: treat as stale
  }
}

/** Whether a process of this machine runs (a holder of a lock, the owner of a leftover file). */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: alive, under another user.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** `diplomat serve`, `diplomat import`…: the subcommand only, never its arguments (file names, URLs). */
function commandName(): string {
  const sub = process.argv.slice(2).find((a) => /^[a-z]+$/.test(a));
  return sub ? `diplomat ${sub}` : 'diplomat';
}

function inUse(dataDir: string, holder: Holder): string {
  const since = holder.since ? `, since ${holder.since.slice(0, 16).replace('T', ' ')} UTC` : '';
  return (
    `the embedded database ${dataDir} is open in another process (pid ${holder.pid}, ${holder.command}${since}). ` +
    'It takes one process at a time: stop that one first (Ctrl+C ends `diplomat serve` and `demo`), or keep the data in ' +
    'PostgreSQL (--db postgres://…), which any number of processes can share.'
  );
}
