import { ValueTransformer } from 'typeorm';

/**
 * Column value transformers shared by several entities. Each is a pure pair of functions with a unit test.
 */

/** Emails are compared lower-cased everywhere, so they are stored that way (and queried that way: FindOptions go through `to`). */
export const lowerCaseTransformer: ValueTransformer = {
  to: (value: unknown) => (typeof value === 'string' ? value.trim().toLowerCase() : value),
  from: (value: unknown) => value,
};

/**
 * `bigint` columns come back from `pg` as strings because they may exceed 2^53. Photo sizes and similar
 * counters never do, so they are handed to the code as numbers; a value that would lose precision throws
 * rather than silently rounding.
 */
export const bigintToNumberTransformer: ValueTransformer = {
  to: (value: unknown) => value,
  from: (value: unknown): number | null => {
    if (value === null || value === undefined) return null;
    const n = typeof value === 'number' ? value : Number(value);
    if (!Number.isSafeInteger(n)) {
      throw new RangeError(`bigint value ${String(value)} does not fit in a JavaScript number`);
    }
    return n;
  },
};
