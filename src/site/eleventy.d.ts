// The part of Eleventy 3's programmatic API the build uses (the package ships no types).
declare module '@11ty/eleventy' {
  interface EleventyLogger {
    overrideLogger(logger: { log(m: string): void; info(m: string): void; warn(m: string): void; error(m: string): void } | false): void;
  }
  interface EleventyOptions {
    configPath?: string;
    pathPrefix?: string;
    quietMode?: boolean;
    config?: (eleventyConfig: unknown) => void | Promise<void>;
  }
  export default class Eleventy {
    constructor(input: string, output: string, options?: EleventyOptions);
    logger: EleventyLogger;
    init(): Promise<void>;
    write(): Promise<unknown>;
    watch(): Promise<void>;
    stopWatch(): Promise<void>;
  }
}
