"""The public forms: a Praxisbeispiel after the template, and a hint on a Steckbrief.

Every field has a size limit and German messages; ``website`` is a honeypot
(hidden from people by CSS, left empty by them, filled in by many bots).
"""

from django import forms
from django.utils import timezone

from profiles.models import Bundesland, Profile
from submissions.models import LONG, MEDIUM, SHORT, Kind, Submission

CONSENT_TEXT = (
    "Ich bin einverstanden, dass die Redaktion meine Angaben speichert, um die Einsendung "
    "zu prüfen und mich bei Rückfragen per E-Mail zu erreichen. Veröffentlicht wird nichts "
    "davon ohne Prüfung, meine Kontaktdaten nie. Die Einwilligung kann ich jederzeit "
    "per E-Mail widerrufen."
)


def messages(label, max_length=None):
    result = {"required": f"Bitte „{label}“ ausfüllen."}
    if max_length:
        result["max_length"] = (
            f"„{label}“ darf höchstens {max_length} Zeichen lang sein "
            "(jetzt: %(show_value)d Zeichen)."
        )
    return result


def text(label, max_length, required=False, rows=None, help_text=""):
    widget = forms.Textarea(attrs={"rows": rows}) if rows else forms.TextInput()
    return forms.CharField(
        label=label,
        max_length=max_length,
        required=required,
        widget=widget,
        help_text=help_text,
        error_messages=messages(label, max_length),
    )


class SubmissionForm(forms.Form):
    """Fields both forms share: contact, consent, honeypot."""

    name = text("Ihr Name", SHORT, required=True)
    email = forms.EmailField(
        label="Ihre E-Mail-Adresse",
        max_length=254,
        help_text="Nur für Rückfragen und die Eingangsbestätigung; sie wird nie veröffentlicht.",
        error_messages={
            **messages("Ihre E-Mail-Adresse", 254),
            "invalid": "Bitte eine gültige E-Mail-Adresse angeben, z. B. name@gemeinde.de.",
        },
    )
    organisation = text("Kommune oder Organisation (freiwillig)", SHORT)
    consent = forms.BooleanField(
        label=CONSENT_TEXT,
        error_messages={
            "required": "Ohne Ihre Einwilligung können wir die Einsendung nicht annehmen."
        },
    )
    website = forms.CharField(
        label="Bitte dieses Feld leer lassen",
        required=False,
        max_length=SHORT,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )

    kind = None

    def is_spam(self) -> bool:
        return bool(self.data.get("website"))

    def contact_fields(self) -> list:
        return [self[name] for name in ("name", "email", "organisation")]

    def save(self, **extra) -> Submission:
        data = {
            key: value
            for key, value in self.cleaned_data.items()
            if key not in {"consent", "website"}
        }
        return Submission.objects.create(kind=self.kind, consent_at=timezone.now(), **data, **extra)


class ExampleSubmissionForm(SubmissionForm):
    kind = Kind.EXAMPLE

    title = text(
        "Was: Titel des Vorhabens",
        SHORT,
        required=True,
        help_text="z. B. „Gemeinsamer Bauhof der Gemeinden A und B“",
    )
    municipalities = text(
        "Wer: beteiligte Kommunen",
        MEDIUM,
        required=True,
        rows=3,
        help_text="Gemeinden, Städte, Landkreise; eine je Zeile.",
    )
    land = forms.ChoiceField(
        label="Land",
        choices=[("", "Bitte wählen")] + list(Bundesland.choices),
        error_messages={
            **messages("Land"),
            "invalid_choice": "Bitte ein Land aus der Liste wählen.",
        },
    )
    since = text("Seit wann", 100, help_text="z. B. „seit 2019“ oder „2021–2023“")
    shared = text(
        "Was wird geteilt, und wie?",
        LONG,
        required=True,
        rows=6,
        help_text=(
            "Aufgaben, Kosten, Einnahmen, Flächen: wer bringt was ein, wer trägt welchen Anteil?"
        ),
    )
    instrument = forms.ModelChoiceField(
        label="Angewandtes Instrument (Steckbrief)",
        queryset=Profile.objects.none(),
        required=False,
        empty_label="keines davon / weiß nicht",
        error_messages={"invalid_choice": "Bitte einen Steckbrief aus der Liste wählen."},
    )
    instrument_other = text("Oder mit eigenen Worten", SHORT)
    worked = text("Was hat funktioniert?", LONG, rows=5)
    stumbling_blocks = text("Stolpersteine", LONG, rows=5)
    sources = text(
        "Quellen",
        MEDIUM,
        rows=3,
        help_text="Öffentliche Quellen (Ratsbeschluss, Presse, Website), eine je Zeile.",
    )

    field_order = [
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
        "name",
        "email",
        "organisation",
        "consent",
        "website",
    ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["instrument"].queryset = Profile.objects.published().order_by("title")

    def template_fields(self) -> list:
        return [self[name] for name in self.field_order[:10]]


class HintForm(SubmissionForm):
    kind = Kind.HINT

    message = text(
        "Ihr Hinweis",
        LONG,
        required=True,
        rows=8,
        help_text="Was ist falsch, veraltet oder fehlt? Eine Quelle hilft uns beim Prüfen.",
    )

    field_order = ["message", "name", "email", "organisation", "consent", "website"]
