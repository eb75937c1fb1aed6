"""The finder's two pages: the questions and the result. Both are plain GET
pages: the answers live in the query string, so a result can be bookmarked,
shared and printed, and "Antworten ändern" returns to the questions with the
answers kept. No page writes anything."""

from django.shortcuts import render
from django.urls import NoReverseMatch, reverse

from profiles.models import Profile
from profiles.public.seo import absolute_url
from profiles.public.sharing import qr_svg_inline
from profiles.versioning import cached_per_version

from .questions import QUESTIONS, read_answers
from .rules import evaluate

# What the rules and the result page read from a profile.
FACT_FIELDS = [
    "kind",
    "title",
    "slug",
    "summary",
    "bindingness",
    "effort",
    "legal_person",
    "legal_person_note",
    "sovereign_powers",
    "sovereign_powers_note",
    "private_partners",
    "private_partners_note",
    "tax_split",
    "tax_split_note",
    "cross_border",
    "cross_border_note",
    "cost_sharing_note",
    "bindingness_note",
    "effort_note",
    "purpose_coordinate",
    "purpose_delegate",
    "purpose_operate",
    "purpose_land",
    "purpose_pool",
]


def calculator_url() -> str | None:
    """The Lasten-Nutzen-Rechner, where that feature is installed."""
    try:
        return reverse("calculator:rechner")
    except NoReverseMatch:
        return None


def questions(request):
    answers = read_answers(request.GET)
    return render(
        request,
        "finder/questions.html",
        {
            "questions": [(question, answers[question.key]) for question in QUESTIONS],
            "answers": answers,
        },
    )


def cached_outcome(answers):
    """The finder's result for the answers, kept per content version.

    Ranking scores every published Steckbrief of a kind in the database (about
    0.6 s at 100,000 entries); the result changes only with the answers or the
    content, so it is kept like the facet counts (``FACET_CACHE_TIMEOUT``).
    """

    def rank():
        profiles = Profile.objects.published().only(*FACT_FIELDS).order_by("title", "pk")
        return evaluate(answers, profiles)

    return cached_per_version("finder", answers.querystring(), rank)


def result(request):
    answers = read_answers(request.GET)
    outcome = cached_outcome(answers)
    # The result's permanent link, built from the answers as read (tidy even
    # when the request carried junk): printed with a QR code on paper.
    url = absolute_url(request, f"{reverse('finder:result')}?{answers.querystring()}")
    return render(
        request,
        "finder/result.html",
        {
            "result": outcome,
            "answers": answers,
            "calculator_url": calculator_url() if outcome.offers_calculator else None,
            "share": {"url": url, "qr_svg": qr_svg_inline(url)},
        },
    )
