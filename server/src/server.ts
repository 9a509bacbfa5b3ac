/**
 * The language server's entry point: `node dist/server.js --stdio` (or `--node-ipc`, as the
 * VS Code client starts it). Everything else is in lsp/ (adapter) and engine/ (features).
 */
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { startServer } from './lsp/startServer.js';

startServer(createConnection(ProposedFeatures.all));
