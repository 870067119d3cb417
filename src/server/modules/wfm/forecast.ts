/**
 * Contact-volume forecast per interval (§8.1): additive Holt–Winters with one weekly season of
 * `intervalsPerDay × 7` slots, so each weekday × time-of-day slot keeps its own seasonal offset
 * while a shared level and trend follow the overall volume. Pure and deterministic.
 *
 * Why this method: call volumes repeat by weekday and time of day far more strongly than by
 * anything else; a weekly season captures both at once (Monday 09:00 differs from Saturday
 * 09:00), and additive Holt–Winters is the textbook model for a seasonal series with a drifting
 * level (Holt 1957, Winters 1960; Hyndman & Athanasopoulos, "Forecasting: Principles and
 * Practice", §8.3). It needs at least two weeks of history to initialise.
 *
 * Initialisation: the trend is the difference of the first two weekly means per slot, the level is
 * the first week's mean moved to its last slot, and each seasonal offset is the average over the
 * first two weeks of the value minus the straight line through them. Smoothing parameters are
 * chosen from a small fixed grid by the lowest one-step-ahead squared error over the history
 * after the first two weeks (or given explicitly). Forecasts are clamped at zero.
 */

export type SmoothingParameters = { alpha: number; beta: number; gamma: number };

export type ForecastInput = {
  /** Counts per interval, oldest first, starting at the first interval of a week. */
  history: readonly number[];
  intervalsPerDay: number;
  /** Intervals to forecast after the end of `history`. */
  horizon: number;
  /** Fixed smoothing parameters; chosen from a grid when omitted. */
  parameters?: SmoothingParameters;
};

export type ForecastResult = { forecast: number[]; parameters: SmoothingParameters };

const GRID_ALPHA = [0.02, 0.05, 0.1, 0.2, 0.4];
const GRID_BETA = [0, 0.01, 0.05];
const GRID_GAMMA = [0.05, 0.1, 0.2, 0.4];

/** Holt–Winters additive forecast of the next `horizon` intervals (see module comment). */
export function forecastIntervals(input: ForecastInput): ForecastResult {
  const season = input.intervalsPerDay * 7;
  if (!Number.isInteger(input.intervalsPerDay) || input.intervalsPerDay < 1) throw new RangeError('intervalsPerDay must be a positive integer');
  if (!Number.isInteger(input.horizon) || input.horizon < 0) throw new RangeError('horizon must be a non-negative integer');
  if (input.history.length < 2 * season) throw new RangeError(`at least two weeks (${2 * season} intervals) of history are needed`);
  for (const v of input.history) if (!(v >= 0 && Number.isFinite(v))) throw new RangeError(`counts must be non-negative numbers, got ${v}`);

  const parameters = input.parameters ?? chooseParameters(input.history, season);
  const { state } = run(input.history, season, parameters);
  const forecast: number[] = [];
  for (let h = 1; h <= input.horizon; h++) {
    const slot = (input.history.length - 1 + h) % season;
    forecast.push(Math.max(0, state.level + h * state.trend + state.seasonal[slot]));
  }
  return { forecast, parameters };
}

/**
 * Mean absolute percentage error of `forecast` against `actual`, in percent, over intervals with a
 * non-zero actual (closed hours have none, and a percentage of zero is undefined).
 */
export function meanAbsolutePercentageError(actual: readonly number[], forecast: readonly number[]): number {
  if (actual.length !== forecast.length) throw new RangeError('actual and forecast differ in length');
  let sum = 0;
  let counted = 0;
  for (let i = 0; i < actual.length; i++) {
    if (actual[i] === 0) continue;
    sum += Math.abs(actual[i] - forecast[i]) / actual[i];
    counted++;
  }
  return counted === 0 ? 0 : (100 * sum) / counted;
}

/**
 * Holds out the last week of `history`, forecasts it from the weeks before, and reports the MAPE
 * (the accuracy shown next to a forecast). Needs three weeks of history.
 */
export function holdoutWeekAccuracy(history: readonly number[], intervalsPerDay: number, parameters?: SmoothingParameters): { mape: number; forecast: number[]; actual: number[] } {
  const season = intervalsPerDay * 7;
  if (history.length < 3 * season) throw new RangeError(`at least three weeks (${3 * season} intervals) are needed for a held-out week`);
  const cut = history.length - season;
  const { forecast } = forecastIntervals({ history: history.slice(0, cut), intervalsPerDay, horizon: season, parameters });
  const actual = history.slice(cut);
  return { mape: meanAbsolutePercentageError(actual, forecast), forecast, actual };
}

type State = { level: number; trend: number; seasonal: Float64Array };

function initialState(history: readonly number[], season: number): State {
  let first = 0;
  let second = 0;
  for (let i = 0; i < season; i++) {
    first += history[i];
    second += history[season + i];
  }
  first /= season;
  second /= season;
  const trend = (second - first) / season;
  // The first week's mean sits at its middle slot, (season − 1)/2.
  const lineAt = (t: number) => first + trend * (t - (season - 1) / 2);
  const seasonal = new Float64Array(season);
  for (let i = 0; i < season; i++) {
    seasonal[i] = (history[i] - lineAt(i) + history[season + i] - lineAt(season + i)) / 2;
  }
  return { level: lineAt(season - 1), trend, seasonal };
}

/** Runs the smoothing over the history from the start of week 1; returns the final state and SSE. */
function run(history: readonly number[], season: number, p: SmoothingParameters): { state: State; squaredError: number } {
  const init = initialState(history, season);
  // The initial state describes the end of week 0; re-anchoring at the end of week 1 avoids
  // smoothing over the data the initial values were drawn from twice.
  let level = init.level + season * init.trend;
  let trend = init.trend;
  const seasonal = init.seasonal;
  let squaredError = 0;
  for (let t = 2 * season; t < history.length; t++) {
    const slot = t % season;
    const predicted = level + trend + seasonal[slot];
    const error = history[t] - predicted;
    squaredError += error * error;
    const previousLevel = level;
    level = p.alpha * (history[t] - seasonal[slot]) + (1 - p.alpha) * (level + trend);
    trend = p.beta * (level - previousLevel) + (1 - p.beta) * trend;
    seasonal[slot] = p.gamma * (history[t] - level) + (1 - p.gamma) * seasonal[slot];
  }
  return { state: { level, trend, seasonal }, squaredError };
}

function chooseParameters(history: readonly number[], season: number): SmoothingParameters {
  let best: SmoothingParameters = { alpha: 0.1, beta: 0.01, gamma: 0.1 };
  let bestError = Infinity;
  if (history.length <= 2 * season) return best;
  for (const alpha of GRID_ALPHA) {
    for (const beta of GRID_BETA) {
      for (const gamma of GRID_GAMMA) {
        const { squaredError } = run(history, season, { alpha, beta, gamma });
        // Strictly lower only: ties keep the earlier (smoother) choice, so the pick is stable.
        if (squaredError < bestError) {
          bestError = squaredError;
          best = { alpha, beta, gamma };
        }
      }
    }
  }
  return best;
}
