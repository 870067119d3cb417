/**
 * Workforce-management benchmark: `npx tsx bench/wfm.ts`.
 *
 * 1. Simulates 1,000,000 calls (28 days × 48 half-hours, a daily profile, exponential AHT 240 s,
 *    exponential patience 180 s, agents per interval from Erlang C 80/20 staffing) and compares the
 *    time with a baseline measured in the same run: drawing the same number of arrival gaps,
 *    handle times and patiences from the same PRNG, without any queueing.
 * 2. Erlang C staffing of 48 intervals × 100 queues, repeated for ≥ 2 s: plans per second.
 */
import os from 'node:os';
import { simulateQueue } from '../src/server/modules/wfm/call-simulation.js';
import { createRandom } from '../src/server/modules/wfm/prng.js';
import { staffIntervals, type StaffingTarget } from '../src/server/modules/wfm/staffing.js';

const CALLS = 1_000_000;
const DAYS = 28;
const PER_DAY = 48;
const INTERVAL = 1800;
const AHT = 240;
const target: StaffingTarget = { model: 'erlangC', serviceLevel: 0.8, thresholdSeconds: 20, maxOccupancy: 0.9, shrinkage: 0.3 };

const dayShape = Array.from({ length: PER_DAY }, (_, slot) => {
  const hour = slot / 2;
  return 0.2 + Math.exp(-((hour - 10.5) ** 2) / 6) + 0.8 * Math.exp(-((hour - 15) ** 2) / 8);
});
const shapeTotal = dayShape.reduce((a, b) => a + b, 0) * DAYS;
const calls = Array.from({ length: DAYS * PER_DAY }, (_, i) => (CALLS * dayShape[i % PER_DAY]) / shapeTotal);
const plan = staffIntervals(calls.map((c) => ({ calls: c, ahtSeconds: AHT })), INTERVAL, target);
const intervals = calls.map((expectedCalls, i) => ({ expectedCalls, agents: plan[i].requiredAgents }));

function baseline(): { ms: number; sink: number } {
  const random = createRandom(1);
  const start = performance.now();
  let sink = 0;
  for (let i = 0; i < CALLS; i++) sink += random.exponential(1) + random.exponential(AHT) + random.exponential(180);
  return { ms: performance.now() - start, sink };
}

function simulation() {
  const start = performance.now();
  const result = simulateQueue({ intervalSeconds: INTERVAL, intervals, handleTime: { distribution: 'exponential', meanSeconds: AHT }, patienceSeconds: 180, thresholdSeconds: 20, seed: 1 });
  return { ms: performance.now() - start, result };
}

function staffingRate(): { plansPerSecond: number; intervalsPerSecond: number } {
  const random = createRandom(2);
  const queues = Array.from({ length: 100 }, () => {
    const scale = 20 + 480 * random.next(); // 20–500 calls in the peak half hour
    const aht = 120 + 480 * random.next();
    return dayShape.map((s) => ({ calls: (scale * s) / 1.2, ahtSeconds: aht }));
  });
  let plans = 0;
  const start = performance.now();
  while (performance.now() - start < 2000) {
    for (const queue of queues) staffIntervals(queue, INTERVAL, target);
    plans++;
  }
  const seconds = (performance.now() - start) / 1000;
  return { plansPerSecond: plans / seconds, intervalsPerSecond: (plans * 100 * PER_DAY) / seconds };
}

baseline(); // warm-up, so both timings see optimized code
const base = baseline();
const sim = simulation();
const total = sim.result.total;
const staffing = staffingRate();
const fmt = (n: number, digits = 0) => n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });

console.log(`machine: ${os.cpus().length} cores, load average ${os.loadavg().map((l) => l.toFixed(2)).join(' / ')}, Node ${process.version}`);
console.log(`simulation: ${fmt(total.offered)} calls in ${fmt(sim.ms / 1000, 2)} s = ${fmt(total.offered / (sim.ms / 1000))} calls/s`
  + ` (target ≤ 10 s; SL ${(100 * total.serviceLevel).toFixed(1)} %, abandon ${(100 * total.abandonRate).toFixed(1)} %, occupancy ${(100 * total.occupancy).toFixed(1)} %)`);
console.log(`baseline (PRNG only, 3 draws × ${fmt(CALLS)}): ${fmt(base.ms, 0)} ms; simulation / baseline = ${(sim.ms / base.ms).toFixed(1)}×`);
console.log(`staffing: ${fmt(staffing.plansPerSecond, 1)} plans of 48 intervals × 100 queues per second (${fmt(staffing.intervalsPerSecond)} interval staffings/s)`);
