import { inflateSync } from 'node:zlib';

export const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/**
 * Decodes just enough of a PNG to check it for real: signature, IHDR size, and the top-left pixel (the
 * first pixel of the first row is stored raw under every PNG filter, so no unfiltering is needed).
 */
export function inspectPng(png: Buffer): { width: number; height: number; topLeft: [number, number, number] } {
  if (!png.subarray(0, 8).equals(PNG_SIGNATURE)) throw new Error('not a PNG: bad signature');
  const width = png.readUInt32BE(16);
  const height = png.readUInt32BE(20);
  const bitDepth = png[24];
  const colorType = png[25];
  if (bitDepth !== 8 || (colorType !== 2 && colorType !== 6)) throw new Error(`unexpected PNG format ${bitDepth}/${colorType}`);
  const idat: Buffer[] = [];
  for (let off = 8; off < png.length; ) {
    const len = png.readUInt32BE(off);
    const type = png.toString('latin1', off + 4, off + 8);
    if (type === 'IDAT') idat.push(png.subarray(off + 8, off + 8 + len));
    off += 12 + len;
  }
  const raw = inflateSync(Buffer.concat(idat));
  const bpp = colorType === 6 ? 4 : 3;
  if (raw.length !== height * (1 + width * bpp)) throw new Error('PNG image data has the wrong size');
  return { width, height, topLeft: [raw[1], raw[2], raw[3]] };
}
