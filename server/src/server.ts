/**
 * The language server: `node dist/server.js --stdio` (or `--node-ipc`, as the VS Code client
 * starts it) runs this bundle (dist/serverMain.js) through serverStart.ts. Everything else is in
 * lsp/ (adapter) and engine/ (features).
 */
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { startServer } from './lsp/startServer.js';
import { saveCodeCache } from './node/codeCache.js';

// Once the corpus is indexed and passage search built, the functions that took are compiled: cache them.
startServer(createConnection(ProposedFeatures.all), { onQuiet: saveCodeCache });
