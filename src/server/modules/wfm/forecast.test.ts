import { describe, expect, it } from 'vitest';
import { forecastIntervals, holdoutWeekAccuracy, meanAbsolutePercentageError } from './forecast.js';
import { createRandom } from './prng.js';

const perDay = 48; // 30-minute intervals
const week = perDay * 7;

/** A call-centre day: closed 00:00–08:00, a morning peak, an afternoon peak; weekends at 40 %. */
function profile(t: number): number {
  const day = Math.floor(t / perDay) % 7;
  const slot = t % perDay;
  if (slot < 16) return 0;
  const hour = slot / 2;
  const shape = 60 * Math.exp(-((hour - 10.5) ** 2) / 4) + 45 * Math.exp(-((hour - 15) ** 2) / 6) + 10;
  return day >= 5 ? 0.4 * shape : shape;
}

describe('interval forecast (Holt–Winters additive, weekly season)', () => {
  it('reproduces an exact weekly pattern plus linear trend', () => {
    // y = pattern + 0.01·t has zero one-step error, so every parameter choice forecasts it exactly.
    const truth = (t: number) => profile(t) + 5 + 0.01 * t;
    const history = Array.from({ length: 4 * week }, (_, t) => truth(t));
    const { forecast } = forecastIntervals({ history, intervalsPerDay: perDay, horizon: week });
    forecast.forEach((v, h) => expect(v).toBeCloseTo(truth(4 * week + h), 8));
  });

  it('MAPE of a held-out week is 0 for the exact series', () => {
    const history = Array.from({ length: 5 * week }, (_, t) => profile(t) + 5 + 0.01 * t);
    expect(holdoutWeekAccuracy(history, perDay).mape).toBeLessThan(1e-8);
  });

  it('on Poisson-like noise beats a flat average and keeps the weekday shape', () => {
    const random = createRandom(11);
    // Normal approximation of Poisson counts around the profile (sd = √mean), rounded, ≥ 0.
    const history = Array.from({ length: 8 * week }, (_, t) => {
      const mean = profile(t);
      return mean === 0 ? 0 : Math.max(0, Math.round(mean + Math.sqrt(mean) * random.normal()));
    });
    const { mape, forecast, actual } = holdoutWeekAccuracy(history, perDay);
    const flat = actual.map(() => history.slice(0, 7 * week).reduce((a, b) => a + b, 0) / (7 * week));
    // The noise floor: even the true means miss Poisson counts by E|N − m|/m ≈ √(2/(πm)).
    const oracle = meanAbsolutePercentageError(actual, actual.map((_, h) => profile(7 * week + h)));
    expect(mape).toBeLessThan(1.15 * oracle);
    expect(mape).toBeLessThan(meanAbsolutePercentageError(actual, flat) / 2);
    // Monday 10:30 well above Saturday 10:30, closed hours near zero.
    expect(forecast[21]).toBeGreaterThan(2 * forecast[5 * perDay + 21]);
    expect(forecast[4]).toBeLessThan(1);
  });

  it('is deterministic and accepts fixed parameters', () => {
    const history = Array.from({ length: 3 * week }, (_, t) => profile(t) + (t % 7));
    const a = forecastIntervals({ history, intervalsPerDay: perDay, horizon: 10 });
    expect(forecastIntervals({ history, intervalsPerDay: perDay, horizon: 10 })).toEqual(a);
    const fixed = forecastIntervals({ history, intervalsPerDay: perDay, horizon: 3, parameters: { alpha: 0.3, beta: 0, gamma: 0.2 } });
    expect(fixed.parameters).toEqual({ alpha: 0.3, beta: 0, gamma: 0.2 });
    expect(fixed.forecast.every((v) => v >= 0)).toBe(true);
  });

  it('MAPE skips intervals whose actual is zero', () => {
    expect(meanAbsolutePercentageError([0, 100, 50], [5, 90, 60])).toBeCloseTo(15, 12);
    expect(meanAbsolutePercentageError([0, 0], [1, 2])).toBe(0);
  });

  it('refuses too little history and bad counts', () => {
    expect(() => forecastIntervals({ history: new Array(week).fill(1), intervalsPerDay: perDay, horizon: 1 })).toThrow(RangeError);
    expect(() => holdoutWeekAccuracy(new Array(2 * week).fill(1), perDay)).toThrow(RangeError);
    expect(() => forecastIntervals({ history: [...new Array(2 * week - 1).fill(1), -1], intervalsPerDay: perDay, horizon: 1 })).toThrow(RangeError);
  });
});
