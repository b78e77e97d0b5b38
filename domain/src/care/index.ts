// Care for members and relationship transfers (issue #13): rules and schemas.
export * from './care-rules';
export * from './care.schemas';
export * from './condolence';
