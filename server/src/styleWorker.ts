/**
 * Worker thread entry (`dist/styleWorker.js`): formats papers with the CSL processor off the
 * language server's main thread. Building a style engine and registering a draft's items are
 * single pieces of work of 50–250 ms that no slicing can split (bench/RESULTS.md, issue 17); here
 * they hold no request. Each message is one paper; the style is loaded here as the server loaded
 * it (same name, locale and workspace folder), and the engines stay cached between papers.
 */
import { parentPort } from 'node:worker_threads';
import { formatPaper, type CiteRequest, type OutputFormat } from './engine/biblio/formatter.js';
import type { CslItem } from './engine/biblio/cslItem.js';
import { loadStyle } from './node/cslFiles.js';

/** A paper to format: see `StyleThread.format`. */
export interface StyleJob {
  id: number;
  style: string | undefined;
  locale: string;
  root: string;
  items: CslItem[];
  cites: CiteRequest[];
  format: OutputFormat;
  bibliography: boolean;
}

parentPort?.on('message', (job: StyleJob) => {
  try {
    const loaded = loadStyle(job.style, job.locale, job.root);
    if (!loaded.ok) throw new Error(loaded.message);
    const { xml, locale, retrieveLocale } = loaded.style;
    const paper = formatPaper(
      { style: xml, locale, retrieveLocale, items: job.items, format: job.format },
      job.cites,
      job.bibliography,
    );
    parentPort!.postMessage({ id: job.id, paper });
  } catch (e) {
    parentPort!.postMessage({ id: job.id, error: (e as Error).message || String(e) });
  }
});
