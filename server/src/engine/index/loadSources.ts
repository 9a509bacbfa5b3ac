/**
 * Reads source files into the index, yielding between files so a server keeps answering while
 * thousands of sources load. Reads run ahead of parsing ({@link READ_AHEAD} files in flight), so
 * the disk and the parser work at once; files are indexed in the order given. A file that cannot
 * be read or decoded becomes an `unreadable-source` entry and the rest go on.
 */
import { decodeBytes, type Decoded } from '../corpus/decode.js';
import { parseSource, unreadableSource } from '../corpus/parseSource.js';
import type { SourceDoc } from '../corpus/sourceDoc.js';
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
  try {
    return parseSource(uri, decoded.text, decoded.encoding);
  } catch (e) {
    return unreadableSource(uri, `the parser failed (${(e as Error).message})`);
  }
}

/** How many files are being read while the parser works on an earlier one. */
const READ_AHEAD = 32;

export async function loadSources(
  workspace: ICorpusWorkspace,
  uris: readonly string[],
  index: CorpusIndex,
  onProgress: (p: LoadProgress) => void = () => {},
  token: CancellationToken = NEVER_CANCELLED,
): Promise<void> {
  const total = uris.length;
  onProgress({ done: 0, total });
  const reads: Promise<Decoded>[] = [];
  const readAt = (i: number) => {
    if (i < total) reads[i] = readText(workspace, uris[i]!);
  };
  for (let i = 0; i < READ_AHEAD; i++) readAt(i);
  for (let i = 0; i < total; i++) {
    const decoded = await reads[i]!;
    delete reads[i];
    if (token.isCancellationRequested) return;
    readAt(i + READ_AHEAD);
    index.set(sourceFromDecoded(uris[i]!, decoded));
    onProgress({ done: i + 1, total });
  }
}
