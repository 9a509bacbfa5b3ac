// Draws images/icon.png (128×128): "[[ ]]" brackets around a line of text, on a deep blue tile.
// Run once when the design changes: `node scripts/make-icon.mjs`. No dependencies.
import { writeFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';

const N = 128;
const px = new Uint8Array(N * N * 4);
const set = (x, y, [r, g, b, a]) => {
  if (x < 0 || y < 0 || x >= N || y >= N) return;
  const i = (y * N + x) * 4;
  px.set([r, g, b, a], i);
};
const rect = (x0, y0, w, h, c) => {
  for (let y = y0; y < y0 + h; y++) for (let x = x0; x < x0 + w; x++) set(x, y, c);
};
const bg = [28, 61, 110, 255];
const fg = [255, 255, 255, 255];
const accent = [255, 196, 61, 255];
// Rounded tile.
for (let y = 0; y < N; y++)
  for (let x = 0; x < N; x++) {
    const r = 20;
    const cx = Math.min(Math.max(x, r), N - 1 - r);
    const cy = Math.min(Math.max(y, r), N - 1 - r);
    if ((x - cx) ** 2 + (y - cy) ** 2 <= r * r) set(x, y, bg);
  }
// "[[" on the left and "]]" on the right.
for (const x0 of [14, 30]) {
  rect(x0, 30, 7, 68, fg);
  rect(x0, 30, 14, 7, fg);
  rect(x0, 91, 14, 7, fg);
}
for (const x0 of [107, 91]) {
  rect(x0, 30, 7, 68, fg);
  rect(x0 - 7, 30, 14, 7, fg);
  rect(x0 - 7, 91, 14, 7, fg);
}
// The cited passage: three lines, one highlighted.
rect(50, 46, 30, 6, fg);
rect(50, 61, 30, 6, accent);
rect(50, 76, 22, 6, fg);

const crcTable = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
const crc = (buf) => {
  let c = 0xffffffff;
  for (const b of buf) c = crcTable[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
};
const chunk = (type, data) => {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type), data]);
  const sum = Buffer.alloc(4);
  sum.writeUInt32BE(crc(body));
  return Buffer.concat([len, body, sum]);
};
const ihdr = Buffer.alloc(13);
ihdr.writeUInt32BE(N, 0);
ihdr.writeUInt32BE(N, 4);
ihdr.set([8, 6, 0, 0, 0], 8);
const raw = Buffer.alloc(N * (N * 4 + 1));
for (let y = 0; y < N; y++) {
  raw[y * (N * 4 + 1)] = 0;
  Buffer.from(px.buffer, y * N * 4, N * 4).copy(raw, y * (N * 4 + 1) + 1);
}
const png = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  chunk('IHDR', ihdr),
  chunk('IDAT', deflateSync(raw)),
  chunk('IEND', Buffer.alloc(0)),
]);
writeFileSync(new URL('../images/icon.png', import.meta.url), png);
console.log(`images/icon.png: ${png.length} bytes`);
