/**
 * What a text field tells the reader about its length limit (the limit itself is the document schema's, e.g.
 * MAX_TEXT in shared/annotation/schema.ts; never a second number here). Pure.
 */
const count = (n: number): string => n.toLocaleString('en-US');

/** Shown from this share of the limit on (and always at the limit). */
export const COUNTER_FROM = 0.9;

/** "18,500 / 20,000 characters", or null while the text is well below the limit. */
export function counterText(length: number, limit: number): string | null {
  if (length < limit * COUNTER_FROM) return null;
  return length >= limit ? `Limit reached: ${count(limit)} characters` : `${count(length)} / ${count(limit)} characters`;
}

/** How much of an insertion fits: `room` UTF-16 units, never ending in half of a surrogate pair. */
export function fitText(text: string, room: number): string {
  if (text.length <= room) return text;
  if (room <= 0) return '';
  const last = text.charCodeAt(room - 1);
  return text.slice(0, last >= 0xd800 && last <= 0xdbff ? room - 1 : room);
}

/** The message when an insertion (paste, drop) was cut to fit: it says how much was left out. */
export function truncatedText(notAdded: number, limit: number): string {
  return `${count(notAdded)} ${notAdded === 1 ? 'character was' : 'characters were'} not added: this field holds at most ${count(limit)} characters.`;
}
