"""Text from outside the code shown as text: never as markdown, HTML or an icon.

Streamlit reads markdown in st.markdown, st.caption, st.write (a string), st.info / warning /
error / success, st.title / header / subheader, st.toast, st.spinner, progress texts, the labels
of widgets, expanders, tabs and metrics, and every help= tooltip. Text that comes from the
database or from someone else (a register value, the zone's name, a user, e-mail or file name, a
sheet name, a setting, an error message, the engine's problem texts that quote an indicator)
would be read as markdown there too: bold, links, images (every viewer's browser then fetches the
image's outside address), `$...$` as LaTeX, `:material/home:` and `:smile:` as icons,
`:red[...]` as colour, `->` as an arrow. Such text goes through `plain()` where it is put into
markdown, and only there; the fixed Dutch texts around it stay as they are:

    st.caption(f"Trekker {plain(trekker)}: {fmt_int(n)} acties")

Elements that never read markdown take the text as it is (plain() would show its backslashes):
st.dataframe cells, the options of a selectbox or multiselect, text_input values, st.text,
st.code. (The options of st.radio, st.pills and st.segmented_control are markdown.)

Plotly reads a little HTML in every text it draws (titles, tick labels, hover texts, bar texts:
<b>, <br>, <a href=...>); `chart_text()` escapes that for register text put into a figure.
"""

from __future__ import annotations

import re

# Characters that start markdown in Streamlit: CommonMark and GFM (emphasis, code, links and
# images, HTML and autolinks, entities, headings, lists, quotes, tables, strike-through), LaTeX
# ($), directives such as :red[...] and :small[...] ({} for their attributes), the ":material/"
# icon prefix (/) and e-mail and www. autolinks (@ and .). A backslash before any ASCII
# punctuation character shows that character itself (CommonMark "backslash escapes").
MARKDOWN_SPECIAL = frozenset("\\`*_{}[]<>()#+-.!|~$:&@/")
WORD_JOINER = "\u2060"  # invisible, zero width, no line break: splits a shortcode or an arrow

# Streamlit (and GFM) replace these in the text after the markdown is parsed, so an escaped
# character does not stop them: shortcodes (:smile:, :+1:, :material_home:, :streamlit:) ...
_SHORTCODE_START = re.compile(r":(?=[\w+-]+:)")
# ... web addresses and e-mail addresses (GFM autolinks: http://, https://, www., a@b.c) ...
_AUTOLINK = re.compile(r"https?:(?=//)|www(?=\.)|@(?=[-\w])", re.IGNORECASE)
# ... and arrows and dashes between spaces (-> <- <-> -- >= <= ~=).
_TYPOGRAPHIC = re.compile(r"(?<!\S)(<->|->|<-|--|>=|<=|~=)(?!\S)")
_LINE_BREAKS = re.compile(r"[ \t\r\n\f\v]+")


def plain(text) -> str:
    """`text` (any value; None is '') as markdown that shows exactly these characters: every
    markdown character backslash-escaped; a word joiner (U+2060, invisible) after the first
    colon of a shortcode, after 'http:', 'https:', 'www' and '@' of an address and inside a
    spaced arrow; line breaks and runs of spaces as one space (the text is shown inline, as
    HTML would show it)."""
    if text is None:
        return ""
    value = _LINE_BREAKS.sub(" ", str(text))
    value = _SHORTCODE_START.sub(":" + WORD_JOINER, value)
    value = _AUTOLINK.sub(lambda m: m.group(0) + WORD_JOINER, value)
    value = _TYPOGRAPHIC.sub(lambda m: m.group(1)[0] + WORD_JOINER + m.group(1)[1:], value)
    return "".join("\\" + ch if ch in MARKDOWN_SPECIAL else ch for ch in value)


_CHART_ESCAPES = {"&": "&amp;", "<": "&lt;", ">": "&gt;"}


def chart_text(text) -> str:
    """`text` for a plotly text (a label, tick, hover or title): &, < and > as HTML entities, so
    plotly draws them instead of reading <b>, <br> or <a href=...>; None is ''."""
    if text is None:
        return ""
    return "".join(_CHART_ESCAPES.get(ch, ch) for ch in str(text))
