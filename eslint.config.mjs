// Lint: typescript-eslint's recommended rules, the layer rules of ARCHITECTURE.md, and linear-time
// regular expressions (user text of any length runs through them).
import js from '@eslint/js';
import regexp from 'eslint-plugin-regexp';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', '.cache/**', 'test-output/**', 'coverage/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      globals: {
        process: 'readonly',
        console: 'readonly',
        Buffer: 'readonly',
        URL: 'readonly',
        setTimeout: 'readonly',
        clearTimeout: 'readonly',
        setImmediate: 'readonly',
      },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      eqeqeq: ['error', 'smart'],
    },
  },
  {
    // No regular expression of the shipped code (it reads drafts and sources: user text) may
    // backtrack or move super-linearly: a pasted line of 100,000 characters must not stall the
    // server. Zero findings. (A `new RegExp(…)` built at run time is beyond the linter's sight.)
    files: ['server/src/**/*.ts', 'client/src/**/*.ts'],
    plugins: { regexp },
    rules: {
      'regexp/no-super-linear-backtracking': ['error', { report: 'potential' }],
      'regexp/no-super-linear-move': [
        'error',
        { ignoreSticky: false, ignorePartial: false, report: 'potential' },
      ],
      'regexp/no-dupe-disjunctions': ['error', { report: 'all', reportExponentialBacktracking: 'potential' }],
      'regexp/no-misleading-capturing-group': ['error', { reportBacktrackingEnds: true }],
    },
  },
  {
    // Architecture invariant: the engine is plain TypeScript — no editor, no transport, no disk.
    files: ['server/src/engine/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            { name: 'vscode', message: 'The engine must not depend on VS Code.' },
            { name: 'vscode-languageserver', message: 'Only server.ts and server/src/lsp/ speak LSP.' },
            { name: 'vscode-languageserver/node', message: 'Only server.ts and server/src/lsp/ speak LSP.' },
            { name: 'fs', message: 'The engine reads files through ICorpusWorkspace.' },
            { name: 'node:fs', message: 'The engine reads files through ICorpusWorkspace.' },
            { name: 'fs/promises', message: 'The engine reads files through ICorpusWorkspace.' },
            { name: 'node:fs/promises', message: 'The engine reads files through ICorpusWorkspace.' },
          ],
          patterns: [{ group: ['@modelcontextprotocol/*'], message: 'Only server/src/mcp/ speaks MCP.' }],
        },
      ],
    },
  },
  {
    // The client is a thin shell: it may not reach into the server's code.
    files: ['client/src/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: [
                '../../server/src/*',
                '../../server/src/**',
                '!../../server/src/lsp',
                '!../../server/src/lsp/protocolTypes',
                '!../../server/src/engine',
                '!../../server/src/engine/drafts',
                '!../../server/src/engine/drafts/markdownItCitations',
              ],
              message:
                'The client talks to the server over LSP only (it may share protocolTypes.ts, and the preview uses the citation grammar through markdownItCitations.ts).',
            },
          ],
        },
      ],
    },
  },
);
