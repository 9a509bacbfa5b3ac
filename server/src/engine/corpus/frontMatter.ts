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
  const simple = readSimpleMapping(yamlText);
  if (simple) return { data: simple, bodyStartLine, bodyStartOffset, errors };
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

/** `key: value`, the value plain or quoted on one line (group 2 double-quoted, 3 single-quoted, 4 plain). */
const SIMPLE_LINE = /^([A-Za-z_][\w-]*):[ \t]+(?:"([^"\\]*)"[ \t]*|'([^']*)'[ \t]*|([^\s\-?:,[\]{}#&*!|>'"%@`][^#]*))$/;
/** Characters YAML treats specially or refuses anywhere in a scalar. */
// eslint-disable-next-line no-control-regex -- these control characters are what it looks for
const UNSAFE = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u2028\u2029\ufeff]/;

/**
 * The common front matter — one `key: value` per line, each value a plain scalar or a quoted
 * string without escapes, or a one-line flow list of such scalars (`authors: ["兰江", 'Li Wei', x]`)
 * — read without the YAML parser, which costs about 0.3 ms a file (a third of parsing a 7 KB
 * source). The result is what the failsafe schema gives (every scalar a string); anything else
 * (block lists, blocks, comments, escapes, repeated keys, a plain value with `: ` or a tab, a list
 * item with a comma, colon, bracket, brace, `#` or quote in it, a trailing comma) returns undefined
 * and goes to the YAML parser.
 */
export function readSimpleMapping(yamlText: string): Record<string, string | string[]> | undefined {
  const lines = yamlText.split(/\r\n|\r|\n/);
  if (lines.at(-1) === '') lines.pop();
  if (!lines.length || UNSAFE.test(yamlText)) return undefined;
  const out: Record<string, string | string[]> = {};
  for (const line of lines) {
    const flow = FLOW_LINE.exec(line);
    if (flow) {
      const items = readFlowItems(flow[2]!);
      if (!items || Object.hasOwn(out, flow[1]!)) return undefined;
      out[flow[1]!] = items;
      continue;
    }
    const m = SIMPLE_LINE.exec(line);
    if (!m || Object.hasOwn(out, m[1]!)) return undefined;
    const plain = m[4] === undefined ? undefined : trimBlanks(m[4]);
    if (plain !== undefined && (/:\s|\s#|\t/.test(plain) || plain.endsWith(':'))) return undefined;
    out[m[1]!] = m[2] ?? m[3] ?? plain!;
  }
  return out;
}

/** `key: [ … ]` on one line: group 2 is what the brackets hold. */
const FLOW_LINE = /^([A-Za-z_][\w-]*):[ \t]+\[(.*)\][ \t]*$/;
/**
 * One flow-list item, blanks trimmed: double-quoted (group 1), single-quoted (2) or plain (3); none
 * holds a comma (the list is split at its commas first), and a plain one no bracket, brace, colon,
 * `#`, quote or tab.
 */
const FLOW_ITEM = /^(?:"([^"\\,]*)"|'([^',]*)'|([^\s\-?:,[\]{}#&*!|>'"%@`][^\t,[\]{}#:'"]*))$/;

/**
 * The items of a one-line flow list's inside (`"a", b c` → ["a", "b c"]), or undefined when one
 * is not a simple scalar or a comma ends the list. Example: `[ ]` → [].
 */
function readFlowItems(inside: string): string[] | undefined {
  if (trimBlanks(inside) === '') return [];
  const items: string[] = [];
  for (const part of inside.split(',')) {
    const m = FLOW_ITEM.exec(trimBlanks(trimStartBlanks(part)));
    if (!m) return undefined;
    items.push(m[1] ?? m[2] ?? m[3]!);
  }
  return items;
}

/** `s` without the spaces and tabs that begin it. */
function trimStartBlanks(s: string): string {
  let start = 0;
  while (start < s.length && (s[start] === ' ' || s[start] === '\t')) start++;
  return s.slice(start);
}

/** `s` without the spaces and tabs that end it (YAML's white space; not `trimEnd`'s U+3000). */
function trimBlanks(s: string): string {
  let end = s.length;
  while (end > 0 && (s[end - 1] === ' ' || s[end - 1] === '\t')) end--;
  return s.slice(0, end);
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
