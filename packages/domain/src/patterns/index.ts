export { CHART_RULES, countChartPatterns, detectChartPatterns, REFRACTORY_BARS } from './detect';
export {
  availableEnd,
  findPivots,
  firstPivotFrom,
  linePoint,
  PIVOT_HORIZON,
  PIVOT_SPAN,
  type PivotSide,
  type Pivots,
} from './pivots';
export type { ChartDetection, ChartRule, Direction, Hit, PatternInput } from './types';
