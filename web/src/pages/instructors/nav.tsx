// Menu entries of issue #11, appended to the console menu by Layout.tsx.
import { ApartmentOutlined, MobileOutlined } from '@ant-design/icons';
import type { NavItem } from '../../app/Layout';

export const INSTRUCTORS_NAV: NavItem[] = [
  { key: '/instructors', label: '两新组织与指导员', icon: <ApartmentOutlined />, visible: (me) => me.permissions.includes('instructors.read') },
  { key: '/i', label: '指导员手机页', icon: <MobileOutlined />, visible: (me) => me.role === 'instructor' && me.permissions.includes('instructors.work') },
];
