/** The part of citeproc-js (npm `citeproc`) we use. */
declare module 'citeproc' {
  export interface CitationItem {
    id: string;
    locator?: string;
    label?: string;
    prefix?: string;
    suffix?: string;
    'suppress-author'?: boolean;
  }
  export interface Citation {
    citationID?: string;
    citationItems: CitationItem[];
    properties: { noteIndex: number };
  }
  interface Sys {
    retrieveLocale(lang: string): string | false;
    retrieveItem(id: string): unknown;
  }
  interface Engine {
    setOutputFormat(format: 'text' | 'html' | 'rtf'): void;
    updateItems(ids: string[]): void;
    processCitationCluster(
      citation: Citation,
      pre: [string, number][],
      post: [string, number][],
      flag?: number,
    ): [{ bibchange: boolean; citation_errors: unknown[] }, [number, string, string][]];
    updateUncitedItems(ids: string[]): void;
    rebuildProcessorState(
      citations: Citation[],
      mode: 'text' | 'html' | 'rtf',
      uncited: string[],
    ): [string, number, string][];
    makeBibliography(): false | [{ entryspacing: number; hangingindent: boolean }, string[]];
  }
  const CSL: {
    Engine: new (sys: Sys, style: string, lang?: string, forceLang?: boolean) => Engine;
    /** `processCitationCluster`'s flag when the items were registered with `updateItems`. */
    ASSUME_ALL_ITEMS_REGISTERED: number;
  };
  export default CSL;
}
