import type { ParseResult } from './parse';

/**
 * Deepest nesting of arrays and objects accepted from outside (host requests, CLI files, drafts). Our documents
 * nest about 8 deep; a text nested deeper is refused before JSON.parse, which takes tens of seconds and then the
 * schema's recursion can overflow the stack on millions of nested brackets.
 */
export const MAX_JSON_DEPTH = 64;

/** The deepest nesting in a JSON text, stopping as soon as it passes `limit` (one linear scan, strings skipped). */
export function jsonDepthExceeds(text: string, limit: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i += 1; // backslash: the next character is escaped
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) {
      inString = true;
    } else if (c === 0x5b || c === 0x7b) {
      depth += 1;
      if (depth > limit) return true;
    } else if (c === 0x5d || c === 0x7d) {
      depth -= 1;
    }
  }
  return false;
}

/** JSON.parse for untrusted text: bounded nesting, and our words instead of the engine's on failure. */
export function parseJsonText(text: string, maxDepth: number = MAX_JSON_DEPTH): ParseResult<unknown> {
  if (jsonDepthExceeds(text, maxDepth)) {
    return { ok: false, problems: [{ path: '(root)', message: `nested more than ${maxDepth} levels deep; refused` }] };
  }
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch {
    return { ok: false, problems: [{ path: '(root)', message: 'not valid JSON' }] };
  }
}
