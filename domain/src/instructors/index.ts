export * from './vocabulary';
export * from './onsite';
export * from './assessment';
export * from './coverage';
export * from './eligibility';
export * from './instructors.schemas';
export * from './audit-labels';
export * from './letters';
