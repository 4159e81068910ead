export * from './canonical.js';
export * from './entry.js';
export * from './chain.js';
