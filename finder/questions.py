"""The finder's questions and how answers are read from a GET query string.

Every question has the answer ``weiss-nicht`` ("weiß ich nicht"), which is
also the neutral default for a missing, unknown, repeated-and-conflicting or
tampered answer. Reading never fails: it returns the answers plus German
messages about what it had to ignore.
"""

from dataclasses import dataclass

UNKNOWN = "weiss-nicht"
UNKNOWN_LABEL = "weiß ich nicht"
# Longest answer value shown back to the user in a message.
ECHO_LIMIT = 40


@dataclass(frozen=True)
class Option:
    value: str
    label: str


@dataclass(frozen=True)
class Question:
    key: str  # URL parameter
    title: str
    help: str
    options: tuple[Option, ...]

    @property
    def all_options(self) -> tuple[Option, ...]:
        return (*self.options, Option(UNKNOWN, UNKNOWN_LABEL))

    def label(self, value: str) -> str:
        for option in self.all_options:
            if option.value == value:
                return option.label
        return UNKNOWN_LABEL


QUESTIONS: tuple[Question, ...] = (
    Question(
        "vorhaben",
        "Was wollen Sie gemeinsam tun?",
        "Beschreiben Sie das Vorhaben so, wie Sie es im Gemeinderat erklären würden. "
        "Die Form der Zusammenarbeit richtet sich nach der Aufgabe, nicht umgekehrt.",
        (
            Option("abstimmen", "uns abstimmen und gemeinsam planen"),
            Option("aufgabe", "eine Kommune erledigt eine Aufgabe auch für die anderen"),
            Option("einrichtung", "eine Einrichtung gemeinsam betreiben"),
            Option("flaechen", "Flächen gemeinsam entwickeln und vermarkten"),
            Option("fonds", "Geld in einen gemeinsamen Fonds oder Pool geben"),
        ),
    ),
    Question(
        "verbindlichkeit",
        "Wie verbindlich soll die Zusammenarbeit sein?",
        "Locker heißt: Jede Kommune entscheidet weiter selbst. Ein eigener Träger ist "
        "eine neue juristische Person, die dauerhaft für alle handelt und mit Mehrheit "
        "beschließt.",
        (
            Option("locker", "locker: abstimmen, ohne Aufgaben abzugeben"),
            Option("vertrag", "verbindlich per Vertrag für eine bestimmte Aufgabe"),
            Option("traeger", "dauerhaft, mit einem eigenen Träger (eigene Rechtsperson)"),
        ),
    ),
    Question(
        "hoheit",
        "Braucht der gemeinsame Träger Hoheitsrechte?",
        "Hoheitsrechte heißt hier: Satzungen erlassen, Gebühren erheben, Bescheide "
        "schicken, zum Beispiel für Abwasser oder Abfall. Steuern erheben darf nur die "
        "Gemeinde selbst; das Recht lässt sich nicht übertragen.",
        (
            Option("ja", "ja, Satzungen, Gebühren oder Bescheide"),
            Option("nein", "nein"),
        ),
    ),
    Question(
        "geld",
        "Sollen Steuern oder Kosten geteilt werden?",
        "In Bayern zählt eine abweichende Aufteilung von Gewerbe- und Grundsteuer im "
        "Finanzausgleich nur unter bestimmten Bedingungen. Ohne Anerkennung rechnet der "
        "Finanzausgleich die Steuerkraft weiter der Standortgemeinde zu.",
        (
            Option(
                "steuern",
                "Gewerbe- und Grundsteuer teilen, anerkannt im bayerischen Finanzausgleich",
            ),
            Option("kosten", "Kosten einer gemeinsamen Aufgabe oder Einrichtung teilen"),
            Option("nein", "nein, es fließt kein Geld zwischen den Kommunen"),
        ),
    ),
    Question(
        "partner",
        "Wer macht mit?",
        "Private Partner sind zum Beispiel Unternehmen, Vereine, Verbände oder "
        "Privatpersonen. Nicht jede Form lässt sie zu.",
        (
            Option("kommunen", "nur Kommunen (Gemeinden, Städte, Landkreise)"),
            Option("privat", "Kommunen und private Partner"),
        ),
    ),
    Question(
        "grenze",
        "Liegt ein Partner in einem anderen Bundesland?",
        "Für Zusammenarbeit über die Landesgrenze gelten Staatsverträge; zwischen Bayern "
        "und Baden-Württemberg der Staatsvertrag von 1984.",
        (
            Option("ja", "ja, über eine Landesgrenze"),
            Option("nein", "nein, alle im selben Land"),
        ),
    ),
    Question(
        "aufwand",
        "Wie viel Verwaltungsaufwand können Sie dauerhaft tragen?",
        "Gemeint ist der laufende Aufwand: eigene Gremien, Haushalt, Buchführung, "
        "Prüfung. Kleine Verwaltungen ohne Fachpersonal wählen oft eine schlanke Form.",
        (
            Option("gering", "wenig: ein paar Sitzungen im Jahr"),
            Option("mittel", "mittel: Verträge und Abrechnungen pflegen"),
            Option("hoch", "viel: eigene Gremien, Haushalt und Prüfung sind machbar"),
        ),
    ),
)

QUESTIONS_BY_KEY = {question.key: question for question in QUESTIONS}


@dataclass
class Answers:
    values: dict[str, str]
    messages: list[str]

    def __getitem__(self, key: str) -> str:
        return self.values[key]

    @property
    def given(self) -> dict[str, str]:
        """The answers other than "weiß ich nicht", in question order."""
        return {key: value for key, value in self.values.items() if value != UNKNOWN}

    def querystring(self) -> str:
        from urllib.parse import urlencode

        return urlencode(self.values)

    def described(self) -> list[tuple[Question, str]]:
        return [(question, question.label(self.values[question.key])) for question in QUESTIONS]


def _echo(value: str) -> str:
    cleaned = "".join(ch for ch in value if ch.isprintable())
    if len(cleaned) > ECHO_LIMIT:
        cleaned = cleaned[:ECHO_LIMIT] + "…"
    return cleaned


def read_answers(query) -> Answers:
    """Answers from a QueryDict (or any mapping with getlist); never raises."""
    values: dict[str, str] = {}
    messages: list[str] = []
    for question in QUESTIONS:
        raw = (
            query.getlist(question.key) if hasattr(query, "getlist") else [query.get(question.key)]
        )
        raw = [value for value in raw if value not in (None, "")]
        valid = {option.value for option in question.all_options}
        distinct = list(dict.fromkeys(raw))
        if not distinct:
            values[question.key] = UNKNOWN
        elif len(distinct) > 1:
            values[question.key] = UNKNOWN
            messages.append(
                f"Auf die Frage „{question.title}“ kamen mehrere verschiedene Antworten. "
                f"Wir haben „{UNKNOWN_LABEL}“ angenommen; bitte wählen Sie eine Antwort."
            )
        elif distinct[0] not in valid:
            values[question.key] = UNKNOWN
            messages.append(
                f"Die Antwort „{_echo(distinct[0])}“ auf die Frage „{question.title}“ gibt es "
                f"nicht. Wir haben „{UNKNOWN_LABEL}“ angenommen."
            )
        else:
            values[question.key] = distinct[0]
    return Answers(values, messages)
