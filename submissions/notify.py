"""E-mails about submissions: the editors hear of each, the sender gets a confirmation.

Django's mail framework: the console backend on a laptop, SMTP from the
environment in production (catalogue/settings.py, docs/praxisbeispiele.md).
A failing mail server never loses a submission: it is stored first, and
errors are logged.
"""

import logging

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.urls import reverse

from profiles.editorial.groups import EDITOR_GROUP
from submissions.models import Kind

logger = logging.getLogger(__name__)


def editor_addresses() -> list[str]:
    if settings.SUBMISSION_NOTIFY_EMAILS:
        return list(settings.SUBMISSION_NOTIFY_EMAILS)
    users = (
        get_user_model()
        .objects.filter(is_active=True, is_staff=True, groups__name=EDITOR_GROUP)
        .exclude(email="")
    )
    return sorted(set(users.values_list("email", flat=True)))


def absolute(request, path) -> str:
    return f"{settings.SITE_URL}{path}" if settings.SITE_URL else request.build_absolute_uri(path)


def notify(request, submission) -> None:
    what = "ein Praxisbeispiel" if submission.kind == Kind.EXAMPLE else "einen Hinweis"
    subject_line = (
        submission.title if submission.kind == Kind.EXAMPLE else f"zu „{submission.profile}“"
    )
    admin_url = absolute(
        request, reverse("admin:submissions_submission_change", args=[submission.pk])
    )
    try:
        recipients = editor_addresses()
        if recipients:
            send_mail(
                f"Neue Einsendung: {subject_line}"[:150],
                f"Im Eingang liegt {what}:\n\n{subject_line}\n\nZur Prüfung: {admin_url}\n",
                None,
                recipients,
            )
        send_mail(
            "Ihre Einsendung an den Steckbrief-Katalog",
            f"Guten Tag {submission.name},\n\n"
            f"vielen Dank für {what} ({subject_line}). Die Redaktion prüft die Einsendung "
            "und meldet sich bei Rückfragen unter dieser Adresse. Veröffentlicht wird nichts "
            "ohne Prüfung, Ihre Kontaktdaten nie.\n\n"
            "Diese Nachricht wurde automatisch versandt.\n",
            None,
            [submission.email],
        )
    except Exception:  # the submission is stored; a mail problem must not lose it
        logger.exception("Mail about submission %s could not be sent", submission.pk)
