/**
 * `source-anchors import` on the inputs it must refuse, as a user runs it (dist/cli.js): an
 * encrypted PDF, a PDF of scanned images and an empty Word file — each with its reason, exit code
 * 1, and nothing written, not even the good input given with them. (A 200 MB file, an empty one, a
 * web page with no article and a truncated PDF: test/cli/import.test.ts.)
 */
import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Document, Packer, Paragraph } from 'docx';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { encryptedPdf, scannedPdf } from '../helpers/badPdfs.js';
import { runCli } from '../helpers/cli.js';
import { makeWorkspace, type Workspace } from '../lsp/harness.js';

let ws: Workspace;
beforeEach(() => {
  ws = makeWorkspace({ 'in/good.txt': 'Quasi Allies\nThe first paragraph.\nThe second one.\n' });
});
afterEach(() => ws.dispose());

describe('source-anchors import refuses', () => {
  it('an encrypted PDF, a scan and an empty Word file, writing nothing (exit 1)', async () => {
    writeFileSync(join(ws.dir, 'in/locked.pdf'), encryptedPdf());
    writeFileSync(join(ws.dir, 'in/scan.pdf'), scannedPdf(3));
    const empty = new Document({ sections: [{ children: [new Paragraph('')] }] });
    writeFileSync(join(ws.dir, 'in/empty.docx'), await Packer.toBuffer(empty));
    const before = readdirSync(join(ws.dir, 'corpus')).sort();
    const r = runCli(['import', 'in/good.txt', 'in/locked.pdf', 'in/scan.pdf', 'in/empty.docx'], ws.dir);
    expect(r.code).toBe(1);
    expect(r.stderr.split('\n')).toEqual([
      "source-anchors: cannot import 'locked.pdf': the PDF is encrypted (password protected); save an unprotected copy first",
      "source-anchors: 'scan.pdf' has no text layer (3 pages of images, a scan?): run OCR on it first; the importer reads only text",
      "source-anchors: 'empty.docx' has no text to import (an empty document?)",
      'source-anchors: nothing written (3 of 4 refused)',
      '',
    ]);
    expect(readdirSync(join(ws.dir, 'corpus')).sort()).toEqual(before);
    expect(readdirSync(join(ws.dir, 'in')).sort()).toEqual([
      'empty.docx',
      'good.txt',
      'locked.pdf',
      'scan.pdf',
    ]);
  });
});
