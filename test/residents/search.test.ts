import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { pinyinInitialsVariants } from '../../shared/residents/pinyinInitials';
import { parseResidentQuery, residentSearchTokens } from '../../shared/residents/search';

describe('pinyin initials', () => {
  test('a clerk types zsf for 张三丰', () => {
    assert.deepEqual(pinyinInitialsVariants('张三丰'), ['zsf']);
  });

  test('surnames read as surnames come first, other readings follow', () => {
    assert.equal(pinyinInitialsVariants('曾小贤')[0], 'zxx');
    assert.ok(pinyinInitialsVariants('曾小贤').includes('cxx'));
    assert.equal(pinyinInitialsVariants('单田芳')[0], 'stf');
  });

  test('rare characters get their initials, including ones outside the BMP', () => {
    assert.deepEqual(pinyinInitialsVariants('𠮷祥'), ['jx']);
    assert.deepEqual(pinyinInitialsVariants('王堃'), ['wk']);
    assert.deepEqual(pinyinInitialsVariants('刘䶮'), ['ly']);
  });

  test('punctuation in minority names is skipped', () => {
    assert.ok(pinyinInitialsVariants('阿依古丽·买买提').includes('ayglmmt'));
  });
});

describe('search tokens', () => {
  test('every name fragment and every initials prefix of two or more letters', () => {
    const tokens = residentSearchTokens('张三丰');
    for (const t of ['n:张', 'n:三', 'n:丰', 'n:张三', 'n:三丰', 'n:张三丰', 'p:zs', 'p:zsf'])
      assert.ok(tokens.includes(t), t);
    assert.ok(!tokens.includes('p:z'));
  });

  test('a character outside the BMP is one character, not two halves', () => {
    const tokens = residentSearchTokens('𠮷祥');
    assert.ok(tokens.includes('n:𠮷'));
    assert.ok(tokens.every((t) => !/[\uD800-\uDFFF]/.test(t.replace('𠮷', ''))));
  });
});

describe('reading what the clerk typed', () => {
  test('kinds of terms', () => {
    assert.deepEqual(parseResidentQuery('张三'), { ok: true, terms: [{ kind: 'name', text: '张三' }] });
    assert.deepEqual(parseResidentQuery('ZSF'), { ok: true, terms: [{ kind: 'letters', text: 'zsf' }] });
    assert.deepEqual(parseResidentQuery('1234'), { ok: true, terms: [{ kind: 'digits', text: '1234' }] });
    assert.deepEqual(parseResidentQuery('11010519491231002x'), {
      ok: true,
      terms: [{ kind: 'fullIdNumber', text: '11010519491231002X' }],
    });
    assert.deepEqual(parseResidentQuery('张　1234'), {
      ok: true,
      terms: [
        { kind: 'name', text: '张' },
        { kind: 'digits', text: '1234' },
      ],
    });
  });

  test('too little to search on is refused with the reason', () => {
    const short = parseResidentQuery('123');
    assert.ok(!short.ok);
    assert.match(short.message, /至少输入后 4 位/);
    assert.ok(!parseResidentQuery('   ').ok);
  });
});
