import cliProgress from 'cli-progress';

/**
 * Progress for long CLI work (§1.10). On a terminal: a cli-progress bar on stderr. Piped or
 * in CI: a plain line at the start, at every quarter and at the end, so logs stay readable.
 * Usage: `const p = createProgress('备份 / backup'); p.update(done, total); …; p.stop();`
 */
export type Progress = {
  /** Sets the current value (and the total, which may grow as work is discovered). */
  update(done: number, total?: number): void;
  /** Ends the bar; safe to call twice. */
  stop(): void;
};

export type ProgressOptions = {
  stream?: NodeJS.WriteStream;
  /** `bytes` shows 12.3 MB / 40.0 MB instead of counts. */
  unit?: 'count' | 'bytes';
  /** Force on/off; default: on unless KEFU_NO_PROGRESS is set. */
  enabled?: boolean;
};

export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  const units = ['KB', 'MB', 'GB', 'TB'];
  let v = n / 1024;
  let i = 0;
  while (v >= 1024 && i < units.length - 1) {
    v /= 1024;
    i++;
  }
  return `${v.toFixed(1)} ${units[i]}`;
}

export function createProgress(label: string, opts: ProgressOptions = {}): Progress {
  const stream = opts.stream ?? process.stderr;
  const enabled = opts.enabled ?? !process.env.KEFU_NO_PROGRESS;
  const fmt = (n: number) => (opts.unit === 'bytes' ? formatBytes(n) : n.toLocaleString('en-US'));
  if (!enabled) return { update() {}, stop() {} };

  if (stream.isTTY) {
    const bar = new cliProgress.SingleBar(
      {
        format: `${label} [{bar}] {percentage}% | {shown}`,
        stream,
        hideCursor: true,
        clearOnComplete: false,
        etaBuffer: 50,
      },
      cliProgress.Presets.shades_classic,
    );
    let started = false;
    let stopped = false;
    let total = 0;
    return {
      update(done, t) {
        if (stopped) return;
        if (t !== undefined) total = t;
        const payload = { shown: `${fmt(done)}/${fmt(total)}` };
        if (!started) {
          bar.start(Math.max(total, 1), done, payload);
          started = true;
        } else {
          bar.setTotal(Math.max(total, 1));
          bar.update(done, payload);
        }
      },
      stop() {
        if (stopped) return;
        stopped = true;
        if (started) bar.stop();
      },
    };
  }

  let lastQuarter = -1;
  let last = { done: 0, total: 0 };
  let stopped = false;
  return {
    update(done, t) {
      if (stopped) return;
      last = { done, total: t ?? last.total };
      const quarter = last.total > 0 ? Math.floor((done / last.total) * 4) : 0;
      if (quarter > lastQuarter) {
        lastQuarter = quarter;
        const pct = last.total > 0 ? Math.round((done / last.total) * 100) : 0;
        stream.write(`${label}: ${pct}% (${fmt(done)}/${fmt(last.total)})\n`);
      }
    },
    stop() {
      if (stopped) return;
      stopped = true;
      if (lastQuarter < 4 && last.total > 0) stream.write(`${label}: ${fmt(last.done)}/${fmt(last.total)}\n`);
    },
  };
}

/** One bar per phase of a multi-phase task; switching phase ends the previous bar. */
export function createPhasedProgress(labels: Record<string, { label: string; unit?: 'count' | 'bytes' }>, opts: Omit<ProgressOptions, 'unit'> = {}) {
  let current: { phase: string; bar: Progress } | null = null;
  return {
    update(phase: string, done: number, total: number) {
      if (current?.phase !== phase) {
        current?.bar.stop();
        const l = labels[phase] ?? { label: phase };
        current = { phase, bar: createProgress(l.label, { ...opts, unit: l.unit }) };
      }
      current.bar.update(done, total);
    },
    stop() {
      current?.bar.stop();
      current = null;
    },
  };
}
