"""Editorial tools shared by the content admins: history, review, workflow, import/export.

- History (django-reversion + django-reversion-compare): every form save,
  action and import is one revision with user, date and a change message; the
  "Änderungsprotokoll" page lists them, compares two versions side by side and
  reverts one (text, facts, Handlungsfelder, sources and related profiles).
- Review: the "Prüfung fällig" filter and the "als geprüft markieren" action.
- Workflow: Entwurf -> In Prüfung -> Veröffentlicht; only users with the
  publish permission may publish (form, actions, revert) or set the date.
- Import/export (django-import-export): CSV, XLSX, JSON with a dry-run preview;
  the import writes nothing unless every row is valid.
"""

from types import SimpleNamespace

import reversion
from django.contrib import admin, messages
from django.db import transaction
from django.db.models import ManyToOneRel
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from import_export.admin import ImportExportMixin
from import_export.formats.base_formats import CSV, JSON, XLSX
from reversion.models import Version
from reversion_compare.admin import CompareVersionAdmin
from reversion_compare.helpers import html_diff

from profiles.editorial.history import register_models
from profiles.editorial.review import ReviewDueFilter
from profiles.models import PolicyArea, Status


class EditorialAdmin(ImportExportMixin, CompareVersionAdmin):
    """History with compare and revert, plus import and export, for a content model."""

    formats = [CSV, XLSX, JSON]
    history_latest_first = True

    def __init__(self, *args, **kwargs):
        # Register with the full follow list before VersionAdmin would
        # auto-register the model with its inlines only (no tag assignments).
        register_models()
        super().__init__(*args, **kwargs)

    # reversion-compare cannot read taggit's manager nor name the tag
    # assignments; compare() adds the Handlungsfelder itself. "geändert"
    # changes with every save and says nothing.
    compare_exclude = ["tags", "taggedprofile", "taggedexample", "updated"]

    def compare(self, obj, version1, version2):
        diff, has_unfollowed_fields = super().compare(obj, version1, version2)
        for entry in diff:
            field = entry["field"]
            if isinstance(field, ManyToOneRel):  # e.g. the sources: name them in German
                entry["field"] = SimpleNamespace(
                    verbose_name=field.related_model._meta.verbose_name_plural, help_text=""
                )
        if hasattr(obj, "tags"):
            before, after = (self._revision_tag_names(obj, v) for v in (version1, version2))
            if before != after:
                diff.append(
                    {
                        "field": SimpleNamespace(verbose_name=_("Handlungsfelder"), help_text=""),
                        "is_related": True,
                        "follow": True,
                        "diff": html_diff(", ".join(before), ", ".join(after)),
                    }
                )
        return diff, has_unfollowed_fields

    def _revision_tag_names(self, obj, version):
        """Names of the Handlungsfelder assigned to obj in version's revision."""
        through = obj.tags.through
        tag_ids = [
            tagged.field_dict["tag_id"]
            for tagged in version.revision.version_set.get_for_model(through)
            if tagged.field_dict.get("content_object_id") == obj.pk
        ]
        names = dict(PolicyArea.objects.filter(pk__in=tag_ids).values_list("pk", "name"))
        return sorted(names.get(pk, _("(gelöschtes Handlungsfeld)")) for pk in tag_ids)

    def response_action(self, request, queryset):
        # Actions run inside the changelist's revision; name the action in it.
        action = self.get_actions(request).get(request.POST.get("action", ""))
        if action is not None and reversion.is_active():
            reversion.set_comment(_("Aktion: %(action)s") % {"action": action[2]})
        return super().response_action(request, queryset)

    def get_import_data_kwargs(self, **kwargs):
        data_kwargs = super().get_import_data_kwargs(**kwargs)
        # Any invalid row rolls back the whole file, in the preview and for real.
        data_kwargs["rollback_on_validation_errors"] = True
        return data_kwargs

    def process_dataset(self, dataset, form, request, **kwargs):
        """The confirmed import: one revision; nothing is kept if any row fails."""
        with reversion.create_revision():
            reversion.set_user(request.user)
            reversion.set_comment(_("Import aus Datei"))
            result = super().process_dataset(dataset, form, request, **kwargs)
            if result.has_errors() or result.has_validation_errors():
                transaction.set_rollback(True)
        return result

    def process_result(self, result, request):
        if result.has_errors() or result.has_validation_errors():
            self.message_user(
                request,
                _("Import abgebrochen: Die Datei enthält Fehler, es wurde nichts gespeichert."),
                messages.ERROR,
            )
            return redirect(reverse(f"admin:{self.opts.app_label}_{self.opts.model_name}_import"))
        return super().process_result(result, request)


class PublishableEditorialAdmin(EditorialAdmin):
    """Workflow and review for profiles and examples."""

    review_actions = ["mark_reviewed"]

    def get_list_filter(self, request):
        return [*super().get_list_filter(request), ReviewDueFilter]

    def get_actions(self, request):
        actions = super().get_actions(request)
        if self.has_change_permission(request):
            for name in self.review_actions:
                actions[name] = self.get_action(name)
        return actions

    @admin.action(description=_("Als geprüft markieren (heute)"))
    def mark_reviewed(self, request, queryset):
        today = timezone.localdate()
        reversion.set_comment(_("Als geprüft markiert"))
        changed = 0
        for obj in queryset:
            obj.last_reviewed = today
            obj.save()
            changed += 1
        self.message_user(
            request,
            ngettext(
                "%d Eintrag als geprüft markiert.", "%d Einträge als geprüft markiert.", changed
            )
            % changed,
            messages.SUCCESS,
        )

    def has_publish_permission(self, request):
        opts = self.opts
        return request.user.has_perm(f"{opts.app_label}.publish_{opts.model_name}")

    def get_readonly_fields(self, request, obj=None):
        fields = list(super().get_readonly_fields(request, obj))
        if not self.has_publish_permission(request):
            fields.append("published_at")
        return fields

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        status = form.base_fields.get("status")
        already_published = obj is not None and obj.status == Status.PUBLISHED
        if status is not None and not already_published:
            if not self.has_publish_permission(request):
                status.choices = [c for c in status.choices if c[0] != Status.PUBLISHED]
                status.help_text = _(
                    "Veröffentlichen darf nur, wer die Berechtigung dazu hat; "
                    "setzen Sie den Status auf „In Prüfung“."
                )
        return form

    def _would_publish(self, request, version):
        """True if restoring ``version`` would publish without the permission."""
        if self.has_publish_permission(request):
            return False
        if version.field_dict.get("status") != Status.PUBLISHED:
            return False
        current = self.model.objects.filter(pk=version.object_id).first()
        return current is None or current.status != Status.PUBLISHED

    def revision_view(self, request, object_id, version_id, extra_context=None):
        version = get_object_or_404(Version, pk=version_id, object_id=object_id)
        if request.method == "POST" and self._would_publish(request, version):
            self.message_user(
                request,
                _(
                    "Diese Fassung war veröffentlicht. Sie wiederherzustellen würde den "
                    "Eintrag veröffentlichen; dazu fehlt Ihnen die Berechtigung."
                ),
                messages.ERROR,
            )
            return redirect(
                reverse(
                    f"admin:{self.opts.app_label}_{self.opts.model_name}_history",
                    args=[object_id],
                )
            )
        return super().revision_view(request, object_id, version_id, extra_context)

    def recover_view(self, request, version_id, extra_context=None):
        version = get_object_or_404(Version, pk=version_id)
        if request.method == "POST" and self._would_publish(request, version):
            self.message_user(
                request,
                _("Wiederherstellen als veröffentlicht ist ohne Berechtigung nicht möglich."),
                messages.ERROR,
            )
            return redirect(
                reverse(f"admin:{self.opts.app_label}_{self.opts.model_name}_changelist")
            )
        return super().recover_view(request, version_id, extra_context)
