// CPU seconds used by this process and the processes it started (Chromium's, for an import in
// the harness), by kind: where an import's CPU goes, read from /proc (Linux only, as the bench).
import { readFileSync, readdirSync } from 'node:fs';

const TICKS_PER_SECOND = 100;

interface ProcessStat {
  parent: number;
  cpuSeconds: number;
  kind: string;
}

/**
 * What a process is, by its command line: this one, or a Chromium process by its --type (and
 * utility sub-type). Chromium rewrites the command line of the processes its zygote forks, as one
 * string: the flags are looked for in the text, not as separate arguments.
 */
function kindOf(pid: number, self: number): string {
  if (pid === self) return 'harness node: main side (ingest threads) and the relay';
  const command = readFileSync(`/proc/${pid}/cmdline`, 'utf8').replaceAll('\0', ' ').trim();
  const flag = (name: string) => new RegExp(`--${name}=(\\S+)`).exec(command)?.[1];
  if (!/chrom/i.test(command.split(' ')[0] ?? '')) return command.split(' ')[0]!.split('/').at(-1)!;
  const type = flag('type');
  if (type === undefined) return 'Chromium browser (IndexedDB backend)';
  const subtype = flag('utility-sub-type');
  return `Chromium ${type}${subtype ? ` (${subtype})` : type === 'renderer' ? ' (page and its workers)' : ''}`;
}

function stats(self: number): Map<number, ProcessStat> {
  const all = new Map<number, ProcessStat>();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    const pid = Number(name);
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      // The fields after the command name (which may hold spaces), from the state on: ppid is 2nd, utime 12th, stime 13th.
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      all.set(pid, { parent: Number(fields[1]), cpuSeconds: (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND, kind: kindOf(pid, self) });
    } catch {
      // Gone between the listing and the read.
    }
  }
  const tree = new Map<number, ProcessStat>();
  const within = (pid: number): boolean => pid === self || (all.has(pid) && pid > 1 && within(all.get(pid)!.parent));
  for (const [pid, stat] of all) if (within(pid)) tree.set(pid, stat);
  return tree;
}

/** Starts counting; the function returned gives the CPU seconds used since, by kind of process, most first. */
export function countCpu(): () => [kind: string, seconds: number][] {
  const self = process.pid;
  const before = stats(self);
  return () => {
    const used = new Map<string, number>();
    for (const [pid, { cpuSeconds, kind }] of stats(self)) used.set(kind, (used.get(kind) ?? 0) + cpuSeconds - (before.get(pid)?.cpuSeconds ?? 0));
    return [...used].filter(([, seconds]) => seconds > 0.01).sort((a, b) => b[1] - a[1]);
  };
}
