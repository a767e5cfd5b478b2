// Shared helpers for the chart tests: decode PNG headers and pixels without extra packages.
import { inflateSync } from "zlib";

/** The 8-byte PNG signature. */
export const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

/** True when the bytes start with the PNG signature. */
export function hasPngSignature(b: Uint8Array): boolean {
  return b.length >= 8 && PNG_SIGNATURE.every((v, i) => b[i] === v);
}

/** Width/height from the IHDR chunk, parsed here independently of lib/plot's pngSize. */
export function ihdr(b: Uint8Array): { width: number; height: number; bitDepth: number; colorType: number } {
  const dv = new DataView(b.buffer, b.byteOffset, b.byteLength);
  const type = String.fromCharCode(b[12], b[13], b[14], b[15]);
  if (type !== "IHDR") throw new Error(`first chunk is ${type}, not IHDR`);
  return { width: dv.getUint32(16), height: dv.getUint32(20), bitDepth: b[24], colorType: b[25] };
}

/**
 * Decode an 8-bit RGB/RGBA PNG (what resvg writes) to raw RGBA pixels: concatenate IDAT,
 * inflate, undo the per-row filters.
 */
export function decodePng(b: Uint8Array): { width: number; height: number; rgba: Uint8Array } {
  const { width, height, bitDepth, colorType } = ihdr(b);
  if (bitDepth !== 8 || (colorType !== 6 && colorType !== 2)) {
    throw new Error(`decodePng: only 8-bit RGB/RGBA supported, got depth ${bitDepth} type ${colorType}`);
  }
  const channels = colorType === 6 ? 4 : 3;
  const dv = new DataView(b.buffer, b.byteOffset, b.byteLength);
  const idat: Buffer[] = [];
  let p = 8;
  while (p < b.length) {
    const len = dv.getUint32(p);
    const type = String.fromCharCode(b[p + 4], b[p + 5], b[p + 6], b[p + 7]);
    if (type === "IDAT") idat.push(Buffer.from(b.subarray(p + 8, p + 8 + len)));
    p += 12 + len;
  }
  const raw = inflateSync(Buffer.concat(idat));
  const stride = width * channels;
  const out = new Uint8Array(width * height * 4);
  const prev = new Uint8Array(stride);
  const cur = new Uint8Array(stride);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)];
    for (let i = 0; i < stride; i++) {
      const x = raw[y * (stride + 1) + 1 + i];
      const a = i >= channels ? cur[i - channels] : 0;
      const up = prev[i];
      const c = i >= channels ? prev[i - channels] : 0;
      let v: number;
      switch (filter) {
        case 0: v = x; break;
        case 1: v = x + a; break;
        case 2: v = x + up; break;
        case 3: v = x + ((a + up) >> 1); break;
        case 4: {
          const pp = a + up - c;
          const pa = Math.abs(pp - a), pb = Math.abs(pp - up), pc = Math.abs(pp - c);
          v = x + (pa <= pb && pa <= pc ? a : pb <= pc ? up : c);
          break;
        }
        default: throw new Error(`decodePng: bad filter ${filter}`);
      }
      cur[i] = v & 255;
    }
    for (let xPix = 0; xPix < width; xPix++) {
      for (let ch = 0; ch < 4; ch++) {
        out[(y * width + xPix) * 4 + ch] = ch < channels ? cur[xPix * channels + ch] : 255;
      }
    }
    prev.set(cur);
  }
  return { width, height, rgba: out };
}

/** Count pixels in a rectangle (device pixels) that are not near-white. */
export function inkIn(img: { width: number; rgba: Uint8Array }, x0: number, y0: number, x1: number, y1: number): number {
  let n = 0;
  for (let y = y0; y < y1; y++) {
    for (let x = x0; x < x1; x++) {
      const i = (y * img.width + x) * 4;
      if (img.rgba[i] < 200 || img.rgba[i + 1] < 200 || img.rgba[i + 2] < 200) n++;
    }
  }
  return n;
}
