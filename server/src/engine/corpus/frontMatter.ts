/**
 * YAML front matter at the very top of a Markdown file, between two `---` lines.
 *
 * Example: for `---\nid: "002"\n---\n# Title`, `bodyStartLine` is 3 and `data.id` is "002".
 * A file whose front matter does not parse keeps `bodyStartLine` after the closing `---` and
 * reports the YAML error with its line, so the text below is still indexed.
 */
import { parseDocument } from 'yaml';

export interface FrontMatter {
  /** The parsed mapping, or an empty object when absent or invalid. */
  data: Record<string, unknown>;
  /** First line of the Markdown body (0 when there is no front matter). */
  bodyStartLine: number;
  /** Offset of the body in the whole text. */
  bodyStartOffset: number;
  /** Problems found, with 0-based lines in the whole file. */
  errors: { line: number; message: string }[];
}

const OPEN = /^---[ \t]*(?:\r\n|\r|\n)/;
const CLOSE = /^(?:---|\.\.\.)[ \t]*$/m;

export function parseFrontMatter(text: string): FrontMatter {
  const open = OPEN.exec(text);
  if (!open) return { data: {}, bodyStartLine: 0, bodyStartOffset: 0, errors: [] };
  const rest = text.slice(open[0].length);
  const close = CLOSE.exec(rest);
  if (!close) return { data: {}, bodyStartLine: 0, bodyStartOffset: 0, errors: [] };
  const yamlText = rest.slice(0, close.index);
  const afterClose = open[0].length + close.index + close[0].length;
  const lineBreak = /^(?:\r\n|\r|\n)/.exec(text.slice(afterClose));
  const bodyStartOffset = afterClose + (lineBreak ? lineBreak[0].length : 0);
  const bodyStartLine = countLines(text.slice(0, bodyStartOffset));
  const errors: FrontMatter['errors'] = [];
  let data: Record<string, unknown> = {};
  // The failsafe schema keeps every scalar a string: `id: 002` stays "002", dates stay as written.
  const doc = parseDocument(yamlText, { prettyErrors: false, uniqueKeys: false, schema: 'failsafe' });
  for (const e of doc.errors) {
    const line = 1 + countLines(yamlText.slice(0, e.pos[0]));
    errors.push({ line, message: `front matter: ${e.message.split('\n')[0]}` });
  }
  if (doc.errors.length === 0) {
    let value: unknown;
    try {
      value = doc.toJS({ maxAliasCount: 50 });
    } catch (e) {
      // An unresolved alias (`title: *Draft*`), an alias bomb…: the YAML is not usable.
      errors.push({ line: 1, message: `front matter: ${(e as Error).message.split('\n')[0]}` });
    }
    if (value && typeof value === 'object' && !Array.isArray(value)) data = value as Record<string, unknown>;
    else if (value != null) errors.push({ line: 1, message: 'front matter: expected a mapping of keys to values' });
  }
  return { data, bodyStartLine, bodyStartOffset, errors };
}

/** Number of line breaks in `s`. */
function countLines(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 10) n++;
    else if (c === 13 && s.charCodeAt(i + 1) !== 10) n++;
  }
  return n;
}
