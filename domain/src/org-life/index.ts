export * from './meetings';
export * from './frequency';
export * from './hours';
export * from './talks';
export * from './org-life.schemas';
export * from './checkups';
export * from './appraisals';
export * from './life-meetings';
