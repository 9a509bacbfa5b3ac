/**
 * Positions and ranges, as the Language Server Protocol counts them: 0-based lines and
 * 0-based characters in UTF-16 code units (the units of a JavaScript string).
 *
 * Example: in the line `赛义德认为[[001#x]]`, `[[` starts at character 5, because each of the
 * five CJK characters before it is one UTF-16 unit. An astral character (e.g. 𠀀) counts as 2.
 */
import type { Position, Range } from 'vscode-languageserver-textdocument';

export type { Position, Range };

/** Maps string offsets to positions and back for one text. Built once per text, O(log n) per lookup. */
export class LineIndex {
  readonly #starts: number[];
  readonly #length: number;

  constructor(text: string) {
    const starts = [0];
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 10 /* \n */) starts.push(i + 1);
      else if (c === 13 /* \r */) {
        if (text.charCodeAt(i + 1) === 10) i++;
        starts.push(i + 1);
      }
    }
    this.#starts = starts;
    this.#length = text.length;
  }

  get lineCount(): number {
    return this.#starts.length;
  }

  /** Offset of the first character of `line` (clamped to the text). */
  lineStart(line: number): number {
    if (line <= 0) return 0;
    if (line >= this.#starts.length) return this.#length;
    return this.#starts[line]!;
  }

  positionAt(offset: number): Position {
    const o = Math.max(0, Math.min(offset, this.#length));
    let lo = 0;
    let hi = this.#starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.#starts[mid]! <= o) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo, character: o - this.#starts[lo]! };
  }

  /** True for a position on an existing line (a character past the line's end counts as its end, per LSP). */
  isValid(position: Position): boolean {
    return position.line >= 0 && position.line < this.#starts.length && position.character >= 0;
  }

  offsetAt(position: Position): number {
    if (position.line < 0) return 0;
    if (position.line >= this.#starts.length) return this.#length;
    const start = this.#starts[position.line]!;
    const next = position.line + 1 < this.#starts.length ? this.#starts[position.line + 1]! : this.#length;
    return Math.max(start, Math.min(start + position.character, next));
  }

  rangeOf(start: number, end: number): Range {
    return { start: this.positionAt(start), end: this.positionAt(end) };
  }
}

export function range(startLine: number, startChar: number, endLine: number, endChar: number): Range {
  return { start: { line: startLine, character: startChar }, end: { line: endLine, character: endChar } };
}

export function comparePositions(a: Position, b: Position): number {
  return a.line - b.line || a.character - b.character;
}

/** True when `p` lies inside `r`, ends included (a cursor right after `]]` still touches the citation). */
export function rangeContains(r: Range, p: Position): boolean {
  return comparePositions(r.start, p) <= 0 && comparePositions(p, r.end) <= 0;
}

/** Splits text into lines without their line terminators (\n, \r\n or \r). */
export function splitLines(text: string): string[] {
  return text.split(/\r\n|\r|\n/);
}
