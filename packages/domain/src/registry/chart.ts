import { CHART_RULES } from '../patterns';
import type { DirectionRule, PatternExplanation, PatternInfo } from './types';

interface ChartText {
  readonly name: string;
  readonly directionRule: DirectionRule;
  readonly directions: readonly (1 | -1)[];
  readonly confirmation: string;
  readonly explanation: PatternExplanation;
}

/** Names and texts of the §4.2 patterns; family and lookback come from the rules themselves. */
const TEXTS: Record<string, ChartText> = {
  golden_cross: {
    name: 'Golden Cross',
    directionRule: 'fixed',
    directions: [1],
    confirmation: 'the first close with SMA50 above SMA200',
    explanation: {
      what: 'The 50-bar simple moving average crosses above the 200-bar one.',
      why: 'The medium-term average overtaking the long-term one marks a shift of the prevailing trend to up; many funds key on it.',
      invalidation: 'SMA50 falling back below SMA200 (a death cross) soon after.',
    },
  },
  death_cross: {
    name: 'Death Cross',
    directionRule: 'fixed',
    directions: [-1],
    confirmation: 'the first close with SMA50 below SMA200',
    explanation: {
      what: 'The 50-bar simple moving average crosses below the 200-bar one.',
      why: 'The medium-term average dropping under the long-term one marks a shift of the prevailing trend to down.',
      invalidation: 'SMA50 rising back above SMA200 (a golden cross) soon after.',
    },
  },
  rsi_oversold: {
    name: 'RSI Oversold Exit',
    directionRule: 'fixed',
    directions: [1],
    confirmation: 'the first close with RSI14 back at or above 30',
    explanation: {
      what: 'RSI(14) climbs back to 30 or above after being below it.',
      why: 'Leaving the oversold zone, rather than entering it, shows the selling impulse has actually turned.',
      invalidation: 'RSI falling back below 30 with a new price low.',
    },
  },
  rsi_overbought: {
    name: 'RSI Overbought Exit',
    directionRule: 'fixed',
    directions: [-1],
    confirmation: 'the first close with RSI14 back at or below 70',
    explanation: {
      what: 'RSI(14) drops back to 70 or below after being above it.',
      why: 'Leaving the overbought zone shows the buying impulse has faded after an extended run.',
      invalidation: 'RSI rising back above 70 with a new price high.',
    },
  },
  macd_bull_cross: {
    name: 'MACD Bullish Cross',
    directionRule: 'fixed',
    directions: [1],
    confirmation: 'the first close with MACD above its signal line',
    explanation: {
      what: 'The MACD line (EMA12 - EMA26) crosses above its 9-bar signal line.',
      why: 'Short-term momentum turning up relative to its own average often leads the price trend.',
      invalidation: 'MACD crossing back below the signal line within a few bars.',
    },
  },
  macd_bear_cross: {
    name: 'MACD Bearish Cross',
    directionRule: 'fixed',
    directions: [-1],
    confirmation: 'the first close with MACD below its signal line',
    explanation: {
      what: 'The MACD line (EMA12 - EMA26) crosses below its 9-bar signal line.',
      why: 'Short-term momentum turning down relative to its own average often leads the price trend.',
      invalidation: 'MACD crossing back above the signal line within a few bars.',
    },
  },
  bb_breakout_up: {
    name: 'Bollinger Breakout Up',
    directionRule: 'fixed',
    directions: [1],
    confirmation: 'the first close above the upper band',
    explanation: {
      what: 'A close above the upper Bollinger Band (SMA20 + 2 standard deviations).',
      why: 'A close two deviations above the mean signals a volatility expansion that often starts a directional move.',
      invalidation: 'A close back below the middle band.',
    },
  },
  bb_breakout_down: {
    name: 'Bollinger Breakout Down',
    directionRule: 'fixed',
    directions: [-1],
    confirmation: 'the first close below the lower band',
    explanation: {
      what: 'A close below the lower Bollinger Band (SMA20 - 2 standard deviations).',
      why: 'A close two deviations below the mean signals a volatility expansion to the downside.',
      invalidation: 'A close back above the middle band.',
    },
  },
  resistance_breakout: {
    name: 'Resistance Breakout',
    directionRule: 'fixed',
    directions: [1],
    confirmation: 'the first close more than 0.25 ATR above a level of two or more pivot highs',
    explanation: {
      what: 'A close clearly above a price level where at least two recent swing highs turned back.',
      why: 'Sellers who capped the level have been absorbed; shorts above it and breakout buyers add fuel.',
      invalidation: 'A close back below the broken level.',
    },
  },
  support_breakdown: {
    name: 'Support Breakdown',
    directionRule: 'fixed',
    directions: [-1],
    confirmation: 'the first close more than 0.25 ATR below a level of two or more pivot lows',
    explanation: {
      what: 'A close clearly below a price level where at least two recent swing lows held.',
      why: 'Buyers who defended the level are exhausted; stops below it add to the selling.',
      invalidation: 'A close back above the broken level.',
    },
  },
  double_top: {
    name: 'Double Top',
    directionRule: 'fixed',
    directions: [-1],
    confirmation:
      'the first close below the neckline (the low between the peaks), at least 5 bars after the second peak',
    explanation: {
      what: 'Two peaks at about the same height, 10 to 60 bars apart, followed by a close below the trough between them.',
      why: 'The market fails twice at the same high, and the break of the trough completes a shift from higher highs to lower lows.',
      invalidation: 'A close above the higher of the two peaks.',
    },
  },
  double_bottom: {
    name: 'Double Bottom',
    directionRule: 'fixed',
    directions: [1],
    confirmation:
      'the first close above the neckline (the high between the troughs), at least 5 bars after the second trough',
    explanation: {
      what: 'Two troughs at about the same depth, 10 to 60 bars apart, followed by a close above the peak between them.',
      why: 'Sellers fail twice at the same low, and the break of the middle peak completes a shift to higher highs.',
      invalidation: 'A close below the lower of the two troughs.',
    },
  },
  head_shoulders: {
    name: 'Head and Shoulders',
    directionRule: 'fixed',
    directions: [-1],
    confirmation:
      'the first close below the neckline through the two troughs, at least 5 bars after the right shoulder',
    explanation: {
      what: 'Three swing highs with the middle one (the head) highest and the shoulders about level, then a close below the line joining the troughs.',
      why: 'The right shoulder is a failed attempt to reach the head: momentum has rolled over, and the neckline break confirms lower lows.',
      invalidation: 'A close above the right shoulder, or any high above the head.',
    },
  },
  inverse_head_shoulders: {
    name: 'Inverse Head and Shoulders',
    directionRule: 'fixed',
    directions: [1],
    confirmation: 'the first close above the neckline through the two peaks, at least 5 bars after the right shoulder',
    explanation: {
      what: 'Three swing lows with the middle one (the head) lowest and the shoulders about level, then a close above the line joining the peaks.',
      why: 'The right shoulder holds above the head: selling has weakened, and the neckline break confirms higher highs.',
      invalidation: 'A close below the right shoulder, or any low below the head.',
    },
  },
  triangle_ascending: {
    name: 'Ascending Triangle',
    directionRule: 'fixed',
    directions: [1],
    confirmation: 'the first close more than 0.25 ATR above the flat upper line',
    explanation: {
      what: 'Flat swing highs and rising swing lows converging for at least 15 bars, then a close above the flat top.',
      why: 'Buyers step in at ever higher prices against a fixed supply; once that supply is absorbed price tends to move away fast.',
      invalidation: 'A close back inside the triangle, below the upper line.',
    },
  },
  triangle_descending: {
    name: 'Descending Triangle',
    directionRule: 'fixed',
    directions: [-1],
    confirmation: 'the first close more than 0.25 ATR below the flat lower line',
    explanation: {
      what: 'Falling swing highs and flat swing lows converging for at least 15 bars, then a close below the flat floor.',
      why: 'Sellers accept ever lower prices against fixed demand; when the floor gives way, the waiting stops trigger.',
      invalidation: 'A close back inside the triangle, above the lower line.',
    },
  },
  triangle_symmetrical: {
    name: 'Symmetrical Triangle',
    directionRule: 'sign',
    directions: [1, -1],
    confirmation: 'the first close more than 0.25 ATR outside either line (the side gives the direction)',
    explanation: {
      what: 'Falling swing highs and rising swing lows converging for at least 15 bars, then a close outside either line.',
      why: 'A contraction of range shows balance between buyers and sellers; the breakout side shows who won.',
      invalidation: 'A close back inside the triangle.',
    },
  },
  bull_flag: {
    name: 'Bull Flag',
    directionRule: 'fixed',
    directions: [1],
    confirmation: 'the first close above every high since the top of the pole',
    explanation: {
      what: 'A sharp advance of at least 3 ATR (the pole), a 5-15 bar drift sideways or down that keeps half the gain (the flag), then a breakout above the flag.',
      why: 'The shallow pause shows holders are not selling into the gain; the breakout resumes the impulse.',
      invalidation: "A close below the flag's low.",
    },
  },
  bear_flag: {
    name: 'Bear Flag',
    directionRule: 'fixed',
    directions: [-1],
    confirmation: 'the first close below every low since the bottom of the pole',
    explanation: {
      what: 'A sharp decline of at least 3 ATR (the pole), a 5-15 bar drift sideways or up that keeps half the loss (the flag), then a breakdown below the flag.',
      why: 'The weak rebound shows buyers cannot reclaim the drop; the breakdown resumes the impulse.',
      invalidation: "A close above the flag's high.",
    },
  },
};

export const CHART_PATTERNS: readonly PatternInfo[] = CHART_RULES.map((rule) => ({
  id: rule.id,
  family: rule.family,
  category: null,
  priority: false,
  lookback: rule.lookback,
  source: rule.id,
  ...TEXTS[rule.id],
}));
