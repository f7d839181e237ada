export { type CandleEvent, patternKey, toDetectionEvents } from './events';
export { contextAt, type DetectionContext, emaSlopeAtr, type Trend, trendAt } from './features';
