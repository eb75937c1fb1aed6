"""The shared ProfileFilterSet: the parameters of shareable browse URLs."""

import pytest

from profiles.models import Profile
from profiles.public.filters import ProfileFilterSet
from tests.conftest import make_policy_area, make_profile

pytestmark = pytest.mark.django_db


def filtered(params):
    return set(ProfileFilterSet(params, queryset=Profile.objects.published()).qs)


def test_policy_areas_any_or_all():
    housing = make_policy_area("Wohnen")
    mobility = make_policy_area("Mobilität")
    both = make_profile(tags=[housing, mobility])
    only_housing = make_profile(tags=[housing])
    make_profile(tags=[])
    params = {"handlungsfeld": ["wohnen", "mobilitaet"]}
    assert filtered(params) == {both, only_housing}
    assert filtered({**params, "verknuepfung": "und"}) == {both}


def test_compensation_kinds_combine_with_or_and_other_filters_with_and():
    money = make_profile(compensation_monetary=True, effort="gering")
    package = make_profile(compensation_package=True, effort="hoch")
    make_profile(compensation_in_kind=True)
    assert filtered({"ausgleich": ["monetaer", "paketloesung"]}) == {money, package}
    assert filtered({"ausgleich": ["monetaer", "paketloesung"], "aufwand": ["hoch"]}) == {package}


def test_small_municipalities_and_kind():
    small = make_profile(small_municipalities=True, kind="ausgleich")
    make_profile(small_municipalities=False, kind="ausgleich")
    assert filtered({"kleine_gemeinden": "ja", "art": ["ausgleich"]}) == {small}
