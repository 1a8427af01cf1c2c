// Draws images/icon.png (128x128): a white shield with a check mark on a deep-teal rounded square.
// Run once with `node scripts/make-icon.mjs`; the PNG is committed.
import { writeFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';

const N = 128;
const px = new Uint8Array(N * N * 4);
const set = (x, y, [r, g, b, a]) => {
  const i = (y * N + x) * 4;
  px[i] = r; px[i + 1] = g; px[i + 2] = b; px[i + 3] = a;
};
const inRounded = (x, y, r) => {
  const cx = Math.min(Math.max(x, r), N - 1 - r);
  const cy = Math.min(Math.max(y, r), N - 1 - r);
  return (x - cx) ** 2 + (y - cy) ** 2 <= r * r;
};
const inShield = (x, y) => {
  // Flat top from y=22, straight sides to y=64, then curving to a point at y=108.
  const cx = 64, halfTop = 34;
  if (y < 22 || y > 108) return false;
  if (y <= 64) return Math.abs(x - cx) <= halfTop;
  const t = (y - 64) / 44;
  return Math.abs(x - cx) <= halfTop * Math.sqrt(1 - t * t);
};
const distToSegment = (x, y, [x1, y1], [x2, y2]) => {
  const dx = x2 - x1, dy = y2 - y1;
  const t = Math.max(0, Math.min(1, ((x - x1) * dx + (y - y1) * dy) / (dx * dx + dy * dy)));
  return Math.hypot(x - (x1 + t * dx), y - (y1 + t * dy));
};
for (let y = 0; y < N; y++) {
  for (let x = 0; x < N; x++) {
    if (!inRounded(x, y, 22)) { set(x, y, [0, 0, 0, 0]); continue; }
    let color = [11, 61, 92, 255];
    if (inShield(x, y)) color = [255, 255, 255, 255];
    const check = Math.min(distToSegment(x, y, [46, 66], [59, 80]), distToSegment(x, y, [59, 80], [84, 50]));
    if (inShield(x, y) && check <= 5) color = [22, 150, 110, 255];
    set(x, y, color);
  }
}
const raw = Buffer.alloc(N * (N * 4 + 1));
for (let y = 0; y < N; y++) {
  raw[y * (N * 4 + 1)] = 0;
  Buffer.from(px.buffer, y * N * 4, N * 4).copy(raw, y * (N * 4 + 1) + 1);
}
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
  const len = Buffer.alloc(4); len.writeUInt32BE(data.length);
  const td = Buffer.concat([Buffer.from(type), data]);
  const c = Buffer.alloc(4); c.writeUInt32BE(crc(td));
  return Buffer.concat([len, td, c]);
};
const ihdr = Buffer.alloc(13);
ihdr.writeUInt32BE(N, 0); ihdr.writeUInt32BE(N, 4); ihdr[8] = 8; ihdr[9] = 6; ihdr[10] = 0; ihdr[11] = 0; ihdr[12] = 0;
const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', ihdr), chunk('IDAT', deflateSync(raw)), chunk('IEND', Buffer.alloc(0))]);
writeFileSync(new URL('../images/icon.png', import.meta.url), png);
