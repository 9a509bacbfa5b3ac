/**
 * A markdown-it plugin that spares the inline parser the inline content it would only copy: text in
 * which none of the enabled inline rules can start. Most of a source's paragraphs are such plain
 * prose (1,000 documents of the scale bench's second shape: 82 % of the inline tokens, 73 % of their
 * characters), and the inline parser walks them character by character, building a state and
 * calling every rule at each stop, to give one `text` token holding the whole content. This gives
 * that token directly; any other content goes to markdown-it's own inline parser, as before.
 *
 * Example: `太平洋战争的爆发, 1941` gives the children `[text '太平洋战争的爆发, 1941']` without
 * the inline parser; `见 [注](x)` and `a\nb` (a line break) are parsed by markdown-it as usual.
 *
 * Which characters start a rule is read from markdown-it 15's rules (`rules_inline/*.ts`) and the
 * footnote plugin's: a line break (`newline`), `\` (`escape`), `` ` `` (`backticks`), `~`
 * (`strikethrough`), `*` and `_` (`emphasis`), `[` (`link`, `footnote_ref`, and the `![` of
 * `image` and `^[` of `footnote_inline`), `<` (`autolink`, `html_inline`) and `&` (`entity`);
 * `linkify` acts only with the option on, and `text` copies. The plugin acts only when the enabled
 * rules are exactly these (an upgrade or another plugin that adds one turns it off), and a property
 * test holds its tokens equal to markdown-it's own on generated Markdown (plainInline.test.ts).
 */
import type { MarkdownIt, StateCore } from 'markdown-it';

/** The inline rules whose starting characters {@link RULE_START} lists, and the post-processing rules. */
const KNOWN_RULES = [
  'text',
  'linkify',
  'newline',
  'escape',
  'backticks',
  'strikethrough',
  'emphasis',
  'link',
  'image',
  'footnote_inline',
  'footnote_ref',
  'autolink',
  'html_inline',
  'entity',
].join(' ');
const KNOWN_RULES_2 = ['balance_pairs', 'strikethrough', 'emphasis', 'fragments_join'].join(' ');

/** A character at which one of {@link KNOWN_RULES} other than `text` and `linkify` can match. */
const RULE_START = /[\n\\`~*_[<&]/;

/** Whether the inline parser of `md` would turn any content without {@link RULE_START} into one `text` token. */
export function plainInlineApplies(md: MarkdownIt): boolean {
  return (
    !md.options.linkify &&
    ruleNames(md.inline.ruler) === KNOWN_RULES &&
    ruleNames(md.inline.ruler2) === KNOWN_RULES_2
  );
}

/** The names of a ruler's enabled rules, in order, separated by spaces. */
function ruleNames(ruler: { __rules__: { name: string; enabled: boolean }[] }): string {
  return ruler.__rules__
    .filter((r) => r.enabled)
    .map((r) => r.name)
    .join(' ');
}

/**
 * Replaces markdown-it's core `inline` rule by one that gives plain content its `text` token
 * directly. Use it after the plugins that add inline rules; whenever {@link plainInlineApplies} is
 * false the rule does what markdown-it's does. (It is asked again when a ruler's compiled rules
 * change, i.e. after a rule is added, enabled or disabled.)
 */
export function plainInline(md: MarkdownIt): void {
  let checked: { rules: unknown; rules2: unknown; linkify: boolean; applies: boolean } | undefined;
  const applies = () => {
    const rules = md.inline.ruler.getRules('');
    const rules2 = md.inline.ruler2.getRules('');
    const linkify = !!md.options.linkify;
    if (checked?.rules !== rules || checked.rules2 !== rules2 || checked.linkify !== linkify)
      checked = { rules, rules2, linkify, applies: plainInlineApplies(md) };
    return checked.applies;
  };
  md.core.ruler.at('inline', (state: StateCore) => {
    const plain = applies();
    const tokens = state.tokens;
    for (let i = 0; i < tokens.length; i++) {
      const token = tokens[i]!;
      if (token.type !== 'inline') continue;
      const content = token.content;
      if (!plain || RULE_START.test(content)) {
        state.md.inline.parse(content, state.md, state.env, token.children!);
      } else if (content) {
        // As StateInline.pushPending makes it: level 0, no tag, the whole content.
        const text = new state.Token('text', '', 0);
        text.content = content;
        token.children!.push(text);
      }
    }
  });
}
