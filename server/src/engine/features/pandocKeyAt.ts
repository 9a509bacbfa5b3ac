/**
 * Where a Pandoc citation key is being typed: after `[@`, `[-@`, `; @` or `[see @` — with or
 * without the key's first characters, before or after the bracket is closed. The key is found in
 * the text rather than in the parse, because `[@` and `[@]` are no citation yet.
 *
 * Example: in `见[see @la|]` (cursor at `|`), the key being typed spans 7–9 (`la`); in `见[@|]`
 * it is empty at 3. Not inside a code span, nor inside a `[[…]]` citation (the caller checks
 * that one), nor after `\[`; in the text (`as @la`) no completion is offered, as every `@` would
 * pop a list.
 */
import { codeSpans } from '../drafts/codeSpans.js';
import { lineEndOf } from '../drafts/citation.js';

const KEY_CHAR = /^[\p{L}\p{N}_:.#$%&\-+?<>~/]$/u;

export function pandocKeyAt(text: string, offset: number): { start: number; end: number } | undefined {
  let start = offset;
  while (start > 0 && KEY_CHAR.test(text[start - 1]!)) start--;
  if (text[start - 1] !== '@') return undefined;
  const lineStart = Math.max(text.lastIndexOf('\n', start - 1), text.lastIndexOf('\r', start - 1)) + 1;
  if (!inBracket(text, lineStart, start - 1)) return undefined;
  const lineEnd = lineEndOf(text, offset);
  if (codeSpans(text, lineStart, lineEnd).some(([s, e]) => s < offset && offset < e)) return undefined;
  let end = offset;
  while (end < lineEnd && KEY_CHAR.test(text[end]!)) end++;
  return { start, end };
}

/** Whether the `@` at `at` opens a key inside a `[…` of one bracket: right after `[`, `[-`, `;`, or after a prefix. */
function inBracket(text: string, lineStart: number, at: number): boolean {
  let b = at - 1;
  if (text[b] === '-') b--;
  if (b >= lineStart && /\p{L}|\p{N}/u.test(text[b]!)) return false;
  const open = text.lastIndexOf('[', b);
  if (open < lineStart || text.lastIndexOf(']', b) > open) return false;
  if (text[open - 1] === '[' || text[open + 1] === '[' || text[open - 1] === '\\') return false;
  return true;
}
