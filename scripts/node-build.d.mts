// Types for node-build.mjs (imported by its tests and the bench).
export declare const projectDir: string;
export declare const outDir: string;
export declare function writeStamp(out: string, root: string, sources: readonly string[], outputs: readonly string[]): number;
export declare function staleReason(out?: string, root?: string): string | null;
export declare function buildNode(out?: string): Promise<{ outputs: string[]; inputs: number }>;
export declare function ensureNodeBuild(program: string): Promise<void>;
