"""Change proposals: how authors change published content.

An author (no publish permission) who saves a published Steckbrief,
Praxisbeispiel or Handlungsfeld does not change it: the form's content is
stored as a ``ChangeProposal`` (one row in the import/export columns of the
entry's resource). An editor with the publish permission compares it with the
published text on the proposal's page and applies it ("übernehmen", imported
as one row under the editor's name, with every import check and one history
entry) or rejects it. Status, dates and the address (slug) are never part of
a proposal.
"""

import tablib
from django.contrib import admin, messages
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _
from reversion_compare.helpers import html_diff

from profiles.editorial import workflow
from profiles.editorial.admin_workflow import SafeChangelistMixin
from profiles.editorial.catalogue_files import describe_errors
from profiles.editorial.history import recorded
from profiles.editorial.resources import (
    ExampleResource,
    PolicyAreaResource,
    ProfileResource,
    render_sources,
)
from profiles.models import (
    ChangeProposal,
    PolicyArea,
    PracticeExample,
    Profile,
    ProposalStatus,
)

RESOURCES = {
    Profile: ProfileResource,
    PracticeExample: ExampleResource,
    PolicyArea: PolicyAreaResource,
}
NOT_PROPOSED = {"status", "published_at", "last_reviewed"}
# Columns holding relations: (form field, attribute naming each item in the file).
RELATION_FIELDS = {
    "handlungsfelder": ("tags", "slug"),
    "verwandte_steckbriefe": ("related", "slug"),
    "steckbriefe": ("profiles", "slug"),
    "geltungsbereich": ("scope", "code"),
}


def supports(model) -> bool:
    """True if changes to ``model`` can be proposed (it has an import/export resource)."""
    return model in RESOURCES


def current_row(obj) -> dict:
    """The entry as it is now, in its resource's columns (without publishing fields)."""
    resource = RESOURCES[type(obj)]()
    return {
        field.column_name: resource.export_field(field, obj)
        for field in resource.get_export_fields()
        if field.column_name not in NOT_PROPOSED
    }


def proposal_row(obj, form, formsets) -> dict:
    """What the author's form would have saved, in the resource's columns."""
    resource = RESOURCES[type(obj)]()
    relation_columns = resource.relation_parsers() if hasattr(resource, "relation_parsers") else {}
    row = {}
    for field in resource.get_export_fields():
        column = field.column_name
        if column in NOT_PROPOSED or column in relation_columns:
            continue
        row[column] = resource.export_field(field, obj)
    row["slug"] = type(obj).objects.filter(pk=obj.pk).values_list("slug", flat=True).first()
    for column, (form_field, attribute) in RELATION_FIELDS.items():
        if column in relation_columns and form_field in form.cleaned_data:
            items = form.cleaned_data[form_field] or []
            row[column] = ", ".join(sorted(getattr(item, attribute) for item in items))
    if "quellen" in relation_columns:
        for formset in formsets:
            if formset.model is getattr(resource, "source_model", None):
                kept = [
                    f.cleaned_data
                    for f in formset.forms
                    if getattr(f, "cleaned_data", None)
                    and not f.cleaned_data.get("DELETE")
                    and f.cleaned_data.get("url")
                ]
                kept.sort(key=lambda data: data.get("position") or 0)
                sources = [type("S", (), {"title": d["title"], "url": d["url"]}) for d in kept]
                row["quellen"] = render_sources(sources)
    return row


def propose_from_form(user, obj, form, formsets) -> ChangeProposal:
    model = type(obj)
    current = model.objects.get(pk=obj.pk)
    return ChangeProposal.objects.create(
        content_type=ContentType.objects.get_for_model(model),
        object_id=obj.pk,
        object_repr=str(current)[:200],
        author=user,
        base_updated=getattr(current, "updated", None),
        row=proposal_row(obj, form, formsets),
    )


def apply_proposal(proposal, user) -> list[str]:
    """Apply an open proposal as ``user``; returns German errors (empty: applied)."""
    model = proposal.content_type.model_class()
    if workflow.is_publishable(model) and not workflow.may_publish(user, model):
        raise PermissionDenied
    if proposal.status != ProposalStatus.OPEN:
        return [f"Der Vorschlag zu „{proposal.object_repr}“ ist schon entschieden."]
    obj = model.objects.filter(pk=proposal.object_id).first()
    if obj is None:
        return [f"„{proposal.object_repr}“ gibt es nicht mehr."]
    row = {**proposal.row, "slug": obj.slug}
    dataset = tablib.Dataset(headers=list(row))
    dataset.append(list(row.values()))
    author = proposal.author.get_username() if proposal.author else "?"
    with transaction.atomic():
        with recorded(user=user, comment=f"Vorschlag von {author} übernommen"):
            result = RESOURCES[model]().import_data(
                dataset, dry_run=False, use_transactions=True, user=user
            )
            errors = describe_errors(str(proposal.object_repr), result)
            if errors:
                transaction.set_rollback(True)
                return errors
        proposal.status = ProposalStatus.APPLIED
        proposal.decided_by = user
        proposal.decided_at = timezone.now()
        proposal.save()
    return []


class ChangeProposalAdmin(SafeChangelistMixin, admin.ModelAdmin):
    """Open proposals with their differences; editors apply or reject them."""

    list_display = ["object_repr", "content_type", "author", "created", "status"]
    list_filter = ["status"]
    actions = ["apply", "reject"]
    fields = ["object_repr", "content_type", "author", "created", "status", "differences"]
    readonly_fields = fields

    def get_queryset(self, request):
        queryset = super().get_queryset(request).select_related("author", "content_type")
        if request.user.has_perm("profiles.change_changeproposal"):
            return queryset
        return queryset.filter(author=request.user)

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.display(description=_("Unterschiede zur veröffentlichten Fassung"))
    def differences(self, proposal):
        model = proposal.content_type.model_class()
        obj = model.objects.filter(pk=proposal.object_id).first()
        if obj is None:
            return _("Der Eintrag wurde inzwischen gelöscht.")
        now = current_row(obj)
        rows = [
            (column, html_diff(str(now.get(column, "")), str(value)))
            for column, value in proposal.row.items()
            if column != "slug" and str(now.get(column, "")) != str(value)
        ]
        if not rows:
            return _("keine – der Vorschlag entspricht der veröffentlichten Fassung")
        note = ""
        if proposal.base_updated and getattr(obj, "updated", None) != proposal.base_updated:
            note = format_html(
                "<p><strong>{}</strong></p>",
                _("Der Eintrag wurde seit dem Vorschlag geändert; bitte genau vergleichen."),
            )
        table = format_html_join("", "<tr><th scope='row'>{}</th><td>{}</td></tr>", rows)
        return format_html("{}<table><tbody>{}</tbody></table>", note, table)

    def _decide(self, request, queryset, apply):
        done = 0
        for proposal in queryset.select_related("content_type"):
            model = proposal.content_type.model_class()
            if not request.user.has_perm("profiles.change_changeproposal") or (
                workflow.is_publishable(model) and not workflow.may_publish(request.user, model)
            ):
                self.message_user(
                    request,
                    _(
                        "Über Vorschläge entscheidet die Redaktion mit Berechtigung zum "
                        "Veröffentlichen."
                    ),
                    messages.ERROR,
                )
                return
            if apply:
                errors = apply_proposal(proposal, request.user)
                for error in errors:
                    self.message_user(request, error, messages.ERROR)
                done += not errors
            elif proposal.status == ProposalStatus.OPEN:
                proposal.status = ProposalStatus.REJECTED
                proposal.decided_by = request.user
                proposal.decided_at = timezone.now()
                proposal.save()
                done += 1
        verb = _("übernommen") if apply else _("abgelehnt")
        self.message_user(request, f"{done} Vorschläge {verb}.", messages.SUCCESS)

    @admin.action(description=_("Ausgewählte Vorschläge übernehmen (veröffentlichen)"))
    def apply(self, request, queryset):
        self._decide(request, queryset, apply=True)

    @admin.action(description=_("Ausgewählte Vorschläge ablehnen"))
    def reject(self, request, queryset):
        self._decide(request, queryset, apply=False)
