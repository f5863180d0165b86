import fs from 'node:fs';
import path from 'node:path';

/** The suite process announces itself in the Kong prefix so that followers can watch it. */
export function pidFilePath(prefix: string): string {
  return path.join(prefix, 'kong-ai-suite.pid');
}

export function writePidFile(prefix: string): void {
  fs.writeFileSync(pidFilePath(prefix), `${process.pid}\n`);
}

export function removePidFile(prefix: string): void {
  try {
    if (readPidFile(prefix) === process.pid) fs.unlinkSync(pidFilePath(prefix));
  } catch {
    /* already gone */
  }
}

export function readPidFile(prefix: string): number | undefined {
  try {
    const pid = Number(fs.readFileSync(pidFilePath(prefix), 'utf8').trim());
    return Number.isInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}
