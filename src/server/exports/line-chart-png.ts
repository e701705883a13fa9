/**
 * A small line chart as PNG (no fonts, no native deps): series over periods on a white canvas with a grid,
 * for documents (the evaluation bulletin). Labels live in the document next to the image.
 */
import { deflateSync } from 'node:zlib';

export const CHART_COLORS: ReadonlyArray<[number, number, number]> = [
  [84, 112, 198], [145, 204, 117], [250, 200, 88], [238, 102, 102], [115, 192, 222], [59, 162, 114], [252, 132, 82], [154, 96, 180],
];

const CRC = (() => {
  const t = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c >>> 0;
  }
  return t;
})();

function crc32(buf: Buffer): number {
  let c = 0xffffffff;
  for (const b of buf) c = CRC[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Buffer): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const td = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(td));
  return Buffer.concat([len, td, crc]);
}

/**
 * Renders series (values 0–100, null = gap) over `periods` as a PNG.
 * @returns the PNG bytes
 */
export function lineChartPng(series: ReadonlyArray<{ points: ReadonlyArray<number | null> }>, width = 800, height = 360, yMin = 0, yMax = 100): Buffer {
  const px = Buffer.alloc(width * height * 3, 255);
  const set = (x: number, y: number, c: readonly [number, number, number]) => {
    if (x < 0 || y < 0 || x >= width || y >= height) return;
    const i = (Math.round(y) * width + Math.round(x)) * 3;
    px[i] = c[0];
    px[i + 1] = c[1];
    px[i + 2] = c[2];
  };
  const pad = 30;
  const n = Math.max(1, ...series.map((s) => s.points.length));
  const X = (i: number) => pad + (n === 1 ? (width - 2 * pad) / 2 : (i * (width - 2 * pad)) / (n - 1));
  const Y = (v: number) => height - pad - ((v - yMin) / (yMax - yMin)) * (height - 2 * pad);
  for (let g = 0; g <= 4; g++) {
    const y = Y(yMin + ((yMax - yMin) * g) / 4);
    for (let x = pad; x < width - pad; x++) set(x, y, g === 0 ? [120, 120, 120] : [225, 225, 225]);
  }
  for (let y = pad; y < height - pad; y++) set(pad, y, [120, 120, 120]);
  const line = (x0: number, y0: number, x1: number, y1: number, c: readonly [number, number, number]) => {
    const steps = Math.max(Math.abs(x1 - x0), Math.abs(y1 - y0), 1);
    for (let s = 0; s <= steps; s++) {
      const x = x0 + ((x1 - x0) * s) / steps;
      const y = y0 + ((y1 - y0) * s) / steps;
      for (let dx = -1; dx <= 1; dx++) for (let dy = -1; dy <= 1; dy++) set(x + dx, y + dy, c);
    }
  };
  series.forEach((s, k) => {
    const c = CHART_COLORS[k % CHART_COLORS.length];
    let prev: [number, number] | null = null;
    s.points.forEach((v, i) => {
      if (v === null) {
        prev = null;
        return;
      }
      const p: [number, number] = [X(i), Y(Math.max(yMin, Math.min(yMax, v)))];
      if (prev) line(prev[0], prev[1], p[0], p[1], c);
      for (let dx = -3; dx <= 3; dx++) for (let dy = -3; dy <= 3; dy++) if (dx * dx + dy * dy <= 9) set(p[0] + dx, p[1] + dy, c);
      prev = p;
    });
  });
  const raw = Buffer.alloc((width * 3 + 1) * height);
  for (let y = 0; y < height; y++) {
    raw[y * (width * 3 + 1)] = 0;
    px.copy(raw, y * (width * 3 + 1) + 1, y * width * 3, (y + 1) * width * 3);
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8;
  ihdr[9] = 2;
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', ihdr), chunk('IDAT', deflateSync(raw)), chunk('IEND', Buffer.alloc(0))]);
}
