import type { CandleCategory, PatternInfo } from './types';

type Dir = '+' | '-' | '±' | 'ctx';
type Row = [fn: string, name: string, lb: number, dir: Dir, cat: CandleCategory, priority: boolean, candles: number];
type Text = [what: string, why: string, invalidation: string];

/** Spec §3.3 columns for the 61 TA-Lib functions, with the number of candles in each pattern. */
const ROWS: [Row, Text][] = [
  [
    ['CDL2CROWS', 'Two Crows', 12, '-', 'R', false, 3],
    [
      'After a long white candle, a black candle gaps up, then a second black opens inside it and closes inside the white body.',
      'The gap up fails twice and the second crow erases much of the white advance: buyers are losing control at the top.',
      'A close back above the high of the two crows.',
    ],
  ],
  [
    ['CDL3BLACKCROWS', 'Three Black Crows', 13, '-', 'R', true, 4],
    [
      'Three long black candles after a white one, each opening inside the prior body and closing near its low at a lower close.',
      'Three sessions of steady selling that close near the lows show distribution rather than a single bad day.',
      "A close above the first crow's open.",
    ],
  ],
  [
    ['CDL3INSIDE', 'Three Inside Up/Down', 12, '±', 'R', false, 3],
    [
      "A harami (a small body inside a long one) followed by a candle closing beyond the long candle's open.",
      'The third candle confirms that the contraction inside the long body turned into a move against it.',
      'A close back beyond the extreme of the first, long candle.',
    ],
  ],
  [
    ['CDL3LINESTRIKE', 'Three-Line Strike', 8, '±', 'C', false, 4],
    [
      "Three candles of one colour stepping in one direction, then a fourth that opens beyond the third and closes past the first's open.",
      'The strike wipes out three bars of progress in one session; TA-Lib reads it as a pause that shakes out late traders before the trend resumes.',
      "Price continuing in the strike's direction beyond its close instead of resuming the three-bar trend.",
    ],
  ],
  [
    ['CDL3OUTSIDE', 'Three Outside Up/Down', 3, '±', 'R', false, 3],
    [
      'An engulfing pattern followed by a third candle that closes further in the engulfing direction.',
      'The follow-through candle turns a one-bar engulfing signal into two sessions of control by the new side.',
      "A close back beyond the engulfed (first) candle's extreme.",
    ],
  ],
  [
    ['CDL3STARSINSOUTH', 'Three Stars In The South', 12, '+', 'R', false, 3],
    [
      'Three shrinking black candles: a long one with a long lower shadow, a smaller one inside its range, and a small black marubozu inside the second.',
      'Each sell-off is smaller and holds above the prior low, so selling pressure is drying up.',
      'A close below the low of the first candle.',
    ],
  ],
  [
    ['CDL3WHITESOLDIERS', 'Three Advancing White Soldiers', 12, '+', 'R', true, 3],
    [
      'Three long white candles with higher closes, each opening within or near the prior body and closing near its high.',
      'Buyers push the close higher three sessions running and hold it near the highs: a strong change of hands after a decline.',
      "A close below the first soldier's open.",
    ],
  ],
  [
    ['CDLABANDONEDBABY', 'Abandoned Baby', 12, '±', 'R', false, 3],
    [
      'A long candle, a doji that gaps away with its shadows clear of both neighbours, and an opposite candle gapping back into the first body.',
      'The isolated doji marks the exhaustion point; the gap back leaves traders of the first move trapped.',
      "A close back beyond the doji's extreme (filling the second gap).",
    ],
  ],
  [
    ['CDLADVANCEBLOCK', 'Advance Block', 12, '-', 'R', false, 3],
    [
      'Three white candles with higher closes but shrinking bodies or lengthening upper shadows.',
      'The advance continues on ever weaker effort; sellers are meeting each push higher.',
      "A strong close above the third candle's high with a long body.",
    ],
  ],
  [
    ['CDLBELTHOLD', 'Belt-hold', 10, '±', 'R', false, 1],
    [
      'A long candle opening at its extreme (no shadow on the opening side) and running the other way all session.',
      'One side took control from the opening print and never gave it back.',
      "A close beyond the candle's open.",
    ],
  ],
  [
    ['CDLBREAKAWAY', 'Breakaway', 14, '±', 'R', false, 5],
    [
      'A long candle, a gap in its direction, two more candles extending the move, then a long opposite candle closing inside the gap.',
      "The trend accelerates into a gap and then stalls; the last candle takes back the late-comers' gains.",
      'A close beyond the extreme reached by candles two to four.',
    ],
  ],
  [
    ['CDLCLOSINGMARUBOZU', 'Closing Marubozu', 10, '±', 'C', false, 1],
    [
      'A long candle with no or a very short shadow at its closing end.',
      'Closing at the extreme shows the winning side was still pressing at the bell.',
      "A close beyond the candle's midpoint in the opposite direction.",
    ],
  ],
  [
    ['CDLCONCEALBABYSWALL', 'Concealing Baby Swallow', 13, '+', 'R', false, 4],
    [
      'Two black marubozu, a black candle gapping down whose upper shadow reaches into the prior body, then a black candle engulfing it.',
      'Despite four black candles the last two fail to extend the low much; selling is exhausting itself.',
      'A close below the low of the fourth candle.',
    ],
  ],
  [
    ['CDLCOUNTERATTACK', 'Counterattack', 11, '±', 'R', false, 2],
    [
      'A long candle followed by an opposite long candle that opens far beyond and closes at the same close.',
      'The second side erases an opening gap entirely, stopping the move at the prior close.',
      "A close beyond the second candle's open.",
    ],
  ],
  [
    ['CDLDARKCLOUDCOVER', 'Dark Cloud Cover', 11, '-', 'R', true, 2],
    [
      'A long white candle, then a black candle opening above its high and closing more than halfway into its body but above its open.',
      'A higher open is sold hard; more than half of the prior advance is given back in one session.',
      "A close above the black candle's open (the gap-up high).",
    ],
  ],
  [
    ['CDLDOJI', 'Doji', 10, 'ctx', 'N', true, 1],
    [
      'A candle whose open and close are nearly equal (body at most 10% of the average range).',
      'Neither side won the session: after a trend that indecision often precedes a pause or reversal.',
      "A close beyond the doji's extreme in the direction of the prior trend.",
    ],
  ],
  [
    ['CDLDOJISTAR', 'Doji Star', 11, '±', 'R', false, 2],
    [
      'A long candle followed by a doji whose body gaps in the direction of the long candle.',
      'The trend gaps on but immediately stalls into indecision.',
      'A close beyond the doji in the direction of the long candle.',
    ],
  ],
  [
    ['CDLDRAGONFLYDOJI', 'Dragonfly Doji', 10, '+', 'R', true, 1],
    [
      'A doji with open and close at the high and a long lower shadow.',
      'Sellers drove price down during the session and buyers brought it all the way back to the top.',
      "A close below the doji's low.",
    ],
  ],
  [
    ['CDLENGULFING', 'Engulfing', 2, '±', 'R', true, 2],
    [
      'A candle whose real body engulfs the opposite-coloured body before it (reported at 80 when one end of the bodies is equal).',
      'The new side overwhelms the previous session completely, a shift of control in one bar.',
      'A close beyond the far end of the engulfing body.',
    ],
  ],
  [
    ['CDLEVENINGDOJISTAR', 'Evening Doji Star', 12, '-', 'R', false, 3],
    [
      'A long white candle, a doji gapping up, then a black candle closing at least 30% into the white body.',
      'The rally gaps into indecision and the next session reverses deep into the prior gain.',
      "A close above the doji's high.",
    ],
  ],
  [
    ['CDLEVENINGSTAR', 'Evening Star', 12, '-', 'R', true, 3],
    [
      'A long white candle, a small body gapping up, then a black candle closing at least 30% into the white body.',
      'Momentum stalls at the top (the star) and sellers take back a large part of the advance.',
      "A close above the star's high.",
    ],
  ],
  [
    ['CDLGAPSIDESIDEWHITE', 'Up/Down-gap Side-by-side White Lines', 7, '±', 'C', false, 3],
    [
      'A gap, then two white candles of similar size with about equal opens, the gap left open.',
      'Price holds beyond the gap for two sessions: the gap is accepted and the trend tends to continue.',
      'A close that fills the gap.',
    ],
  ],
  [
    ['CDLGRAVESTONEDOJI', 'Gravestone Doji', 10, '-', 'R', true, 1],
    [
      'A doji with open and close at the low and a long upper shadow (TA-Lib returns +100; TX reads it as bearish).',
      'Buyers pushed price up during the session and sellers drove it all the way back to the open.',
      "A close above the doji's high.",
    ],
  ],
  [
    ['CDLHAMMER', 'Hammer', 11, '+', 'R', true, 1],
    [
      'A small body at the top of the range with a lower shadow longer than the body, at or below the prior low.',
      'A sell-off to new lows was rejected within the session, a sign that demand has appeared.',
      "A close below the hammer's low.",
    ],
  ],
  [
    ['CDLHANGINGMAN', 'Hanging Man', 11, '-', 'R', true, 1],
    [
      'The hammer shape (small body on top, long lower shadow) appearing at or above the prior high.',
      'After an advance, the deep intrabar sell-off shows supply is present even though the close recovered.',
      "A close above the hanging man's high.",
    ],
  ],
  [
    ['CDLHARAMI', 'Harami', 11, '±', 'R', true, 2],
    [
      'A long candle followed by a small body contained within its body (80 when one end is equal).',
      "The trend's momentum contracts sharply: the second session cannot even reach the first one's body ends.",
      "A close beyond the long candle's extreme in its own direction.",
    ],
  ],
  [
    ['CDLHARAMICROSS', 'Harami Cross', 11, '±', 'R', false, 2],
    [
      'A harami whose second candle is a doji (80 when one body end is equal).',
      'Contraction plus indecision inside a long candle: a stronger stall than an ordinary harami.',
      "A close beyond the long candle's extreme in its own direction.",
    ],
  ],
  [
    ['CDLHIGHWAVE', 'High-Wave Candle', 10, 'ctx', 'N', false, 1],
    [
      'A short body with very long upper and lower shadows.',
      'Wide swings both ways with no net progress show a market that has lost its direction.',
      "A close beyond the candle's extreme in the direction of the prior trend.",
    ],
  ],
  [
    ['CDLHIKKAKE', 'Hikkake', 5, '±', 'R/C', false, 3],
    [
      'An inside bar followed by a false breakout of its range; confirmed (±200) when price closes beyond the inside bar the other way within three bars.',
      'Traders who bought or sold the breakout are trapped, and their exits fuel the move the other way.',
      "A close back beyond the false-breakout bar's extreme.",
    ],
  ],
  [
    ['CDLHIKKAKEMOD', 'Modified Hikkake', 10, '±', 'R', false, 4],
    [
      'A Hikkake preceded by a narrowing candle that closed near its extreme; confirmed (±200) as the Hikkake is.',
      'The preceding close near the extreme positions the trap at a likely turning point, a stronger reversal setup.',
      "A close back beyond the false-breakout bar's extreme.",
    ],
  ],
  [
    ['CDLHOMINGPIGEON', 'Homing Pigeon', 11, '+', 'R', false, 2],
    [
      'A long black candle followed by a short black body inside it.',
      'Sellers still win the second session but with far less range: the decline is losing force.',
      "A close below the first candle's low.",
    ],
  ],
  [
    ['CDLIDENTICAL3CROWS', 'Identical Three Crows', 12, '-', 'R', false, 3],
    [
      'Three declining black candles, each opening at or near the previous close.',
      'No relief at any open: sellers pick up exactly where they left off, a sign of capitulating longs.',
      "A close above the first crow's open.",
    ],
  ],
  [
    ['CDLINNECK', 'In-Neck', 11, '-', 'C', false, 2],
    [
      'A long black candle, then a white candle opening below its low and closing just inside its body.',
      'The rebound barely gets back to the prior close: a weak bounce within a downtrend.',
      "A close above the black candle's open.",
    ],
  ],
  [
    ['CDLINVERTEDHAMMER', 'Inverted Hammer', 11, '+', 'R', true, 2],
    [
      'After a gap down, a small body with a long upper shadow and almost no lower shadow.',
      'Buyers test higher for the first time in the decline; sellers close it down, but they are no longer unopposed.',
      "A close below the inverted hammer's low.",
    ],
  ],
  [
    ['CDLKICKING', 'Kicking', 11, '±', 'R', false, 2],
    [
      'A marubozu followed by an opposite marubozu gapping away from it.',
      'An abrupt, complete change of sentiment between two sessions, shown by the gap and the full bodies.',
      'A close that fills the gap between the two candles.',
    ],
  ],
  [
    ['CDLKICKINGBYLENGTH', 'Kicking by length', 11, '±', 'R', false, 2],
    [
      'A Kicking pattern whose direction is given by the longer of the two marubozu.',
      'The longer marubozu shows which side committed more in the sentiment change.',
      'A close that fills the gap between the two candles.',
    ],
  ],
  [
    ['CDLLADDERBOTTOM', 'Ladder Bottom', 14, '+', 'R', false, 5],
    [
      'Three declining black candles, a fourth black with an upper shadow, then a white candle opening above the fourth body and closing above its high.',
      'The upper shadow of the fourth candle is the first buying; the fifth turns it into a decisive reversal.',
      'A close below the low of the fourth candle.',
    ],
  ],
  [
    ['CDLLONGLEGGEDDOJI', 'Long Legged Doji', 10, 'ctx', 'N', false, 1],
    [
      'A doji with one or two long shadows.',
      'A wide session that ends where it began shows balance after a struggle, often at trend turns.',
      "A close beyond the doji's extreme in the direction of the prior trend.",
    ],
  ],
  [
    ['CDLLONGLINE', 'Long Line Candle', 10, '±', 'C', false, 1],
    [
      'A candle with a long body and short shadows.',
      'One side dominated the session from open to close.',
      "A close beyond the candle's open.",
    ],
  ],
  [
    ['CDLMARUBOZU', 'Marubozu', 10, '±', 'C', true, 1],
    [
      'A long body with very short or no shadows.',
      'Open at one extreme and close at the other: complete control by one side all session.',
      "A close beyond the marubozu's open.",
    ],
  ],
  [
    ['CDLMATCHINGLOW', 'Matching Low', 6, '+', 'R', false, 2],
    [
      'Two black candles closing at (almost) the same price.',
      'Sellers fail to push the close lower twice: the matched close acts as short-term support.',
      'A close below the matched closing level.',
    ],
  ],
  [
    ['CDLMATHOLD', 'Mat Hold', 14, '+', 'C', false, 5],
    [
      'A long white candle, a gap up, three small reaction candles holding within half of it, then a white candle breaking out.',
      'The pullback is shallow and orderly; buyers resume the trend as soon as it ends.',
      'A close below the low of the reaction candles.',
    ],
  ],
  [
    ['CDLMORNINGDOJISTAR', 'Morning Doji Star', 12, '+', 'R', false, 3],
    [
      'A long black candle, a doji gapping down, then a white candle closing at least 30% into the black body.',
      'The decline gaps into indecision and the next session reclaims a large part of the loss.',
      "A close below the doji's low.",
    ],
  ],
  [
    ['CDLMORNINGSTAR', 'Morning Star', 12, '+', 'R', true, 3],
    [
      'A long black candle, a small body gapping down, then a white candle closing at least 30% into the black body.',
      'Selling stalls at the bottom (the star) and buyers take back a large part of the decline.',
      "A close below the star's low.",
    ],
  ],
  [
    ['CDLONNECK', 'On-Neck', 11, '-', 'C', false, 2],
    [
      'A long black candle, then a white candle opening below its low and closing at that low.',
      'The rebound only reaches the prior low, which now acts as resistance: the downtrend is intact.',
      "A close above the black candle's midpoint.",
    ],
  ],
  [
    ['CDLPIERCING', 'Piercing Pattern', 11, '+', 'R', true, 2],
    [
      'A long black candle, then a long white candle opening below its low and closing above its body midpoint.',
      'A lower open is bought hard and more than half of the prior decline is recovered in one session.',
      "A close below the white candle's open (the gap-down low).",
    ],
  ],
  [
    ['CDLRICKSHAWMAN', 'Rickshaw Man', 10, 'ctx', 'N', false, 1],
    [
      'A long-legged doji whose body sits near the middle of its range.',
      'Perfectly balanced indecision after a wide session: the prior trend has lost its edge.',
      "A close beyond the candle's extreme in the direction of the prior trend.",
    ],
  ],
  [
    ['CDLRISEFALL3METHODS', 'Rising/Falling Three Methods', 14, '±', 'C', false, 5],
    [
      'A long candle, three small counter-trend candles inside its range, then a long candle closing beyond the first close.',
      'The counter-move is contained inside the first candle and then overrun: a rest, not a reversal.',
      "A close beyond the first candle's open (the far end of the consolidation).",
    ],
  ],
  [
    ['CDLSEPARATINGLINES', 'Separating Lines', 11, '±', 'C', false, 2],
    [
      'A candle against the trend followed by a belt hold in the trend direction opening at the same open.',
      'The trend side resets price to the prior open and drives away from it, ignoring the counter move.',
      'A close beyond the shared open.',
    ],
  ],
  [
    ['CDLSHOOTINGSTAR', 'Shooting Star', 11, '-', 'R', true, 2],
    [
      'After a gap up, a small body near the low with a long upper shadow and almost no lower shadow.',
      'A push to new highs is rejected within the session, a sign that supply has appeared.',
      "A close above the shooting star's high.",
    ],
  ],
  [
    ['CDLSHORTLINE', 'Short Line Candle', 10, 'ctx', 'N', false, 1],
    [
      'A candle with a short body and short shadows.',
      'A narrow, quiet session: momentum has faded, which after a trend often precedes a turn.',
      "A close beyond the candle's extreme in the direction of the prior trend.",
    ],
  ],
  [
    ['CDLSPINNINGTOP', 'Spinning Top', 10, 'ctx', 'N', true, 1],
    [
      'A short body with upper and lower shadows both longer than the body.',
      'Both sides pushed and neither held: after a trend this indecision warns of exhaustion.',
      "A close beyond the candle's extreme in the direction of the prior trend.",
    ],
  ],
  [
    ['CDLSTALLEDPATTERN', 'Stalled Pattern', 12, '-', 'R', false, 3],
    [
      'Two long white candles, then a small white candle opening near the second\'s close ("riding its shoulder").',
      'The third advance makes little progress: buying power is fading at the top.',
      "A strong close above the third candle's high.",
    ],
  ],
  [
    ['CDLSTICKSANDWICH', 'Stick Sandwich', 7, '+', 'R', false, 3],
    [
      'A black candle, a white candle trading above its close, and a black candle closing at the first close.',
      'Two closes at the same level mark support that sellers could not break.',
      'A close below the shared closing level.',
    ],
  ],
  [
    ['CDLTAKURI', 'Takuri', 10, '+', 'R', false, 1],
    [
      'A doji with a very short upper shadow and a very long lower shadow (a dragonfly with an extreme tail).',
      'A deep intrabar sell-off is fully rejected, a forceful sign of demand.',
      "A close below the takuri's low.",
    ],
  ],
  [
    ['CDLTASUKIGAP', 'Tasuki Gap', 7, '±', 'C', false, 3],
    [
      "A gap, a candle in the gap's direction, then an opposite candle closing inside the gap without filling it.",
      'The counter move cannot close the gap, so the gap holds as support or resistance and the trend continues.',
      'A close that fills the gap completely.',
    ],
  ],
  [
    ['CDLTHRUSTING', 'Thrusting', 11, '-', 'C', false, 2],
    [
      'A long black candle, then a white candle opening below its low and closing into its body but below the midpoint.',
      'The rebound is stronger than an in-neck but still fails to recover half the decline: sellers keep control.',
      "A close above the black candle's midpoint.",
    ],
  ],
  [
    ['CDLTRISTAR', 'Tristar', 12, '±', 'R', false, 3],
    [
      'Three dojis in a row, the middle one gapping away from the other two.',
      'Three sessions of indecision with an exhausted gap in the middle: the prior move has stalled.',
      "A close beyond the middle doji's extreme.",
    ],
  ],
  [
    ['CDLUNIQUE3RIVER', 'Unique 3 River', 12, '+', 'R', false, 3],
    [
      'A long black candle, a black harami making a lower low, then a small white candle closing above that low.',
      'The new low is rejected and the next session holds above it: the decline is losing steam.',
      "A close below the second candle's low.",
    ],
  ],
  [
    ['CDLUPSIDEGAP2CROWS', 'Upside Gap Two Crows', 12, '-', 'R', false, 3],
    [
      'A white candle, a small black gapping up, then a black engulfing it but closing above the white close.',
      'Two failed sessions above the gap show buyers cannot hold the new highs.',
      'A close above the high of the two crows.',
    ],
  ],
  [
    ['CDLXSIDEGAP3METHODS', 'Up/Downside Gap Three Methods', 2, '±', 'C', false, 3],
    [
      'Two same-colour candles with a gap between them, then an opposite candle closing into the gap.',
      'The gap is partly filled by profit taking, but the trend that made it is expected to resume.',
      "A close that fills the gap and continues through the first candle's body.",
    ],
  ],
];

const DIRECTIONS = { '+': [1], '-': [-1], '±': [1, -1], ctx: [1, -1] } as const;

function confirmation(fn: string, candles: number): string {
  if (fn.startsWith('CDLHIKKAKE')) return 'the close beyond the inside bar within 3 bars of the pattern (the ±200 bar)';
  return candles === 1 ? 'the close of the candle itself' : `the close of the last of its ${candles} candles`;
}

export const CANDLE_PATTERNS: readonly PatternInfo[] = ROWS.map(
  ([[fn, name, lookback, dir, category, priority, candles], [what, why, invalidation]]) => ({
    id: `cdl_${fn.slice(3).toLowerCase()}`,
    name,
    family: 'candlestick',
    directions: DIRECTIONS[dir],
    directionRule: dir === 'ctx' ? 'context' : dir === '±' ? 'sign' : 'fixed',
    category,
    priority,
    lookback,
    source: fn,
    confirmation: confirmation(fn, candles),
    explanation: { what, why, invalidation },
  }),
);

export const TWEEZER_PATTERNS: readonly PatternInfo[] = [
  {
    id: 'tx_tweezer_bottom',
    name: 'Tweezer Bottom',
    family: 'candlestick',
    directions: [1],
    directionRule: 'fixed',
    category: 'R',
    priority: true,
    lookback: 10,
    source: 'TX_TWEEZER_BOTTOM',
    confirmation: 'the close of the white second candle',
    explanation: {
      what: 'A black candle then a white candle with (almost) equal lows, the pair at a 10-bar low.',
      why: 'The same low is defended twice in a row and the second session closes up: a short-term floor.',
      invalidation: 'A close below the matched lows.',
    },
  },
  {
    id: 'tx_tweezer_top',
    name: 'Tweezer Top',
    family: 'candlestick',
    directions: [-1],
    directionRule: 'fixed',
    category: 'R',
    priority: true,
    lookback: 10,
    source: 'TX_TWEEZER_TOP',
    confirmation: 'the close of the black second candle',
    explanation: {
      what: 'A white candle then a black candle with (almost) equal highs, the pair at a 10-bar high.',
      why: 'The same high turns price back twice in a row and the second session closes down: a short-term ceiling.',
      invalidation: 'A close above the matched highs.',
    },
  },
];
