// Types of the parts of fflate that handin.ts uses (the package's own
// declarations are not vendored).
export interface DeflateOptions {
  level?: 0 | 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8 | 9;
}
export interface InflateOptions {
  out?: Uint8Array;
}
export function deflateSync(data: Uint8Array, opts?: DeflateOptions): Uint8Array;
export function inflateSync(data: Uint8Array, opts?: InflateOptions): Uint8Array;
