// Eleventy and its Vite plugin ship no type declarations; these are the parts we use.
declare module '@11ty/eleventy' {
  export default class Eleventy {
    constructor(input?: string, output?: string, options?: Record<string, unknown>);
    write(): Promise<unknown>;
    watch(): Promise<unknown>;
    serve(port?: number): Promise<unknown>;
  }
}
declare module '@11ty/eleventy-plugin-vite' {
  const plugin: (eleventyConfig: unknown, options?: Record<string, unknown>) => void;
  export default plugin;
}
