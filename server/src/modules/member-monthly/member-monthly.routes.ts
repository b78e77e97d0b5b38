// The route sets of issue #5 (theme days, dues, stars, situation reports), registered by app.ts in one line.
import { communityRoutes } from '../community/community.routes';
import { duesRoutes } from '../dues/dues.routes';
import { noticeRoutes } from '../notices/notices.routes';
import { reportRoutes } from '../reports/reports.routes';
import { starRoutes } from '../stars/stars.routes';
import { themeDayRoutes } from '../theme-days/theme-days.routes';

export const memberMonthlyRoutes = [themeDayRoutes, duesRoutes, starRoutes, reportRoutes, communityRoutes, noticeRoutes];
