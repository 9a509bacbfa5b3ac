/**
 * Answers asked while the corpus is first read. A completion that finds nothing may be about a
 * document not read yet: it waits for indexing (at most {@link INDEXING_WAIT_MS}), and whatever it
 * answers before indexing ends is marked incomplete, so the editor asks again as the writer types.
 */
import type { CompletionList } from 'vscode-languageserver';

/** How long a completion that found nothing waits for indexing to end. */
export const INDEXING_WAIT_MS = 500;

export async function completeWhileIndexing(
  isIndexing: () => boolean,
  indexed: () => Promise<void>,
  answer: () => CompletionList | undefined,
): Promise<CompletionList | null> {
  let list = answer();
  if (!isIndexing()) return list ?? null;
  if (!list?.items.length) {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const waited = new Promise<void>((done) => (timer = setTimeout(done, INDEXING_WAIT_MS)));
    await Promise.race([indexed(), waited]);
    clearTimeout(timer);
    list = answer();
    if (!isIndexing()) return list ?? null;
  }
  return { isIncomplete: true, items: list?.items ?? [] };
}
