/**
 * Reads a plain-text source into paragraphs. A paragraph is a run of non-blank lines; a file
 * with no blank line at all (web text saved one paragraph per line) is read one paragraph per line.
 *
 * Example: "a\nb\n\nc" → two paragraphs ("a\nb", "c"); "a\nb\nc" → three.
 */
import { splitLines } from '../text/positions.js';
import type { RawBlock } from './markdownBlocks.js';

export function textBlocks(text: string): RawBlock[] {
  const lines = splitLines(text);
  const blank = lines.map((l) => l.trim() === '');
  const hasBlankSeparator = blank.some((b, i) => b && i > 0 && i < lines.length - 1 && !blank[i - 1]);
  const blocks: RawBlock[] = [];
  let start = -1;
  const flush = (end: number) => {
    if (start < 0) return;
    const text = lines
      .slice(start, end)
      .map((l) => l.trim())
      .join('\n');
    blocks.push({ kind: 'paragraph', startLine: start, endLine: end, text });
    start = -1;
  };
  for (let i = 0; i < lines.length; i++) {
    if (blank[i]) flush(i);
    else {
      if (start >= 0 && !hasBlankSeparator) flush(i);
      if (start < 0) start = i;
    }
  }
  flush(lines.length);
  return blocks;
}
