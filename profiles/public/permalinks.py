"""Permanent links: a Steckbrief's URL keeps working when an editor renames it.

Every slug change is recorded (``ProfileSlugHistory`` / ``ExampleSlugHistory``)
and the public pages answer an old slug with a 301 to the object's current
URL. History rows point at the object, so after renames a → b → c both a and b
lead straight to c. A live slug always wins: a new object that takes over an
old slug gets its page, and the redirect row is removed.

Content that was published and then withdrawn answers 410 Gone (never a
redirect, so a withdrawn object's new slug does not leak); content that never
was public stays a plain 404.

Renames through ``QuerySet.update()`` bypass ``save()`` and are not recorded;
the admin and the demo loader always save.
"""

from django.db.models.signals import post_save, pre_save
from django.http import Http404, HttpResponsePermanentRedirect
from django.template.response import TemplateResponse
from django.urls import reverse

from profiles.models import PracticeExample, Profile

TRACKED_MODELS = (Profile, PracticeExample)


def history_model(model):
    """The slug history model that belongs to a Profile or PracticeExample model."""
    return model._meta.get_field("slug_history").related_model


def remember_previous_slug(sender, instance, raw=False, **kwargs):
    if raw or instance.pk is None:
        instance._previous_slug = None
        return
    instance._previous_slug = (
        sender._default_manager.filter(pk=instance.pk).values_list("slug", flat=True).first()
    )


def record_slug_change(sender, instance, created, raw=False, **kwargs):
    if raw:
        return
    previous = getattr(instance, "_previous_slug", None)
    renamed = previous is not None and previous != instance.slug
    if not (created or renamed):
        return
    history = history_model(sender)
    if renamed:
        history.objects.update_or_create(old_slug=previous, defaults={"target": instance})
    # The object that holds a slug now wins over any redirect from it.
    history.objects.filter(old_slug=instance.slug).delete()


def connect_signals():
    for model in TRACKED_MODELS:
        uid = f"permalinks:{model._meta.label_lower}"
        pre_save.connect(remember_previous_slug, sender=model, dispatch_uid=f"{uid}:pre")
        post_save.connect(record_slug_change, sender=model, dispatch_uid=f"{uid}:post")


class PermanentLinkMixin:
    """For detail views looked up by slug: 301 from old slugs, 410 for withdrawn content.

    Put it before the view's queryset logic in the bases; the view's own
    ``get_queryset()`` decides what the visitor may see (published, or all for
    staff previews).
    """

    gone_template_name = "profiles/gone.html"

    def url_for(self, obj) -> str:
        """Where this view lives for ``obj``; views serving a sub-resource override it."""
        return obj.get_absolute_url()

    def get(self, request, *args, **kwargs):
        try:
            return super().get(request, *args, **kwargs)
        except Http404:
            response = self.moved_or_gone(kwargs.get(self.slug_url_kwarg, ""))
            if response is None:
                raise
            return response

    def moved_or_gone(self, slug):
        model = self.model
        entry = history_model(model).objects.filter(old_slug=slug).select_related("target").first()
        obj = entry.target if entry else model.objects.filter(slug=slug).first()
        if obj is None:
            return None
        if entry and self.get_queryset().filter(pk=obj.pk).exists():
            url = self.url_for(obj)
            if query := self.request.META.get("QUERY_STRING"):
                url = f"{url}?{query}"
            return HttpResponsePermanentRedirect(url)
        if obj.was_withdrawn:
            return self.gone()
        return None

    def gone(self):
        if self.model is Profile:
            heading, list_url = "Dieser Steckbrief", reverse("profiles:profile_list")
        else:
            heading, list_url = "Dieses Praxisbeispiel", reverse("profiles:example_list")
        response = TemplateResponse(
            self.request,
            self.gone_template_name,
            {"heading": f"{heading} ist nicht mehr verfügbar", "list_url": list_url},
            status=410,
        )
        response["X-Robots-Tag"] = "noindex"
        return response
