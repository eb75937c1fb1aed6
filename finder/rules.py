"""The finder's rules: which answer looks at which fact of a Steckbrief.

The rules here are generic: "if the user needs sovereign powers, look at the
fact ``sovereign_powers`` of every published Steckbrief". What a form can do,
and the German sentence with its legal basis that explains it, are data that
editors keep on each Steckbrief (profiles.models.Profile, fieldset "Fakten für
den Finder"). No rule names a form, so a new Organisationsform entered in the
admin takes part as soon as it is published.

Effects: EXCLUDE rules a profile out (the answer acts as a filter), FIT and
NOTE weigh it and give a line "passt, weil …" or "beachten Sie …".
"""

from dataclasses import dataclass, field

from django.db.models import Case, IntegerField, Q, Value, When

from profiles.models import PURPOSE_FIELDS, Kind, Profile

from .questions import QUESTIONS_BY_KEY, Answers

FIT = "passt"
NOTE = "beachten"
EXCLUDE = "scheidet-aus"

NOT_RECORDED = ""


@dataclass(frozen=True)
class Outcome:
    effect: str | None
    weight: int = 0


@dataclass(frozen=True)
class FactTest:
    """Look at one fact of a profile and turn its value into an outcome.

    ``fact`` is the field holding the value (None: the value is "ja" when the
    note is filled, else not recorded); ``note`` the field holding the
    form-specific sentence shown as the reason.
    """

    fact: str | None
    note: str | None
    outcomes: dict
    # Shown when the profile has no sentence of its own (generic, about the fact).
    generic: str = ""
    # The shape of a cooperation (legal person, bindingness, effort) matters for
    # Organisationsformen only; instruments and mechanisms are not weighed by it.
    forms_only: bool = False


def yes_no_test(fact, *, yes, limited, no, unknown, forms_only=False):
    return FactTest(
        fact,
        f"{fact}_note",
        {"ja": yes, "eingeschraenkt": limited, "nein": no, NOT_RECORDED: unknown},
        forms_only=forms_only,
    )


def purpose(fact):
    return FactTest(
        fact,
        None,
        {True: Outcome(FIT, 4)},
        generic="Laut Steckbrief geeignet für Ihr Vorhaben: {answer}.",
    )


# (question key, answer value) -> the fact tests that answer triggers.
RULES: dict[tuple[str, str], tuple[FactTest, ...]] = {
    **{("vorhaben", str(value)): (purpose(field),) for value, field in PURPOSE_FIELDS.items()},
    ("verbindlichkeit", "locker"): (
        yes_no_test(
            "legal_person",
            yes=Outcome(NOTE, -2),
            limited=Outcome(NOTE, 0),
            no=Outcome(FIT, 2),
            unknown=Outcome(NOTE, -1),
            forms_only=True,
        ),
        FactTest("effort", "effort_note", {"gering": Outcome(FIT, 1)}, forms_only=True),
    ),
    ("verbindlichkeit", "vertrag"): (
        FactTest(
            "bindingness",
            "bindingness_note",
            {
                "vertraglich": Outcome(FIT, 2),
                "rechtsperson": Outcome(NOTE, -1),
                "informell": Outcome(NOTE, -1),
            },
            forms_only=True,
        ),
    ),
    ("verbindlichkeit", "traeger"): (
        yes_no_test(
            "legal_person",
            yes=Outcome(FIT, 2),
            limited=Outcome(NOTE, 0),
            no=Outcome(EXCLUDE),
            unknown=Outcome(NOTE, -1),
            forms_only=True,
        ),
    ),
    ("hoheit", "ja"): (
        yes_no_test(
            "sovereign_powers",
            yes=Outcome(FIT, 2),
            limited=Outcome(NOTE, 0),
            no=Outcome(EXCLUDE),
            unknown=Outcome(NOTE, -1),
        ),
    ),
    ("geld", "steuern"): (
        yes_no_test(
            "tax_split",
            yes=Outcome(FIT, 3),
            limited=Outcome(NOTE, 0),
            no=Outcome(EXCLUDE),
            unknown=Outcome(NOTE, -1),
        ),
    ),
    ("geld", "kosten"): (
        FactTest(
            None,
            "cost_sharing_note",
            {"ja": Outcome(FIT, 1), NOT_RECORDED: Outcome(NOTE, 0)},
        ),
    ),
    ("partner", "privat"): (
        yes_no_test(
            "private_partners",
            yes=Outcome(FIT, 2),
            limited=Outcome(NOTE, -1),
            no=Outcome(EXCLUDE),
            unknown=Outcome(NOTE, -1),
        ),
    ),
    ("grenze", "ja"): (
        yes_no_test(
            "cross_border",
            yes=Outcome(FIT, 1),
            limited=Outcome(NOTE, 0),
            no=Outcome(EXCLUDE),
            unknown=Outcome(NOTE, -1),
        ),
    ),
    ("aufwand", "gering"): (
        FactTest(
            "effort",
            "effort_note",
            {"gering": Outcome(FIT, 2), "mittel": Outcome(NOTE, -1), "hoch": Outcome(NOTE, -3)},
            forms_only=True,
        ),
    ),
    ("aufwand", "mittel"): (
        FactTest(
            "effort",
            "effort_note",
            {"gering": Outcome(FIT, 1), "mittel": Outcome(FIT, 1), "hoch": Outcome(NOTE, -1)},
            forms_only=True,
        ),
    ),
}

# Answers after which the Lasten-Nutzen-Rechner is worth offering.
MONEY_ANSWERS = {("geld", "steuern"), ("geld", "kosten"), ("vorhaben", "fonds")}

SHORTLIST_MIN = 3
SHORTLIST_MAX = 5
FURTHER_MAX = 4
# A large catalogue must not make the result page endless.
MORE_FORMS_MAX = 10
EXCLUDED_MAX = 25


@dataclass
class Reason:
    effect: str
    text: str
    question: str  # the question's title
    answer: str  # the answer's label


@dataclass
class Verdict:
    profile: object
    score: int = 0
    note_count: int = 0
    reasons: list[Reason] = field(default_factory=list)

    @property
    def excluded(self) -> bool:
        return any(reason.effect == EXCLUDE for reason in self.reasons)

    def of(self, effect):
        return [reason for reason in self.reasons if reason.effect == effect]

    @property
    def fits(self):
        return self.of(FIT)

    @property
    def notes(self):
        return self.of(NOTE)

    @property
    def exclusions(self):
        return self.of(EXCLUDE)


def _fact_value(profile, test: FactTest):
    if test.fact is None:
        return "ja" if getattr(profile, test.note, "") else NOT_RECORDED  # as _condition()
    return getattr(profile, test.fact)


def _field_label(field_name: str) -> str:
    return str(Profile._meta.get_field(field_name).verbose_name)


def _reason_text(profile, test: FactTest, value, answer_label: str) -> str:
    note = getattr(profile, test.note, "").strip() if test.note else ""
    if note:
        return note
    if test.generic:
        return test.generic.format(answer=answer_label)
    subject = _field_label(test.fact or test.note)
    if value in (NOT_RECORDED, None):
        return f"Im Steckbrief nicht erfasst: {subject}. Bitte im Einzelfall prüfen."
    display = getattr(profile, f"get_{test.fact}_display", lambda: value)()
    return f"{subject}: {display}."


def _applicable(answers: Answers, *, forms: bool):
    """(question, answer, test) for every fact test the answers trigger."""
    for key, value in answers.given.items():
        for test in RULES.get((key, value), ()):
            if test.forms_only and not forms:
                continue
            yield QUESTIONS_BY_KEY[key], value, test


def judge(profile, answers: Answers) -> Verdict:
    """One profile against all answers: score and reasons."""
    verdict = Verdict(profile)
    is_form = profile.kind == Kind.ORGANISATION
    for question, value, test in _applicable(answers, forms=is_form):
        fact_value = _fact_value(profile, test)
        if fact_value in (NOT_RECORDED, None) and not is_form:
            # Instruments and mechanisms record only the facts that apply to them.
            continue
        outcome = test.outcomes.get(fact_value)
        if outcome is None or outcome.effect is None:
            continue
        verdict.score += outcome.weight
        verdict.note_count += outcome.effect == NOTE
        text = _reason_text(profile, test, fact_value, question.label(value))
        if any(r.effect == outcome.effect and r.text == text for r in verdict.reasons):
            continue  # two answers pointing at the same sentence show it once
        verdict.reasons.append(Reason(outcome.effect, text, question.title, question.label(value)))
    return verdict


# The same rules as SQL, so that a large catalogue is ranked in the database
# and only the profiles shown are judged one by one (judge() gives the reasons).


def _condition(test: FactTest, fact_value) -> Q:
    if test.fact is None:
        return ~Q(**{test.note: ""}) if fact_value == "ja" else Q(**{test.note: ""})
    return Q(**{test.fact: fact_value})


def _case(test: FactTest, forms: bool, value_of) -> Case | None:
    whens = []
    for fact_value, outcome in test.outcomes.items():
        if outcome.effect is None or (not forms and fact_value in (NOT_RECORDED, None)):
            continue
        result = value_of(outcome)
        if result:
            whens.append(When(_condition(test, fact_value), then=Value(result)))
    return Case(*whens, default=Value(0), output_field=IntegerField()) if whens else None


def _sum(answers: Answers, forms: bool, value_of):
    cases = [
        c for _q, _v, t in _applicable(answers, forms=forms) if (c := _case(t, forms, value_of))
    ]
    if not cases:
        return Value(0, output_field=IntegerField())
    total = cases[0]
    for case in cases[1:]:
        total = total + case
    return total


def ranked(queryset, answers: Answers, *, forms: bool):
    """Profiles annotated with score, notes, fits and exclusions by the answers."""
    return queryset.annotate(
        finder_score=_sum(answers, forms, lambda o: o.weight if o.effect != EXCLUDE else 0),
        finder_notes=_sum(answers, forms, lambda o: int(o.effect == NOTE)),
        finder_fits=_sum(answers, forms, lambda o: int(o.effect == FIT)),
        finder_excluded=_sum(answers, forms, lambda o: int(o.effect == EXCLUDE)),
    )


def _rank_key(verdict: Verdict):
    return (-verdict.score, verdict.note_count, verdict.profile.title.casefold())


@dataclass
class Result:
    answers: Answers
    shortlist: list[Verdict]
    more_forms: list[Verdict]
    excluded: list[Verdict]
    further: list[Verdict]
    offers_calculator: bool
    more_forms_count: int = 0
    excluded_count: int = 0

    @property
    def more_forms_rest(self) -> int:
        return self.more_forms_count - len(self.more_forms)

    @property
    def excluded_rest(self) -> int:
        return self.excluded_count - len(self.excluded)

    @property
    def answered(self) -> bool:
        return bool(self.answers.given)


def evaluate(answers: Answers, profiles) -> Result:
    """Rank the published Organisationsformen and pick fitting instruments and mechanisms.

    ``profiles`` is a queryset (the published profiles); the database ranks and
    counts, and only the profiles shown are judged in Python for their reasons.
    """
    order = ("-finder_score", "finder_notes", "title", "pk")
    forms = ranked(profiles.filter(kind=Kind.ORGANISATION), answers, forms=True)
    candidates_qs = forms.filter(finder_excluded=0)
    top = sorted(
        (
            judge(p, answers)
            for p in candidates_qs.order_by(*order)[: SHORTLIST_MAX + MORE_FORMS_MAX]
        ),
        key=_rank_key,
    )
    candidates_count = (
        candidates_qs.count() if len(top) == SHORTLIST_MAX + MORE_FORMS_MAX else len(top)
    )
    # Top 3 to 5: every form that does not count against the answers, at least three.
    size = min(SHORTLIST_MAX, max(SHORTLIST_MIN, sum(1 for v in top if v.score >= 0)))
    excluded_qs = forms.filter(finder_excluded__gt=0)
    excluded = sorted(
        (judge(p, answers) for p in excluded_qs.order_by("title", "pk")[:EXCLUDED_MAX]),
        key=lambda v: v.profile.title.casefold(),
    )
    excluded_count = excluded_qs.count() if len(excluded) == EXCLUDED_MAX else len(excluded)
    others = ranked(profiles.exclude(kind=Kind.ORGANISATION), answers, forms=False)
    further = sorted(
        (
            judge(p, answers)
            for p in others.filter(finder_excluded=0, finder_fits__gt=0).order_by(*order)[
                :FURTHER_MAX
            ]
        ),
        key=_rank_key,
    )
    return Result(
        answers=answers,
        shortlist=top[:size],
        more_forms=top[size : size + MORE_FORMS_MAX],
        more_forms_count=candidates_count - size,
        excluded=excluded,
        excluded_count=excluded_count,
        further=further,
        offers_calculator=bool(set(answers.given.items()) & MONEY_ANSWERS),
    )
