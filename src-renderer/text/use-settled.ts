/**
 * A text that follows `value` once it has stopped changing for `pauseMs`: for views too heavy to rebuild on every
 * keystroke (the report preview follows the text being typed this way).
 */
import { useEffect, useState } from 'react';

export function useSettled(value: string, pauseMs: number): string {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    if (value === settled) return;
    const timer = setTimeout(() => setSettled(value), pauseMs);
    return () => clearTimeout(timer);
  }, [value, settled, pauseMs]);
  return settled;
}
