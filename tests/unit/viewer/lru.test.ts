import { describe, expect, it } from 'vitest';
import { ByteLruCache } from '../../../src-renderer/viewer/cache/lru';

describe('ByteLruCache', () => {
  it('evicts the least recently used entries when over the byte budget', () => {
    const evicted: string[] = [];
    const cache = new ByteLruCache<number>(100, (key) => evicted.push(key));
    cache.set('a', 1, 40);
    cache.set('b', 2, 40);
    expect(cache.get('a')).toBe(1); // a is now the most recent
    cache.set('c', 3, 40);
    expect(evicted).toEqual(['b']);
    expect(cache.keys()).toEqual(['a', 'c']);
    expect(cache.stats().bytes).toBe(80);
  });

  it('replacing an entry updates the byte count', () => {
    const cache = new ByteLruCache<string>(100);
    cache.set('a', 'x', 60);
    cache.set('a', 'y', 10);
    expect(cache.stats().bytes).toBe(10);
    expect(cache.get('a')).toBe('y');
  });

  it('refuses an entry bigger than the whole budget without evicting others', () => {
    const cache = new ByteLruCache<number>(50);
    cache.set('a', 1, 30);
    expect(cache.set('huge', 2, 51)).toBe(false);
    expect(cache.keys()).toEqual(['a']);
  });

  it('shrinking the budget evicts oldest first; has() does not change recency', () => {
    const cache = new ByteLruCache<number>(100);
    cache.set('a', 1, 30);
    cache.set('b', 2, 30);
    cache.set('c', 3, 30);
    expect(cache.has('a')).toBe(true);
    cache.setBudget(60);
    expect(cache.keys()).toEqual(['b', 'c']);
    expect(cache.stats().evictions).toBe(1);
  });

  it('counts hits and misses and rejects invalid sizes', () => {
    const cache = new ByteLruCache<number>(10);
    cache.get('none');
    cache.set('a', 1, 1);
    cache.get('a');
    expect(cache.stats()).toMatchObject({ hits: 1, misses: 1 });
    expect(() => cache.set('b', 2, Number.NaN)).toThrow(RangeError);
    expect(() => new ByteLruCache(-1)).toThrow(RangeError);
  });

  it('peek() reads without touching recency or the hit counts (the viewport reads the cache while rendering)', () => {
    const evicted: string[] = [];
    const cache = new ByteLruCache<number>(100, (key) => evicted.push(key));
    cache.set('a', 1, 40);
    cache.set('b', 2, 40);
    expect(cache.peek('a')).toBe(1);
    expect(cache.peek('missing')).toBeUndefined();
    expect(cache.stats()).toMatchObject({ hits: 0, misses: 0 });
    cache.set('c', 3, 40); // a is still the oldest
    expect(evicted).toEqual(['a']);
  });
});
