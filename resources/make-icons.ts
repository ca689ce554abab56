import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { deflateSync } from 'node:zlib';

/**
 * Draws the app icon (a rounded indigo square with a white "N") and writes it as PNG with zlib,
 * so the repository needs no image tools. Run: npx tsx resources/make-icons.ts
 */
const SIZE = 512;

function crc32(bytes: Buffer): number {
  let crc = 0xffffffff;
  for (const byte of bytes) {
    crc ^= byte;
    for (let bit = 0; bit < 8; bit++) crc = crc & 1 ? (crc >>> 1) ^ 0xedb88320 : crc >>> 1;
  }
  return (crc ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

/** Coverage (0..1) of the pixel at x,y, sampled 4x4 for smooth edges. */
function coverage(x: number, y: number, inside: (px: number, py: number) => boolean): number {
  let hits = 0;
  for (let sy = 0; sy < 4; sy++)
    for (let sx = 0; sx < 4; sx++) if (inside(x + (sx + 0.5) / 4, y + (sy + 0.5) / 4)) hits++;
  return hits / 16;
}

function insideRoundedSquare(px: number, py: number): boolean {
  const margin = 24;
  const radius = 96;
  const lo = margin + radius;
  const hi = SIZE - margin - radius;
  const cx = Math.min(Math.max(px, lo), hi);
  const cy = Math.min(Math.max(py, lo), hi);
  return (
    (px - cx) ** 2 + (py - cy) ** 2 <= radius ** 2 &&
    px >= margin &&
    px <= SIZE - margin &&
    py >= margin &&
    py <= SIZE - margin
  );
}

function insideLetterN(px: number, py: number): boolean {
  const top = 136;
  const bottom = 376;
  const left = 148;
  const right = 364;
  const stroke = 56;
  if (py < top || py > bottom) return false;
  if (px >= left && px <= left + stroke) return true;
  if (px >= right - stroke && px <= right) return true;
  // The diagonal from the top of the left stem to the bottom of the right stem.
  const t = (py - top) / (bottom - top);
  const center = left + stroke / 2 + t * (right - left - stroke);
  return Math.abs(px - center) <= stroke / 2 + 4;
}

function render(): Buffer {
  const rows: Buffer[] = [];
  for (let y = 0; y < SIZE; y++) {
    const row = Buffer.alloc(1 + SIZE * 4);
    for (let x = 0; x < SIZE; x++) {
      const square = coverage(x, y, insideRoundedSquare);
      const letter = coverage(x, y, insideLetterN);
      const bg = [67, 56, 202];
      const color = bg.map((channel) => Math.round(channel * (1 - letter) + 255 * letter));
      row.set([...color, Math.round(255 * square)], 1 + x * 4);
    }
    rows.push(row);
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(SIZE, 0);
  header.writeUInt32BE(SIZE, 4);
  header.set([8, 6, 0, 0, 0], 8);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(Buffer.concat(rows), { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

writeFileSync(join(import.meta.dirname, 'icon.png'), render());
console.log('wrote resources/icon.png');
