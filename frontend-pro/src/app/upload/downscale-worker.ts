/**
 * Starts a downscale worker. Alone in its file and loaded with a dynamic import: `import.meta` is what the Angular
 * builder needs to find and bundle the worker, and what the CommonJS specs cannot load.
 */
export function createDownscaleWorker(): Worker {
  return new Worker(new URL('./downscale.worker', import.meta.url), { type: 'module' });
}
