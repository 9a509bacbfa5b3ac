/**
 * Requests that need only the citation under the cursor (hover, definition, completion) while
 * the draft's parse is not of its newest text: they are answered from the cursor's line alone,
 * parsed as a draft of one line, so they never wait for the whole draft to be parsed. Code blocks
 * are not known from one line (a fenced line reads as prose); the debounced check parses the
 * draft soon after typing stops, and requests after it use the whole parse again.
 *
 * Example: a hover at line 812, character 14 asks the one-line draft at line 0, character 14, and
 * its answer's range `0:10–0:27` is sent as `812:10–812:27` (a window cut from column 300 of a
 * long line adds 300 to the characters too).
 */
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { CompletionItem, CompletionList, Hover, LocationLink, Range } from 'vscode-languageserver';
import { parseDraft, type DraftParse } from '../engine/drafts/parseDraft.js';
import type { Position } from '../engine/text/positions.js';

/** Lines longer than this are answered from a window around the cursor, not the whole line. */
const WHOLE_LINE = 2000;

/** Where the one-line draft starts in its line (`column`), and the line. */
export interface LineWindow {
  draft: DraftParse;
  /** The cursor in the one-line draft. */
  position: Position;
  line: number;
  column: number;
}

/**
 * The cursor's line as a draft of its own, and the cursor on it. A long line (a pasted run of
 * 20,000 citations) is cut to the citation under the cursor: from the last `[[` the whole-draft
 * scan also starts a citation at (in a run of `[`, every other one from the run's start) to the
 * first `]]` after the cursor and the character after it (`[@k\]][ref]` is a link, not a
 * citation, only because of that `[`). A line holding a backtick is read whole (code spans).
 */
export function lineDraft(doc: TextDocument, position: Position): LineWindow {
  const line = position.line;
  const text = doc.getText({ start: { line, character: 0 }, end: { line: line + 1, character: 0 } });
  const ch = Math.min(position.character, text.length);
  let from = 0;
  let to = text.length;
  if (text.length > WHOLE_LINE && !text.includes('`')) {
    const last = ch >= 1 ? text.lastIndexOf('[[', ch) : -1;
    if (last > 0) {
      let run = last;
      while (run > 0 && text.charCodeAt(run - 1) === 0x5b /* [ */) run--;
      from = run + 2 * Math.floor((last - run) / 2);
      // An escaped `\[[` starts no citation: the next `[[` of the run is the first.
      if (from === run && run > 0 && text.charCodeAt(run - 1) === 0x5c) from = last >= run + 2 ? run + 2 : 0;
    }
    const close = text.indexOf(']]', Math.max(from + 2, ch - 1));
    // One character more: a Pandoc bracket followed by `[` or `(` is a link's text, not a citation.
    if (close !== -1) to = Math.min(text.length, close + 3);
  }
  return {
    draft: parseDraft(text.slice(from, to)),
    position: { line: 0, character: ch - from },
    line,
    column: from,
  };
}

function moved(r: Range, at: LineWindow): Range {
  return {
    start: { line: r.start.line + at.line, character: r.start.character + at.column },
    end: { line: r.end.line + at.line, character: r.end.character + at.column },
  };
}

export function hoverAt(hover: Hover | undefined, at: LineWindow): Hover | undefined {
  return hover && (hover.range ? { ...hover, range: moved(hover.range, at) } : hover);
}

export function definitionAt(links: LocationLink[], at: LineWindow): LocationLink[] {
  return links.map((l) =>
    l.originSelectionRange ? { ...l, originSelectionRange: moved(l.originSelectionRange, at) } : l,
  );
}

export function completionAt(list: CompletionList | undefined, at: LineWindow): CompletionList | undefined {
  if (!list) return list;
  const item = (i: CompletionItem): CompletionItem => {
    const edit = i.textEdit;
    if (!edit) return i;
    if ('range' in edit) return { ...i, textEdit: { ...edit, range: moved(edit.range, at) } };
    return {
      ...i,
      textEdit: { ...edit, insert: moved(edit.insert, at), replace: moved(edit.replace, at) },
    };
  };
  return { ...list, items: list.items.map(item) };
}
