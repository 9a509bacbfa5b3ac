/** The draft the `@vscode/test-electron` suite opens: a citation after CJK text, and a broken one. */
export const SUITE_DRAFT = [
  '# 测试草稿',
  '',
  '其中美国重启撤军之后的阶段最为关键[[002#us-phase3]]，见原文。',
  '第四阶段尚无定论[[002#us-phase9]]。',
  '补充：[[002#',
  '',
].join('\n');

/** Where things are in SUITE_DRAFT (0-based lines; UTF-16 characters, as VS Code counts). */
export const AT = {
  cited: { line: 2, character: SUITE_DRAFT.split('\n')[2]!.indexOf('us-phase3') },
  broken: 3,
  typing: { line: 4, character: '补充：[[002#'.length },
};
