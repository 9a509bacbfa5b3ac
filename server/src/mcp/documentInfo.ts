/**
 * A corpus document as the tools describe it: id, title, authors, date, pages, as its front
 * matter gives them. Example: `{ id: "002", title: "美塔协议签署后的美阿塔三方内部博弈",
 * authors: ["兰江", "杨秀琴"], pages: "47–66" }`.
 */
import { z } from 'zod';
import { documentPages, formatPages } from '../engine/biblio/pages.js';
import { docTitle, type SourceDoc } from '../engine/corpus/sourceDoc.js';

export const documentShape = {
  id: z.string(),
  title: z.string(),
  authors: z.array(z.string()),
  date: z.string().optional(),
  pages: z.string().optional().describe('the pages of the whole source, e.g. 47–66'),
  language: z.string().optional(),
};

export type DocumentInfo = z.infer<z.ZodObject<typeof documentShape>>;

export function documentInfo(doc: SourceDoc): DocumentInfo {
  const pages = documentPages(doc);
  return {
    id: doc.id,
    title: docTitle(doc),
    authors: [...doc.meta.authors],
    ...(doc.meta.date ? { date: doc.meta.date } : {}),
    ...(pages ? { pages: formatPages([pages]) } : {}),
    ...(doc.meta.language ? { language: doc.meta.language } : {}),
  };
}

/** `兰江, 杨秀琴 (2025), 美塔协议…, pp. 47–66`: one line for a text answer. */
export function documentLine(d: DocumentInfo): string {
  const who = d.authors.length ? `${d.authors.join(', ')}. ` : '';
  const when = d.date ? ` (${d.date})` : '';
  const pages = d.pages ? `, pp. ${d.pages}` : '';
  return `${who}${d.title}${when}${pages}`;
}
