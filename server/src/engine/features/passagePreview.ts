/**
 * A passage as safe Markdown for hovers and completion documentation: headings inside it in
 * bold, paragraphs separated, every character of corpus text escaped, and long passages cut
 * at a block (or, for one huge block, a character) boundary with the size of what was cut.
 *
 * Example: previewPassage(blocks, 20) on two 15-character paragraphs gives the first paragraph,
 * then "*… 15 more characters (1 more paragraph) in this passage*".
 */
import type { Block } from '../corpus/sourceDoc.js';
import { escapeMarkdown } from '../text/markdownEscape.js';
import { thousands } from '../text/thousands.js';

export interface Preview {
  markdown: string;
  /** Characters of passage text left out. */
  cutCharacters: number;
}

export function previewPassage(blocks: readonly Block[], maxCharacters: number): Preview {
  const parts: string[] = [];
  let used = 0;
  let i = 0;
  for (; i < blocks.length; i++) {
    const b = blocks[i]!;
    const room = maxCharacters - used;
    if (b.text.length > room) {
      if (parts.length === 0) {
        parts.push(render(b, b.text.slice(0, room)));
        return finish(parts, blocks, i, b.text.length - room);
      }
      break;
    }
    parts.push(render(b, b.text));
    used += b.text.length;
  }
  return finish(parts, blocks, i, 0);
}

function finish(parts: string[], blocks: readonly Block[], next: number, cutInBlock: number): Preview {
  let cut = cutInBlock;
  let cutBlocks = 0;
  for (let k = cutInBlock ? next + 1 : next; k < blocks.length; k++) {
    cut += blocks[k]!.text.length;
    cutBlocks++;
  }
  if (cut === 0) return { markdown: parts.join('\n\n'), cutCharacters: 0 };
  const more = cutBlocks ? ` (${cutBlocks} more block${cutBlocks === 1 ? '' : 's'})` : '';
  const lead = cutInBlock ? '…' : '';
  return {
    markdown: `${parts.join('\n\n')}${lead}\n\n*… ${thousands(cut)} more characters${more} in this passage*`,
    cutCharacters: cut,
  };
}

function render(b: Block, text: string): string {
  const escaped = escapeMarkdown(text).replace(/\n/g, b.kind === 'code' ? '  \n' : '\n');
  return b.kind === 'heading' ? `**${escaped}**` : escaped;
}
