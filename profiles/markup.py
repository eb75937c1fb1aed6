"""Editors write Markdown; readers get sanitised HTML.

markdown-it-py renders CommonMark with raw HTML switched off, and nh3 then
keeps only an allow-list of tags and attributes, so neither raw HTML nor a
``javascript:`` link from an editor reaches a reader's browser.
"""

import nh3
from markdown_it import MarkdownIt

_markdown = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False})
_markdown.enable("table")

ALLOWED_TAGS = {
    "p", "br", "strong", "em", "code", "pre", "blockquote", "ul", "ol", "li",
    "a", "h3", "h4", "h5", "h6", "table", "thead", "tbody", "tr", "th", "td", "hr",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "ol": {"start"}, "th": {"align"}, "td": {"align"}}


def render_markdown(text: str) -> str:
    """Markdown source to safe HTML (a plain str; mark it safe only in the template filter)."""
    if not text:
        return ""
    html = _markdown.render(text)
    # Headings inside a section start at h3: the page has h1 and the section h2.
    for level in (1, 2):
        html = html.replace(f"<h{level}>", "<h3>").replace(f"</h{level}>", "</h3>")
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes={"http", "https", "mailto", "tel"},
        link_rel="noopener noreferrer",
    )
