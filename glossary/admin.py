"""Editors maintain the Glossar in the admin: history, review and publishing as for Steckbriefe."""

from django import forms
from django.contrib import admin

from glossary.models import Term, TermSource
from profiles.editorial.admin import PublishableAdmin, SourceInline
from profiles.editorial.admin_workflow import PublishableEditorialAdmin
from profiles.editorial.editing import GermanSlugAdminMixin, MarkdownPreviewAdminMixin


class TermSourceInline(SourceInline):
    model = TermSource


class TermAdminForm(forms.ModelForm):
    class Meta:
        model = Term
        fields = [
            "term",
            "slug",
            "definition",
            "variants",
            "profile",
            "status",
            "published_at",
            "last_reviewed",
        ]
        widgets = {"variants": forms.Textarea(attrs={"rows": 3})}


@admin.register(Term)
class TermAdmin(GermanSlugAdminMixin, MarkdownPreviewAdminMixin, PublishableEditorialAdmin):
    form = TermAdminForm
    markdown_fields = ("definition",)
    inlines = [TermSourceInline]
    list_display = ["term", "status", "profile", "last_reviewed", "updated"]
    list_filter = ["status"]
    search_fields = ["term", "variants", "definition"]
    prepopulated_fields = {"slug": ["term"]}
    autocomplete_fields = ["profile"]
    readonly_fields = ["created", "updated"]
    actions = ["publish", "back_to_draft"]
    save_on_top = True
    fieldsets = [
        (None, {"fields": ["term", "slug", "definition", "variants", "profile"]}),
        (
            "Veröffentlichung",
            {"fields": ["status", "published_at", "last_reviewed", ("created", "updated")]},
        ),
    ]

    # The same publishing rules as for Steckbriefe and Praxisbeispiele.
    publish = PublishableAdmin.publish
    back_to_draft = PublishableAdmin.back_to_draft
    has_publish_permission = PublishableAdmin.has_publish_permission

    def save_model(self, request, obj, form, change):
        PublishableAdmin.guard_publishing(self, request, obj, form)
        super().save_model(request, obj, form, change)
