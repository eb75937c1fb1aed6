"""The editors' groups and their permissions.

- "Redaktion" curates and publishes Steckbriefe, Praxisbeispiele,
  Handlungsfelder, the Glossar, Rechenbeispiele and the law of the Länder, and
  decides authors' proposals.
- "Autorenschaft" writes drafts but may not publish: authors set the status to
  "In Prüfung" and the Redaktion publishes. Changes to published content
  become proposals the Redaktion applies (profiles/editorial/proposals.py);
  Handlungsfelder, legal pages and the law of the Länder are live at once, so
  authors only read them.

Kept in step with the models after every ``migrate`` (post_migrate), so a fresh
database and an existing one end up with the same group.
"""

from django.contrib.auth.models import Group, Permission
from django.db.models import Q

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
    "municipality",
]
EXTRA_PERMISSIONS = [
    "publish_profile",
    "publish_practiceexample",
    "view_changeproposal",
    "change_changeproposal",
]
# What authors may only read: live at once, no workflow of their own.
AUTHOR_READ_ONLY = ["policyarea", "legalpage", "landlaw"]
# What only editors do: publish and decide proposals.
EDITORS_ONLY = ["publish_profile", "publish_practiceexample", "change_changeproposal"]
# Other apps whose content the same groups curate: app label -> (models, publish permission
# or None when the app has no publishing step).
OTHER_APPS = {
    "glossary": (["term", "termsource"], "publish_term"),
    "calculator": (["rechenbeispiel"], None),
    "laender": (["landlaw"], None),  # the law of each Land: live at once, authors read it
    "search": (["synonym"], None),
}
# The queue "Eingang" (submissions app): editors and authors read and process
# submissions; nobody adds them in the admin.
SUBMISSION_PERMISSIONS = ["view_submission", "change_submission", "delete_submission"]


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
    wanted = Q(content_type__app_label="profiles", codename__in=editor_permission_codenames())
    publishing = set(EDITORS_ONLY)
    for app_label, (models, publish) in OTHER_APPS.items():
        codenames = {f"{a}_{m}" for m in models for a in ("add", "change", "delete", "view")}
        if publish:
            codenames.add(publish)
            publishing.add(publish)
        wanted |= Q(content_type__app_label=app_label, codename__in=codenames)
    wanted |= Q(content_type__app_label="submissions", codename__in=SUBMISSION_PERMISSIONS)
    permissions = Permission.objects.filter(wanted)
    group.permissions.set(permissions)
    authors, _ = Group.objects.get_or_create(name=AUTHOR_GROUP)
    read_only = [
        f"{action}_{model}" for model in AUTHOR_READ_ONLY for action in ("add", "change", "delete")
    ]
    authors.permissions.set(permissions.exclude(codename__in=[*publishing, *read_only]))
    return group
