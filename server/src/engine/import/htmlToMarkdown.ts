/**
 * HTML → Markdown with `turndown`, as the web-page and Word importers need it: ATX headings,
 * `-` bullets, fenced code, `*emphasis*`; images, video, audio and canvases are left out and
 * counted as dropped (nothing is ever loaded).
 */
import TurndownService from 'turndown';
import { drop, type ImportedDoc } from './importedDoc.js';

export function makeTurndown(doc: Pick<ImportedDoc, 'dropped'>): TurndownService {
  const turndown = new TurndownService({
    headingStyle: 'atx',
    bulletListMarker: '-',
    codeBlockStyle: 'fenced',
    emDelimiter: '*',
    strongDelimiter: '**',
  });
  turndown.addRule('images', {
    filter: ['img', 'picture', 'svg', 'video', 'audio', 'canvas'],
    replacement: (_content, node) => {
      const src = (node as { getAttribute?(name: string): string | null }).getAttribute?.('src');
      drop(doc, 'image', src && !src.startsWith('data:') ? src : 'image');
      return '';
    },
  });
  return turndown;
}

export function htmlToMarkdown(html: string, doc: Pick<ImportedDoc, 'dropped'>): string {
  return makeTurndown(doc).turndown(html);
}
