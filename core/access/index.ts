export * from './matrix.js';
export * from './policy.js';
