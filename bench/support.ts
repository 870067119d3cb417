import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import pg from 'pg';

/** What every benchmark here needs: child processes, their memory, exact percentiles, report cells. */

/** The value at quantile `q` of an ascending array (no interpolation: a latency that was measured). */
export function percentile(sorted: Float64Array, q: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
}

/** Starts `node --import tsx …args` and resolves once it prints that it listens (or is ready). */
export function startProcess(args: string[], extraEnv: Record<string, string>): Promise<ChildProcess> {
  return new Promise((resolve, reject) => {
    const proc = spawn(process.execPath, ['--import', 'tsx', ...args], { env: { ...process.env, ...extraEnv }, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    proc.stdout!.on('data', (d: Buffer) => {
      out += d;
      if (/listening on|ready/.test(out)) resolve(proc);
    });
    proc.stderr!.on('data', (d: Buffer) => {
      out += d;
      if (out.length > 100_000) out = out.slice(-50_000);
    });
    proc.on('exit', (code) => reject(new Error(`${args.join(' ')} exited ${code}:\n${out.slice(-4000)}`)));
  });
}

/** Ends a process this benchmark started (SIGTERM) and waits for it. */
export async function stop(proc: ChildProcess | null): Promise<void> {
  if (!proc || proc.exitCode !== null) return;
  const done = new Promise((r) => proc.once('exit', r));
  proc.kill('SIGTERM');
  await done;
}

/** Resident memory of a process, in MB (Linux). */
export function rssMb(pid: number): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  return Math.round(Number(/VmRSS:\s+(\d+)/.exec(status)![1]) / 1024);
}

/** Runs `work` on one connection to `url`, closed afterwards. */
export async function withPgClient<T>(url: string, work: (c: pg.Client) => Promise<T>): Promise<T> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    return await work(c);
  } finally {
    await c.end();
  }
}

/** Report cells: milliseconds, a ratio as a percentage, a whole number with thousands separators. */
export const ms = (x: number | undefined) => (x === undefined || Number.isNaN(x) ? '—' : x >= 100 ? x.toFixed(0) : x.toFixed(1));
export const pct = (a: number, b: number | undefined) => (b ? `${Math.round((a / b) * 100)} %` : '—');
export const int = (x: number) => Math.round(x).toLocaleString('en');
