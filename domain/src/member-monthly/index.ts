// The member-monthly modules (theme days, dues, stars, situation reports): rules and schemas.
export * from './months';
export * from '../dues/dues-rules';
export * from '../dues/dues-import';
export * from '../stars/star-rules';
export * from '../theme-days/qr-token';
export * from './member-monthly.schemas';
export * from './audit-labels';
