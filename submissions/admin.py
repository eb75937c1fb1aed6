"""The queue "Eingang": editors check submissions and take over or reject them."""

from django.contrib import admin, messages
from django.db import models
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from submissions.models import Kind, State, Submission

CONTENT_FIELDS = [
    "kind",
    "created",
    "title",
    "municipalities",
    "land",
    "since",
    "shared",
    "instrument",
    "instrument_other",
    "worked",
    "stumbling_blocks",
    "sources",
    "profile",
    "message",
    "name",
    "email",
    "organisation",
    "consent_at",
]


@admin.register(Submission)
class SubmissionAdmin(admin.ModelAdmin):
    list_display = ["__str__", "kind", "state", "created", "organisation", "draft_link"]
    list_filter = ["state", "kind"]
    search_fields = ["title", "municipalities", "message", "organisation"]
    date_hierarchy = "created"
    readonly_fields = [*CONTENT_FIELDS, "state_changed", "draft_link"]
    fieldsets = [
        (_("Bearbeitung"), {"fields": ["state", "state_changed", "editor_note", "draft_link"]}),
        (
            _("Praxisbeispiel (Vorlage)"),
            {
                "fields": [
                    "title",
                    "municipalities",
                    "land",
                    "since",
                    "shared",
                    "instrument",
                    "instrument_other",
                    "worked",
                    "stumbling_blocks",
                    "sources",
                ]
            },
        ),
        (_("Hinweis zu einem Steckbrief"), {"fields": ["profile", "message"]}),
        (
            _("Kontakt (nie veröffentlichen)"),
            {"fields": ["name", "email", "organisation", "consent_at", "kind", "created"]},
        ),
    ]
    actions = ["start_checking", "take_over", "reject"]
    formfield_overrides = {models.TextField: {"widget": admin.widgets.AdminTextareaWidget}}

    def has_add_permission(self, request):
        return False  # submissions come from the public forms only

    def save_model(self, request, obj, form, change):
        if "state" in form.changed_data:
            obj.set_state(obj.state)
        super().save_model(request, obj, form, change)

    @admin.display(description=_("angelegter Entwurf"))
    def draft_link(self, obj):
        if obj.example_id is None:
            return "–"
        url = reverse("admin:profiles_practiceexample_change", args=[obj.example_id])
        return format_html('<a href="{}">{}</a>', url, obj.example)

    def _move(self, request, queryset, state, verb):
        changed = 0
        for submission in queryset.exclude(state=state):
            submission.set_state(state)
            submission.save(update_fields=["state", "state_changed"])
            changed += 1
        self.message_user(
            request,
            ngettext("%(n)d Einsendung %(verb)s.", "%(n)d Einsendungen %(verb)s.", changed)
            % {"n": changed, "verb": verb},
            messages.SUCCESS,
        )

    @admin.action(description=_("In Prüfung nehmen"), permissions=["change"])
    def start_checking(self, request, queryset):
        self._move(request, queryset, State.CHECKING, "in Prüfung genommen")

    @admin.action(description=_("Ablehnen"), permissions=["change"])
    def reject(self, request, queryset):
        self._move(request, queryset, State.REJECTED, "abgelehnt")

    @admin.action(
        description=_("Übernehmen (Praxisbeispiel als Entwurf anlegen)"),
        permissions=["take_over"],
    )
    def take_over(self, request, queryset):
        created = []
        for submission in queryset.exclude(state__in=[State.ACCEPTED, State.REJECTED]):
            if submission.kind == Kind.EXAMPLE:
                created.append(submission.take_over())
            else:
                submission.set_state(State.ACCEPTED)
                submission.save(update_fields=["state", "state_changed"])
        if created:
            self.message_user(
                request,
                ngettext(
                    "%d Praxisbeispiel als Entwurf angelegt – bitte prüfen, ergänzen und "
                    "über den normalen Weg veröffentlichen.",
                    "%d Praxisbeispiele als Entwürfe angelegt – bitte prüfen, ergänzen und "
                    "über den normalen Weg veröffentlichen.",
                    len(created),
                )
                % len(created),
                messages.SUCCESS,
            )
        else:
            self.message_user(request, _("Keine Einsendung übernommen."), messages.INFO)

    def has_take_over_permission(self, request):
        return request.user.has_perm("submissions.change_submission") and request.user.has_perm(
            "profiles.add_practiceexample"
        )
