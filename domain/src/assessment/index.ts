export * from './scoring';
export * from './assessment.schemas';
export * from './weak-orgs';
export * from './weak-orgs.schemas';
