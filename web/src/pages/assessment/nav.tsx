// Menu entries of issue #15, appended to the console menu by Layout.tsx.
import { AlertOutlined, TrophyOutlined } from '@ant-design/icons';
import type { NavItem } from '../../app/Layout';

export const ASSESSMENT_NAV: NavItem[] = [
  { key: '/assessment', label: '年度考核', icon: <TrophyOutlined />, visible: (me) => me.permissions.includes('assessment.read') },
  { key: '/assessment/weak-orgs', label: '软弱涣散整顿', icon: <AlertOutlined />, visible: (me) => me.permissions.includes('assessment.read') },
];
