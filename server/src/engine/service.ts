/**
 * The composition root: builds every feature provider over one corpus index and one draft
 * index, and hands them out as a frozen object. Front ends (LSP server, CLI, tests) hold one.
 */
import { CorpusIndex } from './index/corpusIndex.js';
import { DraftIndex } from './index/draftIndex.js';
import { CodeActionProvider } from './features/codeActions.js';
import { CompletionProvider } from './features/completion.js';
import { DefinitionProvider } from './features/definition.js';
import { HoverProvider } from './features/hover.js';
import { ReferencesProvider } from './features/references.js';
import { RenameProvider } from './features/rename.js';
import { SymbolProvider } from './features/symbols.js';
import { QuoteChecker } from './features/quoteCheck.js';
import { ScanFinder, type CandidateFinder } from './quotes/verifyQuote.js';
import { PassageSearch } from './search/passageSearch.js';
import { PassageProvider } from './features/passages.js';

export interface SourceAnchorsService {
  readonly index: CorpusIndex;
  readonly drafts: DraftIndex;
  readonly completion: CompletionProvider;
  readonly hover: HoverProvider;
  readonly definition: DefinitionProvider;
  readonly references: ReferencesProvider;
  readonly codeActions: CodeActionProvider;
  readonly rename: RenameProvider;
  readonly symbols: SymbolProvider;
  readonly quotes: QuoteChecker;
  readonly search: PassageSearch;
  readonly passages: PassageProvider;
}

/** Below this many sources, quotes may be looked for by scanning while the search index is not built. */
const SCAN_LIMIT = 300;

export interface ServiceOptions {
  /**
   * Build passage search, in this thread, the first time a quote is not found in its cited passage
   * (the CLI, which may never need it), rather than wait for its owner to build it (the server).
   */
  searchOnDemand?: boolean;
}

export function createService(
  index = new CorpusIndex(),
  drafts = new DraftIndex(),
  options: ServiceOptions = {},
): SourceAnchorsService {
  const search = new PassageSearch(index);
  const scan = new ScanFinder(() => index.docs());
  const finder: CandidateFinder = {
    candidates: (quote, limit) => {
      if (options.searchOnDemand && !search.ready) search.rebuildNow();
      return search.ready
        ? search.candidates(quote, limit)
        : index.size <= SCAN_LIMIT
          ? scan.candidates(quote, limit)
          : [];
    },
  };
  const quotes = new QuoteChecker(index, finder);
  const passages = new PassageProvider(search);
  return Object.freeze({
    index,
    drafts,
    search,
    passages,
    quotes,
    completion: new CompletionProvider(index, passages),
    hover: new HoverProvider(index, quotes),
    definition: new DefinitionProvider(index),
    references: new ReferencesProvider(index, drafts),
    codeActions: new CodeActionProvider(index, quotes),
    rename: new RenameProvider(index, drafts),
    symbols: new SymbolProvider(index, passages),
  });
}
