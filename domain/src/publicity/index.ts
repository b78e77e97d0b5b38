export * from './rules';
export * from './sanitize';
export * from './publicity.schemas';
