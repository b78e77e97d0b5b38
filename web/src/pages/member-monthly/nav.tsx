// Menu entries of issue #5, appended to the console menu by Layout.tsx.
import { HeartOutlined, SwapOutlined, NotificationOutlined, SettingOutlined, CalendarOutlined, MobileOutlined, MoneyCollectOutlined, SolutionOutlined, StarOutlined } from '@ant-design/icons';
import type { NavItem } from '../../app/Layout';

export const MEMBER_MONTHLY_NAV: NavItem[] = [
  { key: '/theme-days', label: '主题党日', icon: <CalendarOutlined />, visible: (me) => me.permissions.includes('themeDays.read') },
  { key: '/dues', label: '党费收缴', icon: <MoneyCollectOutlined />, visible: (me) => me.permissions.includes('dues.read') },
  { key: '/stars/wall', label: '星级质量图', icon: <StarOutlined />, visible: (me) => me.permissions.includes('stars.read') },
  { key: '/stars/settings', label: '星级积分设置', icon: <SettingOutlined />, visible: (me) => me.permissions.includes('stars.write') },
  { key: '/reports', label: '流动党员汇报', icon: <SolutionOutlined />, visible: (me) => me.permissions.includes('reports.read') },
  { key: '/notices', label: '支部通知', icon: <NotificationOutlined />, visible: (me) => me.permissions.includes('notices.read') },
  { key: '/care', label: '关爱帮扶', icon: <HeartOutlined />, visible: (me) => me.permissions.includes('care.read') },
  { key: '/transfers', label: '组织关系转接', icon: <SwapOutlined />, visible: (me) => me.permissions.includes('care.read') },
];

/** The members' phone pages, listed last (after 我的档案). */
export const MEMBER_MOBILE_NAV: NavItem[] = [
  { key: '/m', label: '党员之家（手机版）', icon: <MobileOutlined />, visible: (me) => me.memberId !== null && me.permissions.includes('self.write') },
];
