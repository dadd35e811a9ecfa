// A canvas for d3-cloud that reads back only the pixels it drew on.
//
// d3-cloud draws a batch of word sprites onto a fixed 2048 × 2048 canvas and then calls
// getImageData on the whole of it. With @napi-rs/canvas that read costs ≈ 110 ms, most of a
// 10-word layout. The sprites are packed from the top, and d3-cloud positions each one with
// `translate(x + w/2, y + h/2)`, so the lowest used row is at most twice the largest translate y.
// We read only those rows and return a full-size, zero-filled buffer: the pixels d3-cloud sees
// are exactly the ones a full read would give, at a fraction of the cost.

import { createCanvas, type SKRSContext2D } from '@napi-rs/canvas';

interface CloudCanvas {
  width: number;
  height: number;
  getContext(type: '2d'): SKRSContext2D;
}

// One full-size buffer reused across reads (d3-cloud consumes each read before the next one):
// allocating 16 MB per layout made garbage collection the largest cost.
let buffer: Uint8ClampedArray | null = null;
let dirty = 0;

function reusedBuffer(size: number, part: Uint8ClampedArray): Uint8ClampedArray {
  if (!buffer || buffer.length !== size) {
    buffer = new Uint8ClampedArray(size);
    dirty = 0;
  }
  if (dirty > part.length) buffer.fill(0, part.length, dirty);
  buffer.set(part);
  dirty = part.length;
  return buffer;
}

export function boundedReadCanvas(): CloudCanvas {
  const canvas = createCanvas(1, 1);
  const context = canvas.getContext('2d');
  let lowestY = 0;
  const proxy = new Proxy(context, {
    get(target, prop) {
      if (prop === 'translate') {
        return (x: number, y: number) => {
          lowestY = Math.max(lowestY, y);
          target.translate(x, y);
        };
      }
      if (prop === 'clearRect') {
        return (x: number, y: number, w: number, h: number) => {
          lowestY = 0;
          target.clearRect(x, y, w, h);
        };
      }
      if (prop === 'getImageData') {
        return (x: number, y: number, w: number, h: number) => {
          const rows = Math.min(h, Math.ceil(2 * lowestY) + 2);
          if (rows >= h) return target.getImageData(x, y, w, h);
          const part = target.getImageData(x, y, w, rows);
          return { width: w, height: h, data: reusedBuffer(w * h * 4, part.data) };
        };
      }
      const value = Reflect.get(target, prop, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
    set(target, prop, value) {
      return Reflect.set(target, prop, value, target);
    },
  });
  return {
    get width() {
      return canvas.width;
    },
    set width(v: number) {
      canvas.width = v;
    },
    get height() {
      return canvas.height;
    },
    set height(v: number) {
      canvas.height = v;
    },
    getContext: () => proxy,
  };
}
