// Reads QR codes from the phone's camera: the browser's BarcodeDetector where it exists (Chrome
// on Android), otherwise jsQR on canvas frames — loaded only when a camera is started without
// BarcodeDetector, so the door screen's chunk stays small.
type Detector = { detect: (source: CanvasImageSource) => Promise<{ rawValue: string }[]> };

declare global {
  interface Window {
    BarcodeDetector?: new (opts: { formats: string[] }) => Detector;
  }
}

export interface Scanner {
  stop: () => void;
}

/** Starts the back camera in `video` and calls `onCode` with each QR code seen (at most ~5 per second). */
export async function startScanner(video: HTMLVideoElement, onCode: (text: string) => void): Promise<Scanner> {
  const stream = await navigator.mediaDevices.getUserMedia({ video: { facingMode: 'environment' }, audio: false });
  video.srcObject = stream;
  video.setAttribute('playsinline', '');
  await video.play();
  let detect: (v: HTMLVideoElement) => Promise<string | null>;
  if (window.BarcodeDetector) {
    const d = new window.BarcodeDetector({ formats: ['qr_code'] });
    detect = async (v) => (await d.detect(v))[0]?.rawValue ?? null;
  } else {
    const jsQR = (await import('jsqr')).default;
    const canvas = document.createElement('canvas');
    const ctx = canvas.getContext('2d', { willReadFrequently: true })!;
    detect = async (v) => {
      if (!v.videoWidth) return null;
      canvas.width = v.videoWidth;
      canvas.height = v.videoHeight;
      ctx.drawImage(v, 0, 0);
      const img = ctx.getImageData(0, 0, canvas.width, canvas.height);
      return jsQR(img.data, img.width, img.height, { inversionAttempts: 'dontInvert' })?.data ?? null;
    };
  }
  let live = true;
  const loop = async () => {
    while (live) {
      try {
        const code = await detect(video);
        if (code && live) onCode(code);
      } catch {
        /* a frame that cannot be read: try the next */
      }
      await new Promise((r) => setTimeout(r, 200));
    }
  };
  void loop();
  return {
    stop: () => {
      live = false;
      stream.getTracks().forEach((tr) => tr.stop());
      video.srcObject = null;
    },
  };
}
