/**
 * The world as the engine sees it: folders of files it can list and read. The server backs this
 * with the disk and the editor's open documents, the CLI with the disk, tests with memory.
 */
export interface ICorpusWorkspace {
  /** Workspace folders, as URIs. */
  readonly roots: readonly string[];
  /** Every file under `rootUri` (recursively, skipping `node_modules` and dot-folders), as URIs. */
  listFiles(rootUri: string): Promise<string[]>;
  /** The bytes of a file. Rejects when it cannot be read. */
  readFile(uri: string): Promise<Uint8Array>;
}

/** A cancellation signal, shaped like LSP's CancellationToken. */
export interface CancellationToken {
  readonly isCancellationRequested: boolean;
}

export const NEVER_CANCELLED: CancellationToken = Object.freeze({ isCancellationRequested: false });
