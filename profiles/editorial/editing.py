"""Help while editing in the admin: German slugs and a Markdown preview.

- Slugs: Django's admin fills the slug from the title while an editor types
  (``prepopulated_fields``) with its own transliteration (ä → a).
  ``static/js/admin/german_slug.js`` folds umlauts first, the German way
  (ä → ae, ß → ss), as ``profiles.text.german_slugify`` does on the server; the
  form fills an empty slug from the title with the same function, so the
  result is the same with JavaScript off.
- Markdown preview: long text fields listed in ``markdown_fields`` get a
  preview beside the textarea (``static/js/admin/markdown_preview.js``). The
  script POSTs the text (with the admin's CSRF token) to a view of the model's
  admin, which renders it with ``profiles.markup.render_markdown``, the same
  sanitised rendering as the public pages. Only staff with add or change
  permission on the model reach it; nothing is stored.
"""

from django import forms
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse, HttpResponseBadRequest, HttpResponseNotAllowed
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _

from profiles.markup import render_markdown
from profiles.text import german_slugify

# Longer than any section; a preview of more is refused with a message.
MAX_PREVIEW_CHARS = 100_000
SLUG_JS = "js/admin/german_slug.js"
PREVIEW_JS = "js/admin/markdown_preview.js"
EDITOR_CSS = "css/admin-editor.css"


class GermanSlugFormMixin:
    """An empty slug is made from the title: umlauts the German way (ä → ae, ß → ss)."""

    slug_source = "title"

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "slug" in self.fields:
            self.fields["slug"].required = False

    def clean_slug(self):
        if not self.cleaned_data.get("slug"):
            title = self.cleaned_data.get(self.slug_source) or ""
            max_length = self._meta.model._meta.get_field("slug").max_length
            slug = german_slugify(str(title))[:max_length].strip("-")
            if not slug:
                raise forms.ValidationError(
                    _("Bitte einen Kurznamen angeben (oder zuerst einen Titel)."), code="required"
                )
            self.cleaned_data["slug"] = slug
        parent = getattr(super(), "clean_slug", None)
        return parent() if parent else self.cleaned_data["slug"]


class GermanSlugAdminMixin:
    """Loads the German transliteration for the admin's prepopulated slug."""

    @property
    def media(self):
        # After Django's urlify.js, whose URLify the script wraps.
        return super().media + forms.Media(js=["admin/js/urlify.js", SLUG_JS])


class MarkdownPreviewAdminMixin:
    """A preview beside each textarea named in ``markdown_fields``."""

    markdown_fields: tuple[str, ...] = ()

    @property
    def media(self):
        return super().media + forms.Media(js=[PREVIEW_JS], css={"all": [EDITOR_CSS]})

    def _preview_url_name(self):
        opts = self.model._meta
        return f"{opts.app_label}_{opts.model_name}_markdown_preview"

    def get_urls(self):
        urls = [
            path(
                "markdown-vorschau/",
                self.admin_site.admin_view(self.markdown_preview_view),
                name=self._preview_url_name(),
            )
        ]
        return urls + super().get_urls()

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        formfield = super().formfield_for_dbfield(db_field, request, **kwargs)
        if formfield is not None and db_field.name in self.markdown_fields:
            url = reverse(f"admin:{self._preview_url_name()}", current_app=self.admin_site.name)
            formfield.widget.attrs["data-markdown-preview"] = url
        return formfield

    def markdown_preview_view(self, request):
        return _markdown_preview(self, request)


def _markdown_preview(model_admin, request):
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    if not (model_admin.has_change_permission(request) or model_admin.has_add_permission(request)):
        raise PermissionDenied
    text = request.POST.get("text", "")
    if len(text) > MAX_PREVIEW_CHARS:
        limit = f"{MAX_PREVIEW_CHARS:,}".replace(",", ".")
        return HttpResponseBadRequest(
            f"Der Text ist zu lang für die Vorschau (höchstens {limit} Zeichen).",
            content_type="text/plain; charset=utf-8",
        )
    response = HttpResponse(render_markdown(text), content_type="text/html; charset=utf-8")
    response["X-Robots-Tag"] = "noindex"
    return response
