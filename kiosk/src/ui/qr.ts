/** QR code as an SVG path, one unit square per dark module (uqr does the encoding). */
import { encode } from 'uqr';

export interface QrSvg {
  size: number;
  path: string;
}

export function qrSvg(text: string, border = 2): QrSvg {
  const qr = encode(text, { ecc: 'M', border });
  let path = '';
  qr.data.forEach((row, y) =>
    row.forEach((dark, x) => {
      if (dark) path += `M${x} ${y}h1v1h-1z`;
    }),
  );
  return { size: qr.size, path };
}
