export * from './orgs';
export * from './members';
export * from './accounts';
export * from './platform';
export * from './development';
export * from './files';
export * from './duties';
export * from './member-monthly';
