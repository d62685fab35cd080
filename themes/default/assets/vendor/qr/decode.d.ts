// Types of the part of the qr decoder that scan.ts uses.
export interface Image {
  width: number;
  height: number;
  data: Uint8Array | Uint8ClampedArray | number[];
}
export interface DecodeOptions {
  effort?: number;
  timeLimit?: number;
}
export function decodeQR(img: Image, opts?: DecodeOptions): string;
