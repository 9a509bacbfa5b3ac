/**
 * Folded forms of source text, computed once per block and kept as long as the block lives
 * (a re-parsed file gets new blocks, so nothing goes stale).
 */
import type { Block } from '../corpus/sourceDoc.js';
import { fold, foldText, type Folded } from './fold.js';
import { hasHan, toSimplified, toTraditional } from './scripts.js';

interface BlockFolds {
  folded?: Folded;
  simplified?: string;
  traditional?: string;
}

const folds = new WeakMap<Block, BlockFolds>();

function entry(b: Block): BlockFolds {
  let e = folds.get(b);
  if (!e) folds.set(b, (e = {}));
  return e;
}

/** The block's text folded, with offsets back into `block.text`. */
export function foldedBlock(b: Block): Folded {
  const e = entry(b);
  return (e.folded ??= fold(b.text));
}

/** The block's text converted to Simplified script, then folded. */
export function simplifiedBlock(b: Block): string {
  const e = entry(b);
  return (e.simplified ??= hasHan(b.text) ? foldText(toSimplified(b.text)) : foldedBlock(b).text);
}

/** The block's text converted to Traditional script, then folded. */
export function traditionalBlock(b: Block): string {
  const e = entry(b);
  return (e.traditional ??= hasHan(b.text) ? foldText(toTraditional(b.text)) : foldedBlock(b).text);
}
