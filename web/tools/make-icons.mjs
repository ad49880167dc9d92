#!/usr/bin/env node
// Draws Pilar's icon (a white colonnade — "pilar" is a pillar — on the app's blue) as SVG and as
// the PNG sizes a PWA needs, with no image library: the shapes are rectangles and a triangle,
// rasterised here with 4x4 supersampling and written as PNG with node:zlib.
// Run `npm run icons` after changing the design; the outputs are committed under public/icons/.
// The header's logo (Logo in src/shell/parts.tsx) draws the same shapes inline: change it too.
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { fileURLToPath } from 'node:url';

const OUT = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'public', 'icons');
const BLUE = [0x0b, 0x53, 0x94];
const WHITE = [0xff, 0xff, 0xff];

// Design on a 512 x 512 canvas.
const RADIUS = 96;
const rects = [
  [112, 188, 400, 220], // architrave
  [144, 236, 184, 380], // columns
  [236, 236, 276, 380],
  [328, 236, 368, 380],
  [104, 392, 408, 424], // base
];
const roof = [
  [96, 176],
  [256, 92],
  [416, 176],
];

function svg() {
  const r = rects.map(([x0, y0, x1, y1]) => `<rect x="${x0}" y="${y0}" width="${x1 - x0}" height="${y1 - y0}"/>`).join('');
  const pts = roof.map((p) => p.join(',')).join(' ');
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 512 512">` +
    `<rect width="512" height="512" rx="${RADIUS}" fill="#0b5394"/>` +
    `<g fill="#fff"><polygon points="${pts}"/>${r}</g></svg>\n`
  );
}

const inRoundedRect = (x, y) => {
  const cx = Math.min(Math.max(x, RADIUS), 512 - RADIUS);
  const cy = Math.min(Math.max(y, RADIUS), 512 - RADIUS);
  return (x - cx) ** 2 + (y - cy) ** 2 <= RADIUS ** 2;
};

function inTriangle(x, y, [a, b, c]) {
  const s = (p, q) => (x - q[0]) * (p[1] - q[1]) - (p[0] - q[0]) * (y - q[1]);
  const d1 = s(a, b);
  const d2 = s(b, c);
  const d3 = s(c, a);
  return !((d1 < 0 || d2 < 0 || d3 < 0) && (d1 > 0 || d2 > 0 || d3 > 0));
}

const inFigure = (x, y) => inTriangle(x, y, roof) || rects.some(([x0, y0, x1, y1]) => x >= x0 && x < x1 && y >= y0 && y < y1);

// maskable: full-bleed background, figure shrunk into the central safe zone (80% circle).
function render(size, { maskable = false } = {}) {
  const px = Buffer.alloc(size * size * 4);
  const N = 4;
  const scale = 512 / size;
  const shrink = maskable ? 0.72 : 1;
  for (let j = 0; j < size; j++) {
    for (let i = 0; i < size; i++) {
      let bg = 0;
      let fg = 0;
      for (let sj = 0; sj < N; sj++) {
        for (let si = 0; si < N; si++) {
          const x = (i + (si + 0.5) / N) * scale;
          const y = (j + (sj + 0.5) / N) * scale;
          if (!maskable && !inRoundedRect(x, y)) continue;
          bg++;
          // Figure coordinates, optionally shrunk around the centre.
          const fx = 256 + (x - 256) / shrink;
          const fy = 256 + (y - 256) / shrink;
          if (inFigure(fx, fy)) fg++;
        }
      }
      const o = (j * size + i) * 4;
      const a = bg / (N * N);
      const f = bg ? fg / bg : 0;
      for (let k = 0; k < 3; k++) px[o + k] = Math.round(BLUE[k] * (1 - f) + WHITE[k] * f);
      px[o + 3] = Math.round(a * 255);
    }
  }
  return png(size, size, px);
}

const CRC_TABLE = new Uint32Array(256).map((_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(buf) {
  let c = 0xffffffff;
  for (const b of buf) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
function chunk(type, data) {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const td = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(td));
  return Buffer.concat([len, td, crc]);
}
function png(w, h, rgba) {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(w, 0);
  ihdr.writeUInt32BE(h, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 6; // RGBA
  const raw = Buffer.alloc((w * 4 + 1) * h);
  for (let y = 0; y < h; y++) rgba.copy(raw, y * (w * 4 + 1) + 1, y * w * 4, (y + 1) * w * 4);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', zlib.deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

fs.mkdirSync(OUT, { recursive: true });
fs.writeFileSync(path.join(OUT, 'icon.svg'), svg());
fs.writeFileSync(path.join(OUT, 'icon-192.png'), render(192));
fs.writeFileSync(path.join(OUT, 'icon-512.png'), render(512));
fs.writeFileSync(path.join(OUT, 'icon-maskable-512.png'), render(512, { maskable: true }));
// iOS draws its own rounded corners and shows transparency as black: use the full-bleed one.
fs.writeFileSync(path.join(OUT, 'apple-touch-icon.png'), render(180, { maskable: true }));
console.log(`icons written to ${path.relative(process.cwd(), OUT)}`);
