export { CHART_RULES, detectChartPatterns, REFRACTORY_BARS } from './detect';
export { availableRange, findPivots, PIVOT_HORIZON, PIVOT_SPAN, type Pivots } from './pivots';
export type { ChartDetection, ChartRule, Direction, Hit, PatternInput } from './types';
