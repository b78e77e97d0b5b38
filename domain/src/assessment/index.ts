export * from './scoring';
export * from './assessment.schemas';
export * from './weak-orgs';
