// Photos are made small on the phone before they are queued: a 12-megapixel camera picture is
// 3-5 MB, which a PSM's data plan and the sync request (1 MB) cannot carry. Scaled so the long
// side is at most 1280 px, then re-encoded as WebP (JPEG where the browser cannot write WebP),
// lowering the quality until it fits `maxBytes` (about 200 KB). Re-encoding through a canvas also
// drops the EXIF block, GPS position of the photo included, which the ground check records on
// its own.
export interface Compressed {
  base64: string;
  type: string;
  bytes: number;
  width: number;
  height: number;
}

const MAX_SIDE = 1280;

function toBlob(canvas: HTMLCanvasElement, type: string, quality: number): Promise<Blob | null> {
  return new Promise((resolve) => canvas.toBlob(resolve, type, quality));
}

async function base64Of(blob: Blob): Promise<string> {
  const buf = new Uint8Array(await blob.arrayBuffer());
  let bin = '';
  for (let i = 0; i < buf.length; i += 0x8000) bin += String.fromCharCode(...buf.subarray(i, i + 0x8000));
  return btoa(bin);
}

export async function compressImage(file: Blob, maxBytes = 200 * 1024): Promise<Compressed> {
  const bitmap = await createImageBitmap(file);
  let scale = Math.min(1, MAX_SIDE / Math.max(bitmap.width, bitmap.height));
  for (let attempt = 0; attempt < 6; attempt++) {
    const width = Math.max(1, Math.round(bitmap.width * scale));
    const height = Math.max(1, Math.round(bitmap.height * scale));
    const canvas = document.createElement('canvas');
    canvas.width = width;
    canvas.height = height;
    canvas.getContext('2d')!.drawImage(bitmap, 0, 0, width, height);
    for (const quality of [0.8, 0.65, 0.5, 0.4]) {
      let blob = await toBlob(canvas, 'image/webp', quality);
      if (!blob || blob.type !== 'image/webp') blob = await toBlob(canvas, 'image/jpeg', quality);
      if (blob && blob.size <= maxBytes) {
        bitmap.close();
        return { base64: await base64Of(blob), type: blob.type, bytes: blob.size, width, height };
      }
    }
    scale *= 0.7;
  }
  bitmap.close();
  throw new Error('photo too large after compression');
}
