export * from './orgs';
export * from './members';
export * from './accounts';
export * from './platform';
export * from './member-monthly';
