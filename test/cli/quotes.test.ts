/** The quote table through the CLI: the same verdicts as the engine. */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { ENGLISH_SOURCE, QUOTE_CASES } from '../fixtures/quoteCases.js';
import { expectedDiagnostic, quoteCasesDraft } from '../fixtures/quoteDraft.js';
import { runCli } from '../helpers/cli.js';
import { makeWorkspace, type Workspace } from '../lsp/harness.js';

let ws: Workspace;
const draft = quoteCasesDraft();
beforeAll(() => {
  ws = makeWorkspace({ 'corpus/900-english.md': ENGLISH_SOURCE, 'drafts/quotes.md': draft.text });
});
afterAll(() => ws.dispose());

it('gives every quote case its verdict', () => {
  const r = runCli(['check', '--format', 'json', 'drafts/quotes.md'], ws.dir);
  expect(r.code).toBe(1);
  const out = JSON.parse(r.stdout) as {
    files: { path: string; diagnostics: { line: number; code: string; suggestions?: string[] }[] }[];
  };
  const got = new Map<string, string>();
  for (const d of out.files[0]!.diagnostics) {
    const c = draft.caseAt(d.line - 1)!;
    got.set(c.name, d.code === 'quote-elsewhere' ? `${d.code} ${d.suggestions![0]}` : d.code);
  }
  expect(QUOTE_CASES.map((c) => [c.name, got.get(c.name) ?? ''])).toEqual(
    QUOTE_CASES.map((c) => [c.name, expectedDiagnostic(c)]),
  );
});
