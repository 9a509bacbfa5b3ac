/**
 * `node dist/server.js --stdio` (or `--node-ipc`): starts the language server (server.ts, bundled
 * as dist/serverMain.js) with V8's code cache, so that a second start skips compiling it
 * (node/codeCache.ts).
 */
import { join } from 'node:path';
import { codeCacheFile, runWithCodeCache } from './node/codeCache.js';

runWithCodeCache(join(__dirname, 'serverMain.js'), codeCacheFile('server'), require);
