/**
 * The Standard Schema interface (https://standardschema.dev), copied as its spec recommends rather than depended on:
 * what zod, valibot, arktype and others implement, and what the escape hatch's `schema` takes.
 */

/** A schema of any library implementing Standard Schema v1: `'~standard'.validate` checks a value. */
export interface StandardSchemaV1<Input = unknown, Output = Input> {
  /** The Standard Schema properties. */
  readonly '~standard': StandardSchemaV1.Props<Input, Output>;
}

/** The parts of the Standard Schema interface. */
export declare namespace StandardSchemaV1 {
  /** The Standard Schema properties. */
  export interface Props<Input = unknown, Output = Input> {
    /** The version of the standard. */
    readonly version: 1;
    /** The schema library's name. */
    readonly vendor: string;
    /** Checks a value; may answer with a promise. */
    readonly validate: (value: unknown, options?: Options | undefined) => Result<Output> | Promise<Result<Output>>;
    /** The types the schema takes and gives, for inference only. */
    readonly types?: Types<Input, Output> | undefined;
  }

  /** What `validate` answers. */
  export type Result<Output> = SuccessResult<Output> | FailureResult;

  /** The answer of a value that passed. */
  export interface SuccessResult<Output> {
    /** The value, as the schema gives it. */
    readonly value: Output;
    /** A falsy value for `issues` means success. */
    readonly issues?: undefined;
  }

  /** Options of `validate`. */
  export interface Options {
    /** Vendor-specific parameters. */
    readonly libraryOptions?: Record<string, unknown> | undefined;
  }

  /** The answer of a value that failed. */
  export interface FailureResult {
    /** Why it failed. */
    readonly issues: ReadonlyArray<Issue>;
  }

  /** One reason a value failed. */
  export interface Issue {
    /** The issue in words. */
    readonly message: string;
    /** Where in the value, if anywhere. */
    readonly path?: ReadonlyArray<PropertyKey | PathSegment> | undefined;
  }

  /** One step of an issue's path, as some libraries give it. */
  export interface PathSegment {
    /** The key of the step. */
    readonly key: PropertyKey;
  }

  /** The types a schema takes and gives. */
  export interface Types<Input = unknown, Output = Input> {
    /** What the schema takes. */
    readonly input: Input;
    /** What the schema gives. */
    readonly output: Output;
  }
}
