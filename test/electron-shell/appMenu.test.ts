import { test } from 'node:test';
import assert from 'node:assert/strict';
import { appMenuTemplate, contextMenuTemplate } from '../../electron/main/appMenu';

// (Tests may not import 'electron', not even its types: the lint boundary says so.)
type MenuItemConstructorOptions = ReturnType<typeof appMenuTemplate>[number];

function flatten(items: MenuItemConstructorOptions[]): MenuItemConstructorOptions[] {
  return items.flatMap((item) => [item, ...(Array.isArray(item.submenu) ? flatten(item.submenu) : [])]);
}

test('the app menu is in Chinese; developer tools only in development', () => {
  let about = 0;
  const packaged = appMenuTemplate({ devTools: false, onAbout: () => about++ });
  assert.deepEqual(
    packaged.map((m) => m.label),
    ['文件', '编辑', '视图', '帮助'],
  );
  const items = flatten(packaged);
  for (const item of items) if (item.type !== 'separator') assert.match(String(item.label), /[\u4e00-\u9fff]/);
  assert.equal(
    items.some((i) => i.role === 'toggleDevTools'),
    false,
  );
  assert.equal(
    flatten(appMenuTemplate({ devTools: true, onAbout: () => {} })).some((i) => i.role === 'toggleDevTools'),
    true,
  );
  const aboutItem = items.find((i) => i.label === '关于乡镇一站通');
  (aboutItem?.click as () => void)();
  assert.equal(about, 1);
});

test('right-click menu: editing commands in inputs, copy on selected text, nothing elsewhere', () => {
  const editFlags = {
    canCut: true,
    canCopy: true,
    canPaste: true,
    canSelectAll: true,
    canUndo: true,
    canRedo: true,
    canDelete: true,
    canEditRichly: false,
  };
  assert.deepEqual(
    contextMenuTemplate({ isEditable: true, selectionText: '', editFlags })
      .filter((i) => i.role)
      .map((i) => i.label),
    ['剪切', '复制', '粘贴', '全选'],
  );
  assert.deepEqual(
    contextMenuTemplate({ isEditable: false, selectionText: '张三', editFlags }).map((i) => i.label),
    ['复制'],
  );
  assert.deepEqual(contextMenuTemplate({ isEditable: false, selectionText: '  ', editFlags }), []);
});
