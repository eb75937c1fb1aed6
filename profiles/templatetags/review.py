"""The review dashboard on the admin index: profiles overdue for review."""

from django import template
from django.conf import settings

from profiles.editorial.review import due_for_review
from profiles.models import Profile

register = template.Library()

DASHBOARD_LIMIT = 10


@register.simple_tag(takes_context=True)
def overdue_profiles(context):
    """{"items": the longest overdue profiles, "count": all overdue} for users who may see them."""
    user = context["request"].user
    if not user.has_perm("profiles.view_profile"):
        return None
    overdue = due_for_review(Profile.objects.all())
    return {
        "items": list(
            overdue.only("pk", "title", "status", "last_reviewed", "created")[:DASHBOARD_LIMIT]
        ),
        "count": overdue.count(),
        "months": settings.REVIEW_INTERVAL_MONTHS,
    }
