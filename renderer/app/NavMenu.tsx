import {
  BarChartOutlined,
  FileProtectOutlined,
  CarOutlined,
  CommentOutlined,
  HomeOutlined,
  MessageOutlined,
  SettingOutlined,
  SolutionOutlined,
  SyncOutlined,
  TeamOutlined,
  UsergroupAddOutlined,
} from '@ant-design/icons';
import { Menu } from 'antd';
import type { ReactNode } from 'react';
import type { Role } from '../../shared/auth/roles';
import { href, navigate, type Route } from '../common/router';
import { sectionByKey, sectionOf, visibleSections, type SectionKey } from './sections';

const ICONS: Record<SectionKey, ReactNode> = {
  home: <HomeOutlined />,
  residents: <TeamOutlined />,
  counter: <SolutionOutlined />,
  errands: <CarOutlined />,
  mediation: <UsergroupAddOutlined />,
  petitions: <MessageOutlined />,
  matters: <CommentOutlined />,
  statistics: <BarChartOutlined />,
  sync: <SyncOutlined />,
  documents: <FileProtectOutlined />,
  system: <SettingOutlined />,
};

/** Plain links, so the hash routes work with the keyboard, middle-click and back button alike. */
export function NavMenu({ route, roles }: { route: Route; roles: readonly Role[] }) {
  const current = sectionOf(route);
  const items = visibleSections(roles).map((section) => ({
    key: section.key,
    icon: ICONS[section.key],
    label: <a href={href(section.path)}>{section.label}</a>,
  }));
  return (
    <nav aria-label="主菜单">
      <Menu
        mode="inline"
        selectedKeys={current ? [current] : []}
        items={items}
        // The whole row, not just the words, opens the section; Enter on a focused item too.
        onClick={({ key }) => navigate(sectionByKey(key as SectionKey).path)}
        style={{ borderInlineEnd: 'none', paddingTop: 8 }}
      />
    </nav>
  );
}
