// The root package.json holds the release version; webpack inlines the JSON at build time, so nothing is read
// from disk at run time. It is data, not a project, which the boundary rule is about.
// eslint-disable-next-line @nx/enforce-module-boundaries
import { version } from '../../package.json';

/** The release, from the root package.json. */
export const APP_VERSION: string = version;
