// Menu entries of issue #12, appended to the console menu by Layout.tsx.
import { BarChartOutlined, CommentOutlined, ReadOutlined, SafetyCertificateOutlined, TeamOutlined } from '@ant-design/icons';
import type { NavItem } from '../../app/Layout';

export const ORG_LIFE_NAV: NavItem[] = [
  { key: '/org-life/meetings', label: '三会一课', icon: <ReadOutlined />, visible: (me) => me.permissions.includes('orgLife.read') },
  { key: '/org-life/life-meetings', label: '组织生活会', icon: <TeamOutlined />, visible: (me) => me.permissions.includes('orgLife.read') },
  { key: '/org-life/talks-hours', label: '谈心谈话与学时', icon: <CommentOutlined />, visible: (me) => me.permissions.includes('orgLife.read') },
  { key: '/org-life/checkups', label: '党性体检', icon: <SafetyCertificateOutlined />, visible: (me) => me.permissions.includes('orgLife.checkups') },
  { key: '/org-life/compliance', label: '组织生活统计', icon: <BarChartOutlined />, visible: (me) => me.permissions.includes('orgLife.read') },
];
