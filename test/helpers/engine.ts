/** Small builders for engine tests: in-memory sources, an index, and text with a cursor mark. */
import { parseSource } from '../../server/src/engine/corpus/parseSource.js';
import type { SourceDoc } from '../../server/src/engine/corpus/sourceDoc.js';
import { CorpusIndex } from '../../server/src/engine/index/corpusIndex.js';
import { LineIndex, type Position } from '../../server/src/engine/text/positions.js';

/** Joins lines with `\n`, so a test's Markdown reads like the file it stands for. */
export function lines(...l: string[]): string {
  return l.join('\n');
}

export function source(name: string, text: string): SourceDoc {
  return parseSource(`file:///w/corpus/${name}`, text);
}

export function indexOf(...docs: SourceDoc[]): CorpusIndex {
  const index = new CorpusIndex();
  for (const d of docs) index.set(d);
  return index;
}

export const CURSOR = '$0';

/** Removes the `$0` mark from `text` and returns where it was. */
export function withCursor(text: string): { text: string; position: Position; offset: number } {
  const offset = text.indexOf(CURSOR);
  if (offset < 0) throw new Error('test text has no $0 cursor mark');
  const clean = text.slice(0, offset) + text.slice(offset + CURSOR.length);
  return { text: clean, position: new LineIndex(clean).positionAt(offset), offset };
}
