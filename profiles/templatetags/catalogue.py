from django import template
from django.utils.safestring import mark_safe

from profiles.markup import render_markdown

register = template.Library()


@register.filter(name="markdown")
def markdown_filter(text):
    """Render an editor's Markdown to sanitised HTML."""
    return mark_safe(render_markdown(text))  # noqa: S308 - sanitised by nh3
