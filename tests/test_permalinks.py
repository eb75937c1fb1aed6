"""Permanent links: renamed slugs redirect forever; withdrawn content is gone, drafts 404."""

import pytest
from django.urls import reverse

from profiles.models import ExampleSlugHistory, Profile, ProfileSlugHistory, Status
from tests.conftest import make_example, make_profile

pytestmark = pytest.mark.django_db


def rename(obj, slug):
    obj.slug = slug
    obj.save()


def test_rename_chain_redirects_every_old_slug_straight_to_the_current_one(client):
    profile = make_profile(slug="a")
    rename(profile, "b")
    rename(profile, "c")
    for old in ("a", "b"):
        response = client.get(f"/steckbriefe/{old}/")
        assert response.status_code == 301
        assert response["Location"] == "/steckbriefe/c/"
    assert client.get("/steckbriefe/c/").status_code == 200


def test_redirect_keeps_the_query_string(client):
    profile = make_profile(slug="alt")
    rename(profile, "neu")
    response = client.get("/steckbriefe/alt/?utm_source=rundbrief")
    assert response["Location"] == "/steckbriefe/neu/?utm_source=rundbrief"


def test_renaming_back_removes_the_redirect_from_the_live_slug(client):
    profile = make_profile(slug="a")
    rename(profile, "b")
    rename(profile, "a")
    assert client.get("/steckbriefe/a/").status_code == 200
    assert client.get("/steckbriefe/b/")["Location"] == "/steckbriefe/a/"
    assert list(ProfileSlugHistory.objects.values_list("old_slug", flat=True)) == ["b"]


def test_a_new_object_that_reuses_an_old_slug_wins_over_the_redirect(client):
    first = make_profile("Erster", slug="gemeinsam")
    rename(first, "erster")
    second = make_profile("Zweiter", slug="gemeinsam")
    response = client.get("/steckbriefe/gemeinsam/")
    assert response.status_code == 200
    assert response.context["profile"] == second
    # If the newcomer moves on, the old slug now follows it.
    rename(second, "zweiter")
    assert client.get("/steckbriefe/gemeinsam/")["Location"] == "/steckbriefe/zweiter/"


def test_saving_without_a_rename_records_nothing():
    profile = make_profile(slug="fest")
    profile.title = "Neuer Titel"
    profile.save()
    assert not ProfileSlugHistory.objects.exists()


def test_example_renames_redirect_too(client):
    example = make_example(slug="beispiel-alt")
    rename(example, "beispiel-neu")
    response = client.get("/praxisbeispiele/beispiel-alt/")
    assert response.status_code == 301
    assert response["Location"] == "/praxisbeispiele/beispiel-neu/"
    assert ExampleSlugHistory.objects.get().target == example


def test_old_slug_of_a_draft_is_404_and_does_not_reveal_the_new_slug(client):
    draft = make_profile(slug="entwurf-alt", status=Status.DRAFT)
    rename(draft, "entwurf-neu")
    response = client.get("/steckbriefe/entwurf-alt/")
    assert response.status_code == 404
    assert "entwurf-neu" not in response.content.decode()


def test_withdrawn_profile_is_410_also_under_its_old_slug(client):
    profile = make_profile(slug="zurueckgezogen")
    rename(profile, "zurueckgezogen-2")
    profile.status = Status.DRAFT
    profile.save()
    for slug in ("zurueckgezogen", "zurueckgezogen-2"):
        response = client.get(f"/steckbriefe/{slug}/")
        assert response.status_code == 410
        assert "nicht mehr verfügbar" in response.content.decode()
        assert "zurueckgezogen-2" not in response.content.decode()


def test_never_published_draft_and_unknown_slug_are_404(client):
    make_profile(slug="nie-veroeffentlicht", status=Status.DRAFT)
    assert client.get("/steckbriefe/nie-veroeffentlicht/").status_code == 404
    assert client.get("/steckbriefe/gibt-es-nicht/").status_code == 404


def test_staff_preview_follows_renames_of_drafts(editor_client):
    draft = make_profile(slug="vorschau-alt", status=Status.DRAFT)
    rename(draft, "vorschau-neu")
    response = editor_client.get("/steckbriefe/vorschau-alt/")
    assert response["Location"] == "/steckbriefe/vorschau-neu/"


def test_qr_code_follows_renames(client):
    profile = make_profile(slug="qr-alt")
    rename(profile, "qr-neu")
    response = client.get("/steckbriefe/qr-alt/qr.svg")
    assert response.status_code == 301
    assert response["Location"] == reverse("profiles:profile_qr", kwargs={"slug": "qr-neu"})


def test_renames_in_the_admin_are_recorded(admin_client):
    profile = make_profile(slug="admin-alt")
    url = reverse("admin:profiles_profile_change", args=[profile.pk])
    form = admin_client.get(url).context["adminform"].form
    data = {
        name: value
        for name, value in form.initial.items()
        if value is not None and name not in ("tags", "related", "created", "updated")
    }
    data.update(
        slug="admin-neu",
        published_at_0=profile.published_at.strftime("%d.%m.%Y"),
        published_at_1=profile.published_at.strftime("%H:%M:%S"),
        **{
            "sources-TOTAL_FORMS": "0",
            "sources-INITIAL_FORMS": "0",
        },
    )
    data.pop("published_at", None)
    response = admin_client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    assert client_redirect(admin_client, "/steckbriefe/admin-alt/") == "/steckbriefe/admin-neu/"


def client_redirect(client, url):
    return client.get(url)["Location"]


def test_editors_see_former_addresses_read_only_in_the_admin(editor_client):
    profile = make_profile(slug="frueher")
    rename(profile, "jetzt")
    response = editor_client.get(reverse("admin:profiles_profile_change", args=[profile.pk]))
    assert response.status_code == 200
    body = response.content.decode()
    assert "Frühere Adressen" in body
    assert "<code>frueher</code>" in body
    assert 'name="former_addresses"' not in body  # shown, not editable


def test_the_feed_path_cannot_become_a_profile_slug():
    from django.forms import modelform_factory

    from profiles.editorial.admin import ProfileAdminForm

    # The admin builds its form the same way: the editor's form plus the fieldsets' fields.
    form_class = modelform_factory(Profile, form=ProfileAdminForm, fields=["slug"])
    assert form_class(data={"slug": "zweckverband"}).is_valid()
    form = form_class(data={"slug": "feed"})
    assert not form.is_valid()
    assert "reserviert" in str(form.errors["slug"])
