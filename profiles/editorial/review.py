"""Review dates: which content is due for a fresh editorial check.

Content is due when its last review (or, if never reviewed, its creation) lies
more than ``settings.REVIEW_INTERVAL_MONTHS`` months back.
"""

import calendar
from datetime import date

from django.conf import settings
from django.contrib import admin
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


def months_before(day: date, months: int) -> date:
    """The same day ``months`` months earlier (clamped to the month's last day)."""
    month_index = day.year * 12 + (day.month - 1) - months
    year, month = divmod(month_index, 12)
    month += 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def review_cutoff(today: date | None = None) -> date:
    today = today or timezone.localdate()
    return months_before(today, settings.REVIEW_INTERVAL_MONTHS)


def due_condition(today: date | None = None) -> Q:
    cutoff = review_cutoff(today)
    return Q(last_reviewed__lt=cutoff) | Q(last_reviewed__isnull=True, created__date__lt=cutoff)


def due_for_review(queryset, today: date | None = None):
    """The objects of ``queryset`` whose review is overdue, longest overdue first."""
    return queryset.filter(due_condition(today)).order_by("last_reviewed", "created")


class ReviewDueFilter(admin.SimpleListFilter):
    title = _("Prüfung fällig")
    parameter_name = "pruefung_faellig"

    def lookups(self, request, model_admin):
        return [("ja", _("ja")), ("nein", _("nein"))]

    def queryset(self, request, queryset):
        if self.value() == "ja":
            return queryset.filter(due_condition())
        if self.value() == "nein":
            return queryset.exclude(due_condition())
        return queryset
