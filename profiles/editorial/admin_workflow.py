"""Editorial tools shared by the content admins: history, review, workflow, import/export.

- History (django-reversion + django-reversion-compare): every form save,
  action and import is one revision with user, date and a change message; the
  "Änderungsprotokoll" page lists them, compares two versions side by side and
  restores one entry (text, facts, Handlungsfelder, sources and related
  profiles) — only that entry, even when the revision holds several.
- Review: the "Prüfung fällig" filter and the "als geprüft markieren" action.
- Workflow (rules in profiles/editorial/workflow.py): Entwurf -> In Prüfung ->
  Veröffentlicht. Form, actions, delete, restore and import ask the same
  rules; authors' changes to published content become proposals
  (profiles/editorial/proposals.py).
- Import/export (django-import-export): CSV, XLSX, JSON with a dry-run preview
  and limits (profiles/editorial/imports.py); the import writes nothing unless
  every row is valid; every problem is a German message.
"""

from contextlib import nullcontext
from types import SimpleNamespace

import reversion
from django import forms
from django.contrib import admin, messages
from django.contrib.admin.utils import quote, unquote
from django.db import models, transaction
from django.db.models import ManyToOneRel
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_delete, pre_save
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from import_export.admin import ImportExportMixin
from reversion.errors import RevertError
from reversion.models import Version
from reversion.utils import mute_signals
from reversion_compare.admin import CompareVersionAdmin
from reversion_compare.helpers import html_diff

from profiles.editorial import workflow
from profiles.editorial.catalogue_files import describe_errors
from profiles.editorial.history import register_models, revert_object
from profiles.editorial.imports import (
    ImportFileError,
    SafeCSV,
    SafeJSON,
    SafeXLSX,
    check_size,
    current_user,
)
from profiles.editorial.review import ReviewDueFilter
from profiles.models import PolicyArea, Status


class _RollBack(Exception):  # noqa: N818 - a control-flow signal, not an error
    def __init__(self, response):
        super().__init__()
        self.response = response


class SafeChangelistMixin:
    """A change list that drops date filters Python's datetime cannot hold."""

    DATE_PARTS = {"year": (1, 9999), "month": (1, 12), "day": (1, 31)}

    def _invalid_date_filters(self, request):
        """Date filter parameters (updated__year=…) that Python's datetime cannot hold."""
        invalid = []
        for key, value in request.GET.items():
            field, _sep, part = key.rpartition("__")
            if field and part in self.DATE_PARTS:
                low, high = self.DATE_PARTS[part]
                if not (value.isdigit() and len(value) <= 4 and low <= int(value) <= high):
                    invalid.append(key)
        return invalid

    def changelist_view(self, request, extra_context=None):
        # A date filter out of range (updated__year=99999999999 or -1) breaks
        # Python's datetime before Django can call it invalid: drop it and say so.
        invalid = self._invalid_date_filters(request)
        if invalid:
            query = request.GET.copy()
            for key in invalid:
                query.pop(key, None)
            self.message_user(
                request,
                _("Ungültiger Datumsfilter in der Adresse: Er wurde entfernt."),
                messages.ERROR,
            )
            opts = self.opts
            url = reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist")
            return redirect(f"{url}?{query.urlencode()}" if query else url)
        return super().changelist_view(request, extra_context)


class EditorialAdmin(SafeChangelistMixin, ImportExportMixin, CompareVersionAdmin):
    """History with compare and revert, plus import and export, for a content model."""

    formats = [SafeCSV, SafeXLSX, SafeJSON]
    history_latest_first = True

    def __init__(self, *args, **kwargs):
        # Register with the full follow list before VersionAdmin would
        # auto-register the model with its inlines only (no tag assignments).
        register_models()
        super().__init__(*args, **kwargs)

    # reversion-compare cannot read taggit's manager nor name the tag
    # assignments; compare() adds the Handlungsfelder itself. "geändert"
    # changes with every save and says nothing.
    compare_exclude = ["tags", "taggedprofile", "taggedexample", "updated", "withdrawn_at"]

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

    # Restoring a version ---------------------------------------------------

    def revert_errors(self, request, version) -> list[str]:
        """German reasons why the user may not restore ``version`` (workflow)."""
        return []

    def _reversion_revisionform_view(self, request, version, template_name, extra_context=None):
        """Like django-reversion's, but restores only the opened entry.

        A revision may hold several entries (an action or import on many);
        ``Revision.revert`` would restore and even delete across all of them.
        """
        opts = self.model._meta
        history_url = reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist")
        if request.method == "POST":
            errors = self.revert_errors(request, version)
            if errors:
                for error in errors:
                    self.message_user(request, error, messages.ERROR)
                return redirect(history_url)
        muted = (
            mute_signals(pre_save, post_save, pre_delete, post_delete, m2m_changed)
            if request.method == "GET"
            else nullcontext()
        )
        try:
            with transaction.atomic(using=version.db), muted:
                revert_object(version)
                with self.create_revision(request):
                    response = self.changeform_view(
                        request, quote(version.object_id), request.path, extra_context
                    )
                    if request.method == "POST" and response.status_code == 302:
                        date = timezone.localtime(version.revision.date_created)
                        reversion.set_comment(
                            # django-reversion's own message, in its German translation.
                            _("Reverted to previous version, saved on %(datetime)s")
                            % {"datetime": f"{date:%d.%m.%Y %H:%M}"}
                        )
                    elif response.status_code == 200:
                        response.template_name = template_name
                        response.render()
                        raise _RollBack(response)
                    else:
                        raise RevertError(_("Diese Fassung lässt sich nicht laden."))
        except (RevertError, models.ProtectedError) as error:
            self.message_user(request, str(error), messages.ERROR)
            return redirect(history_url)
        except _RollBack as rollback:
            return rollback.response
        return response

    # Import ------------------------------------------------------------------

    def get_import_data_kwargs(self, **kwargs):
        data_kwargs = super().get_import_data_kwargs(**kwargs)
        # Any invalid row rolls back the whole file, in the preview and for real.
        data_kwargs["rollback_on_validation_errors"] = True
        return data_kwargs

    def _import_page(self):
        opts = self.opts
        return redirect(reverse(f"admin:{opts.app_label}_{opts.model_name}_import"))

    def import_action(self, request, **kwargs):
        """The upload and preview, with limits and German messages only."""
        token = current_user.set(request.user)
        try:
            upload = request.FILES.get("import_file")
            if request.method == "POST" and upload is not None:
                try:
                    check_size(upload.size, f"„{upload.name}“")
                except ImportFileError as error:
                    self.message_user(request, str(error), messages.ERROR)
                    return self._import_page()
            try:
                response = super().import_action(request, **kwargs)
            except ImportFileError as error:
                self.message_user(request, str(error), messages.ERROR)
                return self._import_page()
        finally:
            current_user.reset(token)
        return self._germanise_preview(response)

    def add_data_read_fail_error_to_form(self, form, e):
        if isinstance(e, ImportFileError):
            form.add_error("import_file", str(e))
        else:
            form.add_error(
                "import_file",
                _(
                    "Die Datei ließ sich nicht lesen (%(kind)s). Stimmt das gewählte Format "
                    "(CSV, XLSX oder JSON)?"
                )
                % {"kind": type(e).__name__},
            )

    def _germanise_preview(self, response):
        """Replace the preview's error list (English, with tracebacks) by German lines."""
        context = getattr(response, "context_data", None)
        if not context:
            return response
        result = context.get("result")
        form = context.get("form") or context.get("import_form")
        if result is None or not (result.has_errors() or result.has_validation_errors()):
            return response
        lines = describe_errors(self.opts.verbose_name_plural, result)
        context["result"] = None
        context.pop("confirm_form", None)
        if form is not None:
            form.add_error(None, _("Import nicht möglich: Die Datei enthält Fehler."))
            for line in lines[:200]:
                form.add_error(None, line)
        else:
            for line in lines[:50]:
                self.message_user(response._request, line, messages.ERROR)
        return response

    def process_import(self, request, **kwargs):
        """The confirmed import; a forged, foreign or expired upload is a German message."""
        format_index = request.POST.get("format", "")
        if not format_index.isdigit() or int(format_index) >= len(self.get_import_formats()):
            self.message_user(
                request, _("Unbekanntes Dateiformat. Bitte erneut hochladen."), messages.ERROR
            )
            return self._import_page()
        token = current_user.set(request.user)
        try:
            return super().process_import(request, **kwargs)
        except ImportFileError as error:
            self.message_user(request, str(error), messages.ERROR)
            return self._import_page()
        finally:
            current_user.reset(token)

    def process_dataset(self, dataset, form, request, **kwargs):
        """The confirmed import: one revision; nothing is kept if any row fails."""
        with transaction.atomic(), reversion.create_revision():
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
            for line in describe_errors(self.opts.verbose_name_plural, result)[:50]:
                self.message_user(request, line, messages.ERROR)
            return self._import_page()
        return super().process_result(result, request)


class PublishableEditorialAdmin(EditorialAdmin):
    """Workflow and review for profiles and examples (rules: profiles/editorial/workflow.py)."""

    review_actions = ["mark_reviewed"]

    def get_list_filter(self, request):
        return [*super().get_list_filter(request), ReviewDueFilter]

    def get_actions(self, request):
        actions = super().get_actions(request)
        if self.has_change_permission(request):
            for name in self.review_actions:
                actions[name] = self.get_action(name)
        return actions

    def has_publish_permission(self, request):
        return workflow.may_publish(request.user, self.model)

    # Actions -------------------------------------------------------------

    def _refused(self, request, refused):
        for _title, reasons in refused:
            for reason in reasons:
                self.message_user(request, reason, messages.ERROR)

    def _state_change_errors(self, request, obj, after):
        return workflow.change_errors(
            request.user, self.model, workflow.State.of(obj), after, title=str(obj)
        )

    @admin.action(description=_("Als geprüft markieren (heute)"))
    def mark_reviewed(self, request, queryset):
        today = timezone.localdate()
        reversion.set_comment(_("Als geprüft markiert"))
        changed, refused = 0, []
        for obj in queryset:
            if workflow.locked_for(request.user, obj):
                refused.append((str(obj), [workflow.LOCKED % {"title": obj}]))
                continue
            obj.last_reviewed = today
            obj.save()
            changed += 1
        self._refused(request, refused)
        self.message_user(
            request,
            ngettext(
                "%d Eintrag als geprüft markiert.", "%d Einträge als geprüft markiert.", changed
            )
            % changed,
            messages.SUCCESS,
        )

    def publish_objects(self, request, queryset):
        """Publish what may be published; returns (changed, refused)."""
        now = timezone.now()
        changed, refused = 0, []
        for obj in queryset.exclude(status=Status.PUBLISHED):
            after = workflow.State(Status.PUBLISHED, obj.published_at or now)
            reasons = self._state_change_errors(request, obj, after)
            reasons += workflow.publish_blockers(obj)
            if reasons:
                refused.append((str(obj), [f"„{obj}“: {reason}" for reason in reasons]))
                continue
            obj.status = Status.PUBLISHED
            obj.published_at = obj.published_at or now
            obj.save()
            changed += 1
        return changed, refused

    def withdraw_objects(self, request, queryset):
        changed, refused = 0, []
        for obj in queryset.exclude(status=Status.DRAFT):
            after = workflow.State(Status.DRAFT, obj.published_at)
            reasons = self._state_change_errors(request, obj, after)
            if reasons:
                refused.append((str(obj), reasons))
                continue
            obj.status = Status.DRAFT
            obj.save()
            changed += 1
        return changed, refused

    # Delete --------------------------------------------------------------

    def has_delete_permission(self, request, obj=None):
        if obj is not None and workflow.locked_for(request.user, obj):
            return False
        return super().has_delete_permission(request, obj)

    def delete_queryset(self, request, queryset):
        locked = [obj for obj in queryset if workflow.locked_for(request.user, obj)]
        if locked:
            self._refused(request, [(str(o), [workflow.LOCKED % {"title": o}]) for o in locked])
            queryset = queryset.exclude(pk__in=[obj.pk for obj in locked])
        super().delete_queryset(request, queryset)

    # The change form -----------------------------------------------------

    def get_readonly_fields(self, request, obj=None):
        fields = list(super().get_readonly_fields(request, obj))
        if not self.has_publish_permission(request):
            fields.append("published_at")
            if obj is not None and obj.status == Status.PUBLISHED:
                # A proposal changes text and facts, never state, dates or address.
                fields += ["status", "last_reviewed", "slug"]
        return fields

    def get_prepopulated_fields(self, request, obj=None):
        if "slug" in self.get_readonly_fields(request, obj):
            return {}
        return super().get_prepopulated_fields(request, obj)

    def get_form(self, request, obj=None, change=False, **kwargs):
        may_publish = self.has_publish_permission(request)
        before = getattr(request, "_workflow_before", None)
        if before is None:
            before = workflow.State.of(
                self.model.objects.filter(pk=obj.pk).first() if obj and obj.pk else None
            )
        locked = before is not None and before.live_or_scheduled and not may_publish
        form = super().get_form(request, obj, change=change, **kwargs)
        form = type(
            form.__name__,
            (WorkflowFormMixin, form),
            {"workflow_user": request.user, "workflow_before": before, "workflow_locked": locked},
        )
        status = form.base_fields.get("status")
        if status is not None and not may_publish:
            status.choices = [c for c in status.choices if c[0] != Status.PUBLISHED]
            status.help_text = _(
                "Veröffentlichen darf nur, wer die Berechtigung dazu hat; "
                "setzen Sie den Status auf „In Prüfung“."
            )
        return form

    def get_formsets_with_inlines(self, request, obj=None):
        for formset, inline in super().get_formsets_with_inlines(request, obj):
            sources = getattr(self.model, "sources", None)
            if sources is not None and formset.model is sources.rel.related_model:
                formset = type(formset.__name__, (SourceFormSetMixin, formset), {})
            yield formset, inline

    def save_model(self, request, obj, form, change):
        if change and form.workflow_locked:
            return  # saved as a proposal in save_related
        super().save_model(request, obj, form, change)

    def save_related(self, request, form, formsets, change):
        if change and form.workflow_locked:
            from profiles.editorial.proposals import propose_from_form

            propose_from_form(request.user, form.instance, form, formsets)
            request._workflow_proposed = True
            for formset in formsets:  # nothing saved: the change message lists nothing
                formset.new_objects, formset.changed_objects, formset.deleted_objects = [], [], []
            return
        super().save_related(request, form, formsets, change)

    def log_change(self, request, obj, message):
        if getattr(request, "_workflow_proposed", False):
            return None
        return super().log_change(request, obj, message)

    def response_change(self, request, obj):
        if getattr(request, "_workflow_proposed", False):
            self.message_user(
                request,
                _(
                    "„%(title)s“ ist veröffentlicht: Ihre Änderung ist als Vorschlag "
                    "gespeichert. Die Redaktion prüft und übernimmt sie; bis dahin bleibt "
                    "die veröffentlichte Fassung unverändert."
                )
                % {"title": obj},
                messages.SUCCESS,
            )
            return redirect(
                reverse(f"admin:{self.opts.app_label}_{self.opts.model_name}_changelist")
            )
        return super().response_change(request, obj)

    # Restoring a version ---------------------------------------------------

    def revert_errors(self, request, version):
        current = self.model._default_manager.filter(pk=version.object_id).first()
        before = workflow.State.of(current)
        try:
            after = workflow.State.from_fields(version.field_dict)
        except Exception:  # noqa: BLE001 - versions of fields that no longer exist
            return [str(_("Diese Fassung passt nicht mehr zum aktuellen Datenmodell."))]
        title = str(current or version.object_repr)
        errors = workflow.change_errors(request.user, self.model, before, after, title=title)
        if not errors:
            # The form posted with the restored version decides the final state;
            # the checks compare it with the entry as it is now.
            request._workflow_before = before
        return errors

    def revision_view(self, request, object_id, version_id, extra_context=None):
        version = get_object_or_404(Version, pk=version_id, object_id=unquote(object_id))
        if version.content_type.model_class() is not self.model:
            return redirect(
                reverse(f"admin:{self.opts.app_label}_{self.opts.model_name}_changelist")
            )
        return super().revision_view(request, object_id, version_id, extra_context)


class WorkflowFormMixin:
    """The change form asks the workflow rules before anything is saved.

    ``workflow_before`` is the entry as it is in the database (or, when a
    version is being restored, as it was before the restore);
    ``workflow_locked``: the user may change it only through a proposal.
    """

    workflow_user = None
    workflow_before = None
    workflow_locked = False

    def clean(self):
        cleaned = super().clean()
        obj = self.instance
        obj._workflow_publishing = False
        if self.workflow_locked:
            from profiles.editorial.proposals import supports

            if not supports(type(obj)):  # no proposals for this kind: refuse
                self.add_error(None, workflow.LOCKED % {"title": obj})
            return cleaned  # a proposal; the published entry stays as it is
        after = workflow.State(
            cleaned.get("status", obj.status), cleaned.get("published_at", obj.published_at)
        )
        title = cleaned.get("title") or str(obj)
        for error in workflow.change_errors(
            self.workflow_user, type(obj), self.workflow_before, after, title=title
        ):
            self.add_error("status" if "status" in self.fields else None, error)
        obj._workflow_publishing = workflow.becomes_published(self.workflow_before, after)
        return cleaned

    def _post_clean(self):
        super()._post_clean()  # the instance now holds the posted text
        if getattr(self.instance, "_workflow_publishing", False):
            for error in workflow.section_blockers(self.instance):
                self.add_error(None, error)


class SourceFormSetMixin:
    """The sources inline: publishing needs at least one source."""

    def clean(self):
        super().clean()
        if not getattr(self.instance, "_workflow_publishing", False):
            return
        kept = [
            form
            for form in self.forms
            if getattr(form, "cleaned_data", None)
            and not form.cleaned_data.get("DELETE")
            and form.cleaned_data.get("url")
        ]
        if not kept:
            raise forms.ValidationError(workflow.NO_SOURCE)
