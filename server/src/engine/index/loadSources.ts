/**
 * Reads source files into the index one by one, yielding between files so a server keeps
 * answering while thousands of sources load. A file that cannot be read or decoded becomes an
 * `unreadable-source` entry and the rest go on.
 */
import { decodeBytes, type Decoded, type InvalidBytes } from '../corpus/decode.js';
import { parseSource, unreadableSource } from '../corpus/parseSource.js';
import type { SourceDoc, SourceProblem } from '../corpus/sourceDoc.js';
import { range } from '../text/positions.js';
import type { CancellationToken, ICorpusWorkspace } from '../workspace.js';
import { NEVER_CANCELLED } from '../workspace.js';
import type { CorpusIndex } from './corpusIndex.js';

export interface LoadProgress {
  done: number;
  total: number;
}

/** Reads and decodes one file (a source or a draft). Never throws: a failure is a reason. */
export async function readText(workspace: ICorpusWorkspace, uri: string): Promise<Decoded> {
  try {
    return decodeBytes(await workspace.readFile(uri));
  } catch (e) {
    return { ok: false, reason: (e as Error).message || String(e) };
  }
}

/** Reads, decodes and parses one source. Never throws. */
export async function readSource(workspace: ICorpusWorkspace, uri: string): Promise<SourceDoc> {
  return sourceFromDecoded(uri, await readText(workspace, uri));
}

export function sourceFromBytes(uri: string, bytes: Uint8Array): SourceDoc {
  return sourceFromDecoded(uri, decodeBytes(bytes));
}

function sourceFromDecoded(uri: string, decoded: Decoded): SourceDoc {
  if (!decoded.ok) return unreadableSource(uri, decoded.reason);
  let doc: SourceDoc;
  try {
    doc = parseSource(uri, decoded.text, decoded.encoding);
  } catch (e) {
    return unreadableSource(uri, `the parser failed (${(e as Error).message})`);
  }
  const bad = decoded.invalidBytes;
  if (bad) doc.problems.unshift(invalidBytesProblem(bad));
  return doc;
}

/** One report for all the bad bytes of a mostly-UTF-8 file, at the first of them. */
function invalidBytesProblem({ count, line, character }: InvalidBytes): SourceProblem {
  const what = count === 1 ? 'a byte sequence that is' : `${count} byte sequences that are`;
  return {
    code: 'invalid-bytes',
    range: range(line, character, line, character + 1),
    message: `This UTF-8 file has ${what} not UTF-8 (the first on line ${line + 1}); each is shown as \uFFFD. Save the file as UTF-8 to fix it.`,
  };
}

export async function loadSources(
  workspace: ICorpusWorkspace,
  uris: readonly string[],
  index: CorpusIndex,
  onProgress: (p: LoadProgress) => void = () => {},
  token: CancellationToken = NEVER_CANCELLED,
): Promise<void> {
  let done = 0;
  onProgress({ done, total: uris.length });
  for (const uri of uris) {
    if (token.isCancellationRequested) return;
    index.set(await readSource(workspace, uri));
    done++;
    onProgress({ done, total: uris.length });
  }
}
