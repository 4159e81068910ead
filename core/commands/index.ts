export * from './catalog.js';
export * from './parse.js';
export { RESPONSE_COMMANDS, type ResponseCommand, type ResponseCommandName } from './response.js';
