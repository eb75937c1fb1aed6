"""The public forms. Their POSTs are the only public writes to the database.

Each is limited: CSRF, a honeypot, a rate limit per client address, size
limits on every field. The pages carry a CSRF token, so they are never cached
(``never_cache``; the public page cache stores no private responses).
"""

from django.conf import settings
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_protect

from profiles.models import Profile
from submissions import notify, ratelimit
from submissions.forms import ExampleSubmissionForm, HintForm

LIMITED = (
    "Von Ihrer Adresse kamen in kurzer Zeit schon mehrere Einsendungen. "
    "Bitte versuchen Sie es in einer Stunde noch einmal oder schreiben Sie uns eine E-Mail."
)
HONEYPOT = "Dieses Feld muss leer bleiben – bitte löschen Sie seinen Inhalt."


def handle(request, form_class, template, context, **save_extra):
    status = 200
    if request.method == "POST":
        form = form_class(request.POST)
        if ratelimit.is_limited(request):
            form.add_error(None, LIMITED)
            status = 429
        elif form.is_spam():
            ratelimit.count(request)
            form.is_valid()
            form.add_error("website", HONEYPOT)
            status = 400
        elif form.is_valid():
            submission = form.save(**save_extra)
            ratelimit.count(request)
            notify.notify(request, submission)
            return redirect(reverse("submissions:thanks") + f"?art={submission.kind}")
        else:
            status = 400
    else:
        form = form_class()
    context = {**context, "form": form, "retention_days": settings.SUBMISSION_RETENTION_DAYS}
    return render(request, template, context, status=status)


@never_cache
@csrf_protect
def submit_example(request):
    return handle(request, ExampleSubmissionForm, "submissions/example_form.html", {})


@never_cache
@csrf_protect
def submit_hint(request, slug):
    profile = get_object_or_404(Profile.objects.published(), slug=slug)
    return handle(
        request, HintForm, "submissions/hint_form.html", {"profile": profile}, profile=profile
    )


@never_cache
def thanks(request):
    return render(request, "submissions/thanks.html", {"hint": request.GET.get("art") == "hinweis"})
