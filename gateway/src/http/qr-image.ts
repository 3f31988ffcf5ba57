import QRCode from 'qrcode';

/** A QR code as the API serves it (an order's, a till's printed one): SVG or PNG, `size` pixels wide. */
export async function qrImage(
  text: string,
  format: 'svg' | 'png',
  size: number,
): Promise<{ status: 200; body: string | Buffer; type: string }> {
  const options = { width: size, margin: 2, errorCorrectionLevel: 'M' as const };
  if (format === 'svg')
    return { status: 200, body: await QRCode.toString(text, { ...options, type: 'svg' }), type: 'image/svg+xml' };
  return { status: 200, body: await QRCode.toBuffer(text, { ...options, type: 'png' }), type: 'image/png' };
}
