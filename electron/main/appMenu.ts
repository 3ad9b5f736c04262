// The application menu and the right-click menu, in Chinese. Plain data (the 'electron' import is
// for types only), tested in test/electron-shell/appMenu.test.ts.
import type { ContextMenuParams, MenuItemConstructorOptions } from 'electron';

export interface AppMenuOptions {
  /** Developer tools in the 视图 menu: development builds only. */
  devTools: boolean;
  onAbout: () => void;
  /** Client mode only: 断开大厅主机，改用本机数据… (main.ts asks, then removes the setting and restarts). */
  onLeaveHall?: () => void;
}

export const LEAVE_HALL_LABEL = '断开大厅主机，改用本机数据…';

export function appMenuTemplate({ devTools, onAbout, onLeaveHall }: AppMenuOptions): MenuItemConstructorOptions[] {
  const view: MenuItemConstructorOptions[] = [
    { role: 'reload', label: '重新加载' },
    ...(devTools ? [{ role: 'toggleDevTools', label: '开发者工具' } as const] : []),
    { type: 'separator' },
    { role: 'resetZoom', label: '实际大小' },
    { role: 'zoomIn', label: '放大' },
    { role: 'zoomOut', label: '缩小' },
    { type: 'separator' },
    { role: 'togglefullscreen', label: '全屏' },
  ];
  return [
    {
      label: '文件',
      submenu: [
        ...(onLeaveHall
          ? [{ label: LEAVE_HALL_LABEL, click: () => onLeaveHall() }, { type: 'separator' } as const]
          : []),
        { role: 'quit', label: '退出' },
      ],
    },
    {
      label: '编辑',
      submenu: [
        { role: 'undo', label: '撤销' },
        { role: 'redo', label: '重做' },
        { type: 'separator' },
        { role: 'cut', label: '剪切' },
        { role: 'copy', label: '复制' },
        { role: 'paste', label: '粘贴' },
        { role: 'selectAll', label: '全选' },
      ],
    },
    { label: '视图', submenu: view },
    { label: '帮助', submenu: [{ label: '关于乡镇一站通', click: () => onAbout() }] },
  ];
}

/**
 * Electron shows no right-click menu by default; clerks paste ID numbers and names with it.
 * Only editing commands, and only those that apply where the click happened.
 */
export function contextMenuTemplate(
  params: Pick<ContextMenuParams, 'isEditable' | 'selectionText' | 'editFlags'>,
): MenuItemConstructorOptions[] {
  const hasSelection = params.selectionText.trim() !== '';
  if (params.isEditable) {
    return [
      { role: 'cut', label: '剪切', enabled: params.editFlags.canCut },
      { role: 'copy', label: '复制', enabled: params.editFlags.canCopy },
      { role: 'paste', label: '粘贴', enabled: params.editFlags.canPaste },
      { type: 'separator' },
      { role: 'selectAll', label: '全选', enabled: params.editFlags.canSelectAll },
    ];
  }
  return hasSelection ? [{ role: 'copy', label: '复制', enabled: params.editFlags.canCopy }] : [];
}
