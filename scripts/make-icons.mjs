#!/usr/bin/env node
// Draws the app icon and the tray icons as PNG files under resources/, so they can be remade
// without an image editor:
//   node scripts/make-icons.mjs
// The tray icon is the app's blue disc with a status dot: green online, grey offline, amber
// syncing; each comes at 1x and @2x for high-DPI screens.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { crc32, deflateSync } from 'node:zlib';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');

function chunk(type, data) {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body) >>> 0);
  return Buffer.concat([length, body, crc]);
}

/** Encodes RGBA pixels (size × size) as a PNG. */
function encodePng(size, pixels) {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header[8] = 8; // bits per channel
  header[9] = 6; // RGBA
  const rows = [];
  for (let y = 0; y < size; y++) rows.push(Buffer.from([0]), pixels.subarray(y * size * 4, (y + 1) * size * 4));
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(Buffer.concat(rows))),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** Paints shapes (functions from a point in 0..1 to an RGBA colour or null) with 4×4 supersampling. */
function draw(size, shapes) {
  const pixels = Buffer.alloc(size * size * 4);
  const samples = 4;
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      let r = 0, g = 0, b = 0, a = 0;
      for (let sy = 0; sy < samples; sy++) {
        for (let sx = 0; sx < samples; sx++) {
          const u = (x + (sx + 0.5) / samples) / size;
          const v = (y + (sy + 0.5) / samples) / size;
          let colour = null;
          for (const shape of shapes) colour = shape(u, v) ?? colour;
          if (colour) {
            r += colour[0] * colour[3]; g += colour[1] * colour[3]; b += colour[2] * colour[3]; a += colour[3];
          }
        }
      }
      const offset = (y * size + x) * 4;
      const coverage = a / (samples * samples);
      pixels[offset] = a ? Math.round(r / a) : 0;
      pixels[offset + 1] = a ? Math.round(g / a) : 0;
      pixels[offset + 2] = a ? Math.round(b / a) : 0;
      pixels[offset + 3] = Math.round(coverage * 255);
    }
  }
  return encodePng(size, pixels);
}

const disc = (cx, cy, radius, colour) => (u, v) => ((u - cx) ** 2 + (v - cy) ** 2 <= radius ** 2 ? colour : null);
const ring = (cx, cy, outer, inner, colour) => (u, v) => {
  const d = (u - cx) ** 2 + (v - cy) ** 2;
  return d <= outer ** 2 && d >= inner ** 2 ? colour : null;
};
const roundedSquare = (inset, radius, colour) => (u, v) => {
  const dx = Math.max(inset + radius - u, 0, u - (1 - inset - radius));
  const dy = Math.max(inset + radius - v, 0, v - (1 - inset - radius));
  return u >= inset && u <= 1 - inset && v >= inset && v <= 1 - inset && dx * dx + dy * dy <= radius * radius ? colour : null;
};

const BLUE = [23, 79, 153, 1];
const WHITE = [255, 255, 255, 1];
const STATUS = {
  online: [31, 140, 70, 1],
  offline: [110, 117, 125, 1],
  syncing: [230, 140, 0, 1],
};

function write(path, png) {
  const file = join(root, path);
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, png);
  console.log(`wrote ${path} (${png.length} bytes)`);
}

// App icon: a blue rounded square with a white speech ring, the SAC's conversation.
write('resources/icon.png', draw(512, [roundedSquare(0.04, 0.18, BLUE), ring(0.5, 0.47, 0.3, 0.2, WHITE), disc(0.32, 0.74, 0.09, WHITE)]));

for (const [name, colour] of Object.entries(STATUS)) {
  const shapes = [disc(0.42, 0.42, 0.4, BLUE), ring(0.42, 0.42, 0.24, 0.14, WHITE), disc(0.76, 0.76, 0.24, WHITE), disc(0.76, 0.76, 0.18, colour)];
  write(`resources/tray/${name}.png`, draw(16, shapes));
  write(`resources/tray/${name}@2x.png`, draw(32, shapes));
}
