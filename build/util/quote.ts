// The one way a value from the user's data or settings is shown in a message (issue 15). A
// message is one terminal line that names file:line first, so a value must not be able to clear
// the screen (ESC), move the cursor back over the prefix (CR), break the line (LF, U+2028),
// reorder what follows it (bidi controls) or hide in plain sight (BOM, zero-width characters).
// Every such character is written as a visible escape, the value is cut to a short length and
// wrapped in JSON-style double quotes, so no more than a short field of any file is ever echoed.

/** Characters a terminal or a reader would not show as themselves. */
const INVISIBLE = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}\p{NChar}\p{Cs}]/gu;

const SHORT: Record<string, string> = { '\b': '\\b', '\t': '\\t', '\n': '\\n', '\f': '\\f', '\r': '\\r' };

/** `text` with every character `quoted` escapes written as its escape (no quotes, no cut). */
export function visible(text: string): string {
  return text.replace(INVISIBLE, (c) => SHORT[c] ?? c.split('').map((u) => `\\u${u.charCodeAt(0).toString(16).padStart(4, '0')}`).join(''));
}

/** Longest value shown, in characters (code points) before escaping. */
export const QUOTE_MAX = 60;

/**
 * `value` in double quotes, `"` and `\` escaped, every control, format (bidi, zero-width, BOM),
 * line-separator, noncharacter and lone-surrogate character escaped as `\r`, `\u001b`…; longer
 * than `max` code points it is cut and ends in `...` (outside the escape, so it is unambiguous).
 */
export function quoted(value: unknown, max = QUOTE_MAX): string {
  const text = typeof value === 'string' ? value : String(value);
  // Only a string longer than `max` UTF-16 units can have more than `max` code points.
  const points = text.length > max ? Array.from(text.slice(0, 2 * max + 2)) : null;
  const cut = points !== null && points.length > max;
  const short = cut ? points.slice(0, Math.max(1, max - 3)).join('') : text;
  const body = visible(short.replace(/[\\"]/g, (c) => `\\${c}`));
  return `"${body}${cut ? '...' : ''}"`;
}
