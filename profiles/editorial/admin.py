"""The editors' workplace: the Django admin, in German."""

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.widgets import AutocompleteSelectMultiple
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from taggit.models import Tag

from profiles import facts
from profiles.editorial.admin_permalinks import (
    RESERVED_EXAMPLE_SLUGS,
    FormerAddressesMixin,
    ReservedSlugFormMixin,
)
from profiles.editorial.admin_workflow import (
    EditorialAdmin,
    PublishableEditorialAdmin,
    SafeChangelistMixin,
)
from profiles.editorial.editing import (
    GermanSlugAdminMixin,
    GermanSlugFormMixin,
    MarkdownPreviewAdminMixin,
)
from profiles.editorial.proposals import ChangeProposalAdmin
from profiles.editorial.resources import ExampleResource, PolicyAreaResource, ProfileResource
from profiles.models import (
    NATIONWIDE,
    ChangeProposal,
    ExampleSource,
    LegalPage,
    Municipality,
    PolicyArea,
    PracticeExample,
    Profile,
    ProfileSource,
    Status,
)


def policy_area_field(model):
    """A Handlungsfeld picker with autocomplete, limited to the controlled vocabulary.

    taggit's default text widget would create a new tag for every typo; editors
    maintain Handlungsfelder on their own admin page instead.
    """
    return forms.ModelMultipleChoiceField(
        label=_("Handlungsfelder"),
        queryset=PolicyArea.objects.all(),
        required=False,
        widget=AutocompleteSelectMultiple(model._meta.get_field("tags"), admin.site),
    )


class ProfileAdminForm(GermanSlugFormMixin, ReservedSlugFormMixin, forms.ModelForm):
    class Meta:
        model = Profile
        fields = ["tags"]  # the admin adds the rest from its fieldsets
        widgets = {
            "summary": forms.Textarea(attrs={"rows": 3}),
            "scope": forms.CheckboxSelectMultiple,
        }

    tags = policy_area_field(Profile)

    def clean_scope(self):
        scope = self.cleaned_data.get("scope")
        if scope and len(scope) > 1 and any(land.code == NATIONWIDE for land in scope):
            raise forms.ValidationError(
                _("Bitte entweder „bundesweit“ oder einzelne Länder wählen, nicht beides.")
            )
        return scope


class PracticeExampleAdminForm(GermanSlugFormMixin, ReservedSlugFormMixin, forms.ModelForm):
    reserved_slugs = RESERVED_EXAMPLE_SLUGS

    class Meta:
        model = PracticeExample
        fields = ["tags"]  # the admin adds the rest from its fieldsets
        widgets = {"summary": forms.Textarea(attrs={"rows": 3})}

    tags = policy_area_field(PracticeExample)


class SourceInline(admin.TabularInline):
    extra = 1
    fields = ["position", "title", "url"]
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}


class ProfileSourceInline(SourceInline):
    model = ProfileSource


class ExampleSourceInline(SourceInline):
    model = ExampleSource


class PublishableAdmin(
    GermanSlugAdminMixin,
    MarkdownPreviewAdminMixin,
    FormerAddressesMixin,
    PublishableEditorialAdmin,
):
    """What the profile and example admins share: state actions and tag display.

    German slugs from the title and the Markdown preview: profiles/editorial/editing.py.

    History, review, import/export and the publish guards come from
    PublishableEditorialAdmin (profiles/editorial/workflow.py); former addresses from
    FormerAddressesMixin (profiles/editorial/admin_permalinks.py).
    """

    actions = ["publish", "back_to_draft"]
    date_hierarchy = "updated"
    list_per_page = 50
    prepopulated_fields = {"slug": ["title"]}
    readonly_fields = ["created", "updated", "former_addresses"]
    save_on_top = True

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("tags")

    @admin.display(description=_("Handlungsfelder"))
    def policy_areas(self, obj):
        # Loops over the prefetched tags; tags.names() would query again per row.
        return ", ".join(sorted(tag.name for tag in obj.tags.all()))

    @admin.action(description=_("Ausgewählte veröffentlichen"), permissions=["publish"])
    def publish(self, request, queryset):
        changed, refused = self.publish_objects(request, queryset)
        self._refused(request, refused)
        self.message_user(
            request,
            ngettext("%d Eintrag veröffentlicht.", "%d Einträge veröffentlicht.", changed)
            % changed,
            messages.SUCCESS if changed or not refused else messages.WARNING,
        )

    @admin.action(description=_("Ausgewählte zurück auf Entwurf setzen"), permissions=["change"])
    def back_to_draft(self, request, queryset):
        changed, refused = self.withdraw_objects(request, queryset)
        self._refused(request, refused)
        self.message_user(
            request,
            ngettext("%d Eintrag auf Entwurf gesetzt.", "%d Einträge auf Entwurf gesetzt.", changed)
            % changed,
            messages.SUCCESS if changed or not refused else messages.WARNING,
        )

    def guard_publishing(self, request, obj, form):
        """A safety net for admins outside the workflow form (the form already refuses)."""
        if (
            obj.status == Status.PUBLISHED
            and "status" in form.changed_data
            and not self.has_publish_permission(request)
        ):
            obj.status = form.initial.get("status") or Status.REVIEW
            self.message_user(
                request,
                _("Keine Berechtigung zum Veröffentlichen – Status wurde nicht geändert."),
                messages.WARNING,
            )


@admin.register(Profile)
class ProfileAdmin(PublishableAdmin):
    form = ProfileAdminForm
    markdown_fields = tuple(name for name, _anchor in Profile.SECTIONS)
    resource_classes = [ProfileResource]
    inlines = [ProfileSourceInline]
    list_display = ["title", "kind", "status", "policy_areas", "last_reviewed", "updated"]
    list_filter = [
        "status",
        *facts.list_filters(),
        ("tags", admin.RelatedOnlyFieldListFilter),
    ]
    search_fields = ["title", "summary", "slug"]
    autocomplete_fields = ["related"]
    fieldsets = [
        (None, {"fields": ["kind", "title", "slug", "summary"]}),
        (
            _("Steckbrief"),
            {
                "fields": [name for name, _anchor in Profile.SECTIONS],
                "description": _(
                    "Abschnitte in Markdown: Leerzeile für neuen Absatz, „- “ für Listen, "
                    "**fett**, [Linktext](https://…)."
                ),
            },
        ),
        (
            _("Merkmale für die Suche"),
            {"fields": [*facts.model_fields(admin_group=True), "tags", "related"]},
        ),
        (
            _("Fakten für den Finder"),
            {
                "fields": facts.admin_group_fields("finder"),
                "description": _(
                    "Aus diesen Angaben stellt der Finder „Welche Form passt zu uns?“ seine "
                    "Vorschläge zusammen. Jede Begründung ist ein Satz mit Rechtsgrundlage; "
                    "leer lassen („nicht erfasst“), wenn keine Quelle es sagt."
                ),
            },
        ),
        (
            _("Veröffentlichung"),
            {
                "fields": [
                    "status",
                    "published_at",
                    "last_reviewed",
                    ("created", "updated"),
                    "former_addresses",
                ]
            },
        ),
    ]


@admin.register(PracticeExample)
class PracticeExampleAdmin(PublishableAdmin):
    form = PracticeExampleAdminForm
    markdown_fields = ("description", "contact")
    resource_classes = [ExampleResource]
    inlines = [ExampleSourceInline]
    list_display = ["title", "state", "project_status", "status", "policy_areas", "updated"]
    list_filter = ["status", "state", "project_status", ("tags", admin.RelatedOnlyFieldListFilter)]
    search_fields = ["title", "summary", "municipalities", "region"]
    autocomplete_fields = ["profiles", "members"]
    fieldsets = [
        (None, {"fields": ["title", "slug", "summary"]}),
        (
            _("Wer, wo, wann"),
            {
                "fields": [
                    "members",
                    "municipalities",
                    "region",
                    "state",
                    "period",
                    "project_status",
                ]
            },
        ),
        (_("Beschreibung"), {"fields": ["description", "contact", "profiles", "tags"]}),
        (
            _("Veröffentlichung"),
            {
                "fields": [
                    "status",
                    "published_at",
                    "last_reviewed",
                    ("created", "updated"),
                    "former_addresses",
                ]
            },
        ),
    ]


@admin.register(Municipality)
class MunicipalityAdmin(admin.ModelAdmin):
    """The directory of municipalities; each entry serves every example it takes part in."""

    list_display = ["name", "district", "state", "population", "population_year", "has_position"]
    list_filter = ["state"]
    search_fields = ["name", "district"]
    fieldsets = [
        (None, {"fields": ["name", "state", "district"]}),
        (
            _("Einwohner und Lage"),
            {
                "fields": [
                    ("population", "population_year"),
                    ("latitude", "longitude"),
                    "source_url",
                ],
                "description": _(
                    "Nur Angaben aus einer öffentlichen Quelle (z. B. Statistisches Landesamt "
                    "oder Wikipedia-Artikel der Kommune); was die Quelle nicht nennt, bleibt leer."
                ),
            },
        ),
    ]
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}

    @admin.display(description=_("Lage bekannt"), boolean=True)
    def has_position(self, obj):
        return obj.has_position


@admin.register(PolicyArea)
class PolicyAreaAdmin(GermanSlugAdminMixin, MarkdownPreviewAdminMixin, EditorialAdmin):
    """Handlungsfelder are public at once: only the Redaktion changes them.

    Authors (Autorenschaft) have view permission only (profiles/editorial/groups.py).
    """

    resource_classes = [PolicyAreaResource]
    list_display = ["name", "slug", "updated"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}
    fields = ["name", "slug", "description"]
    markdown_fields = ("description",)


@admin.register(LegalPage)
class LegalPageAdmin(MarkdownPreviewAdminMixin, SafeChangelistMixin, admin.ModelAdmin):
    """Impressum, Datenschutz, Barrierefreiheit: editable, never added or deleted.

    The migration creates the three pages; without one of them the footer
    would link to a 404, so the admin offers no add or delete.
    """

    list_display = ["title", "updated"]
    fields = ["title", "body", "updated"]
    markdown_fields = ("body",)
    readonly_fields = ["updated"]
    view_on_site = True

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


admin.site.register(ChangeProposal, ChangeProposalAdmin)

# Handlungsfelder (PolicyArea) are the catalogue's tags; taggit's own Tag table
# stays empty, and its admin page would only look like a second, unused list.
if admin.site.is_registered(Tag):
    admin.site.unregister(Tag)
