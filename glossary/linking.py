"""Link the first use of each glossary term in a Steckbrief to its entry.

Runs on HTML that ``profiles.markup.render_markdown`` has already sanitised
with nh3, so the input is well-formed: tags with quoted attributes, text with
``<``, ``>`` and ``&`` escaped. The linker never parses or rebuilds that HTML:
it walks it once, copies every tag unchanged and only wraps whole words in
text between tags in ``<a>`` elements whose URL it escapes itself. Text inside
links (a link must not nest), headings and code is left alone.

Cost: one pass over the HTML with a regular expression of literal
alternatives (no nested quantifiers, so no catastrophic backtracking); the
work grows linearly with the length of the text. No Django import here.
"""

import re
from collections.abc import Iterable
from dataclasses import dataclass
from html import escape

# A tag as nh3 serialises it: name, then attributes whose values are quoted
# and may contain ">" (a title attribute, for example).
_TAG = re.compile(r"""<(/?)([A-Za-z][A-Za-z0-9]*)(?:[^>"']|"[^"]*"|'[^']*')*>""")

# Text inside these elements is never linked.
SKIPPED_ELEMENTS = frozenset({"a", "h1", "h2", "h3", "h4", "h5", "h6", "code", "pre"})

# German inflection endings after a term: "Hebesatzes", "Zweckverbands",
# "Kreisumlagen", "Messbeträgen" needs a variant (umlaut), not an ending.
_ENDINGS = r"(?:e|es|s|n|en|er|ern)?"


@dataclass(frozen=True)
class Entry:
    key: str  # identifies the term (its slug); each key is linked once
    url: str
    forms: tuple[str, ...]  # spellings to look for: the term and its variants


class TermLinker:
    """Wraps the first occurrence of each term in a link; reusable across sections."""

    def __init__(self, entries: Iterable[Entry], css_class: str = "glossary-link"):
        self._css_class = css_class
        self._by_form: dict[str, Entry] = {}
        for entry in entries:
            for form in entry.forms:
                form = " ".join(form.split())
                if form:
                    self._by_form.setdefault(form, entry)
        if self._by_form:
            # Longest first, so "Anstalt des öffentlichen Rechts" wins over "Anstalt".
            forms = sorted(self._by_form, key=lambda f: (-len(f), f))
            alternatives = "|".join(re.escape(escape(f, quote=False)) for f in forms)
            self._pattern = re.compile(rf"(?<![\w&;-])(?P<form>{alternatives}){_ENDINGS}(?![\w-])")
            self._escaped = {escape(f, quote=False): f for f in forms}
        else:
            self._pattern = None

    def link(self, html: str, seen: set[str]) -> str:
        """``html`` with the first occurrence of every term not in ``seen`` linked.

        ``seen`` is updated, so a term linked in one section is not linked again
        in the next one; put a key in it beforehand to never link that term.
        """
        if self._pattern is None or not html:
            return html
        parts = []
        skip_depth = 0
        position = 0
        for tag in _TAG.finditer(html):
            if tag.start() > position:
                text = html[position : tag.start()]
                parts.append(text if skip_depth else self._link_text(text, seen))
            parts.append(tag.group(0))
            name = tag.group(2).lower()
            if name in SKIPPED_ELEMENTS and not tag.group(0).endswith("/>"):
                skip_depth = max(skip_depth - 1, 0) if tag.group(1) else skip_depth + 1
            position = tag.end()
        if position < len(html):
            text = html[position:]
            parts.append(text if skip_depth else self._link_text(text, seen))
        return "".join(parts)

    def _link_text(self, text: str, seen: set[str]) -> str:
        def replace(match):
            entry = self._by_form[self._escaped[match.group("form")]]
            if entry.key in seen:
                return match.group(0)
            seen.add(entry.key)
            url = escape(entry.url)
            return f'<a class="{self._css_class}" href="{url}">{match.group(0)}</a>'

        return self._pattern.sub(replace, text)
