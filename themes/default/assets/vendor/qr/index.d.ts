// Types of the part of the qr encoder that qrhandin.ts uses.
export interface EncodeOptions {
  ecc?: "low" | "medium" | "quartile" | "high";
  border?: number;
}
export function encodeQR(text: string, output: "raw", opts?: EncodeOptions): boolean[][];
