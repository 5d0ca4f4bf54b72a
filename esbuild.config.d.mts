// Types for esbuild.config.mjs, so tests and benchmarks can call the real build.
import type { BuildOptions, Metafile } from 'esbuild';

export declare const FUNCTIONS: string[];
export declare const NODE_TARGET: string;
/** `nodeX.Y` for serverless.yml's `provider.runtime: NodejsX.Y` (the repository's file by default). */
export declare function nodeTarget(serverlessYml?: string): string;
export declare const sharedOptions: BuildOptions;
export declare function buildFunctions(options?: {
  outdir?: string;
  policyFile?: string;
}): Promise<{ outdir: string; metafiles: Record<string, Metafile>; policyPath: string }>;
