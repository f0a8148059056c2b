/** The types of strict-app.mjs (plain JavaScript, which run.mjs reads too). */
export declare const ESM_APP: string;
export declare const CJS_APP: string;
export declare const STRICT: Record<string, unknown>;
export declare const LOOSE: Record<string, unknown>;
export declare const NODE_LIB: string[];
export declare const BROWSER_LIB: string[];
export declare const RESOLUTIONS: { name: string; files: string[]; options: Record<string, unknown> }[];
export declare function isOurs(file: string): boolean;
