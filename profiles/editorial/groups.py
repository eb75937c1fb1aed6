"""The editors' groups and their permissions.

- "Redaktion" curates and publishes Steckbriefe, Praxisbeispiele and
  Handlungsfelder.
- "Autorenschaft" writes drafts but may not publish: authors set the status to
  "In Prüfung" and the Redaktion publishes. Changes to published content
  become proposals the Redaktion applies (profiles/editorial/proposals.py);
  Handlungsfelder and legal pages are live at once, so authors only read them.

Kept in step with the models after every ``migrate`` (post_migrate), so a fresh
database and an existing one end up with the same group.
"""

from django.contrib.auth.models import Group, Permission

EDITOR_GROUP = "Redaktion"
AUTHOR_GROUP = "Autorenschaft"

# Models the editors curate; they get add, change, delete and view on each.
CURATED_MODELS = [
    "profile",
    "profilesource",
    "taggedprofile",
    "practiceexample",
    "examplesource",
    "taggedexample",
    "policyarea",
    "legalpage",
]
EXTRA_PERMISSIONS = [
    "publish_profile",
    "publish_practiceexample",
    "view_changeproposal",
    "change_changeproposal",
]
# What authors may only read: live at once, no workflow of their own.
AUTHOR_READ_ONLY = ["policyarea", "legalpage"]


def editor_permission_codenames() -> set[str]:
    codenames = {
        f"{action}_{model}"
        for model in CURATED_MODELS
        for action in ("add", "change", "delete", "view")
    }
    return codenames | set(EXTRA_PERMISSIONS)


def ensure_editor_group(**kwargs) -> Group:
    """Create or update the Redaktion and Autorenschaft groups with exactly their permissions.

    Returns the Redaktion group.
    """
    group, _ = Group.objects.get_or_create(name=EDITOR_GROUP)
    permissions = Permission.objects.filter(
        content_type__app_label="profiles", codename__in=editor_permission_codenames()
    )
    group.permissions.set(permissions)
    authors, _ = Group.objects.get_or_create(name=AUTHOR_GROUP)
    read_only = [
        f"{action}_{model}" for model in AUTHOR_READ_ONLY for action in ("add", "change", "delete")
    ]
    authors.permissions.set(
        permissions.exclude(codename__in=[*EXTRA_PERMISSIONS, *read_only])
        | Permission.objects.filter(
            content_type__app_label="profiles", codename="view_changeproposal"
        )
    )
    return group
