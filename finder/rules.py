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

from profiles.models import Kind

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
    ("vorhaben", "abstimmen"): (purpose("purpose_coordinate"),),
    ("vorhaben", "aufgabe"): (purpose("purpose_delegate"),),
    ("vorhaben", "einrichtung"): (purpose("purpose_operate"),),
    ("vorhaben", "flaechen"): (purpose("purpose_land"),),
    ("vorhaben", "fonds"): (purpose("purpose_pool"),),
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
        return "ja" if getattr(profile, test.note, "").strip() else NOT_RECORDED
    return getattr(profile, test.fact)


def _field_label(field_name: str) -> str:
    from profiles.models import Profile

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


def judge(profile, answers: Answers) -> Verdict:
    """One profile against all answers: score and reasons."""
    verdict = Verdict(profile)
    is_form = profile.kind == Kind.ORGANISATION
    for key, value in answers.given.items():
        question = QUESTIONS_BY_KEY[key]
        for test in RULES.get((key, value), ()):
            if test.forms_only and not is_form:
                continue
            fact_value = _fact_value(profile, test)
            if fact_value in (NOT_RECORDED, None) and not is_form:
                # Instruments and mechanisms record only the facts that apply to them.
                continue
            outcome = test.outcomes.get(fact_value)
            if outcome is None or outcome.effect is None:
                continue
            text = _reason_text(profile, test, fact_value, question.label(value))
            if any(r.effect == outcome.effect and r.text == text for r in verdict.reasons):
                continue  # two answers pointing at the same fact count once
            verdict.score += outcome.weight
            verdict.reasons.append(
                Reason(outcome.effect, text, question.title, question.label(value))
            )
    return verdict


def _rank_key(verdict: Verdict):
    return (-verdict.score, len(verdict.notes), verdict.profile.title.casefold())


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
    """Rank the published Organisationsformen and pick fitting instruments and mechanisms."""
    forms, others = [], []
    for profile in profiles:
        verdict = judge(profile, answers)
        (forms if profile.kind == Kind.ORGANISATION else others).append(verdict)
    candidates = sorted((v for v in forms if not v.excluded), key=_rank_key)
    # Top 3 to 5: every form that does not count against the answers, at least three.
    size = max(SHORTLIST_MIN, sum(1 for v in candidates if v.score >= 0))
    size = min(size, SHORTLIST_MAX)
    excluded = sorted((v for v in forms if v.excluded), key=lambda v: v.profile.title.casefold())
    further = sorted((v for v in others if not v.excluded and v.fits), key=_rank_key)
    return Result(
        answers=answers,
        shortlist=candidates[:size],
        more_forms=candidates[size : size + MORE_FORMS_MAX],
        more_forms_count=len(candidates) - size,
        excluded=excluded[:EXCLUDED_MAX],
        excluded_count=len(excluded),
        further=further[:FURTHER_MAX],
        offers_calculator=bool(set(answers.given.items()) & MONEY_ANSWERS),
    )
