export * from './scoring';
export * from './assessment.schemas';
