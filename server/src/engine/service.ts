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
}

export function createService(
  index = new CorpusIndex(),
  drafts = new DraftIndex(),
  finder: CandidateFinder = new ScanFinder(() => index.docs()),
): SourceAnchorsService {
  const quotes = new QuoteChecker(index, finder);
  return Object.freeze({
    index,
    drafts,
    quotes,
    completion: new CompletionProvider(index),
    hover: new HoverProvider(index, quotes),
    definition: new DefinitionProvider(index),
    references: new ReferencesProvider(index, drafts),
    codeActions: new CodeActionProvider(index, quotes),
    rename: new RenameProvider(index, drafts),
    symbols: new SymbolProvider(index),
  });
}
