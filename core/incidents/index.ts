export * from './model.js';
export * from './trigger.js';
export * from './row.js';
export * from './classify.js';
export * from './sentinel-change.js';
export { foldKeys } from './fold.js';
export { entityOf, entitiesOf } from './entities.js';
export { isoUtc } from './values.js';
