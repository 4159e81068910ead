// Draws the Teams app icons with node:zlib only: `node manifest/make-icons.mjs`.
// color.png (192x192): a white shield with a check on the accent colour, symbol inside the
// 120x120 safe area Teams asks for. outline.png (32x32): the same shape, white on transparent.
import { Buffer } from 'node:buffer';
import process from 'node:process';
import { deflateSync } from 'node:zlib';
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
/** Keep in step with accentColor in manifest.template.json. */
const ACCENT = [0x0e, 0x5a, 0x8a];
const SAMPLES = 4; // 4x4 supersampling for smooth edges

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes) {
  let c = 0xffffffff;
  for (const b of bytes) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type, data) {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'ascii');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])), 0);
  return Buffer.concat([head, data, crc]);
}

/** 8-bit RGBA PNG; rgba is width*height*4 bytes. */
function encodePng(width, height, rgba) {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 6; // colour type: RGBA
  const raw = Buffer.alloc((width * 4 + 1) * height);
  for (let y = 0; y < height; y++) {
    raw[y * (width * 4 + 1)] = 0; // filter: none
    rgba.copy(raw, y * (width * 4 + 1) + 1, y * width * 4, (y + 1) * width * 4);
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** Half-width of the shield at height v (0 top .. 1 tip), in units of its full half-width. */
function shieldHalfWidth(v) {
  if (v < 0 || v > 1) return -1;
  if (v <= 0.45) return 1;
  return 1 - Math.pow((v - 0.45) / 0.55, 1.7);
}

/** Inside the shield of half-width 1 and height `h`, shrunk by `inset` (same units). */
function inShield(u, v, h, inset = 0) {
  const vv = (v - inset) / (h - 2.2 * inset);
  const half = shieldHalfWidth(vv) * (1 - inset);
  return half > 0 && Math.abs(u) <= half;
}

function distToSegment(px, py, [ax, ay], [bx, by]) {
  const dx = bx - ax;
  const dy = by - ay;
  const t = Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / (dx * dx + dy * dy)));
  return Math.hypot(px - (ax + t * dx), py - (ay + t * dy));
}

/** The check mark in shield units (u across, v down; the shield is 2 wide). */
const CHECK = [
  [-0.48, 1.12],
  [-0.12, 1.5],
  [0.5, 0.72],
];
function onCheck(u, v, thickness) {
  return (
    distToSegment(u, v, CHECK[0], CHECK[1]) <= thickness ||
    distToSegment(u, v, CHECK[1], CHECK[2]) <= thickness
  );
}

/**
 * Renders a size x size image; shade(u, v) gives [r, g, b, a] (0..255) for a point in shield
 * coordinates, where the shield is `box` pixels wide and centred.
 */
function render(size, box, shade) {
  const out = Buffer.alloc(size * size * 4);
  const scale = 2 / box; // pixels → shield units (half-width 1)
  const h = 2.3; // shield height in units (taller than wide)
  const top = (size - h / scale) / 2;
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const acc = [0, 0, 0, 0];
      for (let sy = 0; sy < SAMPLES; sy++) {
        for (let sx = 0; sx < SAMPLES; sx++) {
          const px = x + (sx + 0.5) / SAMPLES;
          const py = y + (sy + 0.5) / SAMPLES;
          const u = (px - size / 2) * scale;
          const v = (py - top) * scale;
          const [r, g, b, a] = shade(u, v, h);
          // premultiplied accumulation so edges blend correctly
          acc[0] += r * a;
          acc[1] += g * a;
          acc[2] += b * a;
          acc[3] += a;
        }
      }
      const i = (y * size + x) * 4;
      const alpha = acc[3] / (SAMPLES * SAMPLES);
      out[i] = alpha ? Math.round(acc[0] / acc[3]) : 0;
      out[i + 1] = alpha ? Math.round(acc[1] / acc[3]) : 0;
      out[i + 2] = alpha ? Math.round(acc[2] / acc[3]) : 0;
      out[i + 3] = Math.round(alpha);
    }
  }
  return out;
}

const WHITE = [255, 255, 255, 255];
const CLEAR = [255, 255, 255, 0];
const accent = [...ACCENT, 255];

const color = render(192, 96, (u, v, h) => {
  if (!inShield(u, v, h)) return accent;
  return onCheck(u, v, 0.15) ? accent : WHITE;
});

// Outline: a 2 px shield stroke and the check, white only.
const outline = render(32, 22, (u, v, h) => {
  const stroke = 2 * (2 / 22);
  const edge = inShield(u, v, h) && !inShield(u, v, h, stroke);
  return edge || onCheck(u, v, 0.17) ? WHITE : CLEAR;
});

for (const [name, size, pixels] of [
  ['color.png', 192, color],
  ['outline.png', 32, outline],
]) {
  const png = encodePng(size, size, pixels);
  writeFileSync(join(here, name), png);
  process.stdout.write(`${name}: ${size}x${size}, ${png.length} bytes\n`);
}
