export * from './types.js';
export * from './checksums.js';
export * from './lexicon.js';
export { STRUCTURAL_WORDS, SECURITY_WORDS } from './vocabulary.js';
export * from './detect.js';
export * from './mask.js';
export { MASK_LABELS, MASK_TOKEN, maskTokenRanges } from './mask-tokens.js';
