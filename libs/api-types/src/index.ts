export * from './lib/roles';
export * from './lib/enums';
export * from './lib/auth';
export * from './lib/events';
export * from './lib/common';
export * from './lib/sport-labels';
export * from './lib/photos';
export * from './lib/search';
