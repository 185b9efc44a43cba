/** Every migration, in order, imported as classes (globs break once webpack bundles the API). */
export const MIGRATIONS = [];
