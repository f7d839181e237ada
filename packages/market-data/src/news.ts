import type { NewsResult } from './api';
import type { NewsItem, ProviderId } from './types';

type Item = NewsResult['items'][number];
const HOUR_MS = 3_600_000;

/**
 * The items of every provider in [from, to], newest first, each story once (domain §13): the same URL, or the same
 * lower-cased headline published within an hour, is one story, and the copy carrying a provider sentiment is kept.
 */
export function mergeNews(answers: { provider: ProviderId; items: NewsItem[] }[], from: number, to: number): Item[] {
  const all: Item[] = [];
  for (const { provider, items } of answers) {
    for (const item of items) {
      const t = Date.parse(item.published_at);
      if (t >= from && t <= to) all.push({ ...item, provider });
    }
  }
  // Scored copies first, so the copy kept for a story is a scored one when there is one.
  all.sort((a, b) => Number(b.provider_sentiment !== undefined) - Number(a.provider_sentiment !== undefined));
  const kept: Item[] = [];
  for (const item of all) {
    const headline = item.headline.toLowerCase();
    const t = Date.parse(item.published_at);
    const same = kept.some(
      (k) =>
        k.url === item.url ||
        (k.headline.toLowerCase() === headline && Math.abs(Date.parse(k.published_at) - t) <= HOUR_MS),
    );
    if (!same) kept.push(item);
  }
  return kept.sort((a, b) => Date.parse(b.published_at) - Date.parse(a.published_at));
}
