"""The browser suite: Debian's Chromium driven by Playwright against the live test server.

Tools: /usr/bin/chromium (apt), Playwright for Python (its bundled node
driver; no browser download), axe-core and vnu-jar from npm (``npm ci``) and
Java for the Nu Html Checker. On a laptop without them the suite skips with
the reason; when the environment variable CI is set, a missing tool fails.
"""

import os
import shutil
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command

from profiles.editorial.groups import ensure_editor_group
from profiles.models import Kind, Land, PolicyArea, Profile, Status
from profiles.public.legal import ensure_legal_pages
from profiles.public.views import ProfileListView
from tests.conftest import make_example, make_policy_area, make_profile, ready_to_publish

ROOT = Path(settings.BASE_DIR)
CHROMIUM = Path(os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium"))
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
AXE_JS = ROOT / "node_modules" / "axe-core" / "axe.min.js"
VNU_JAR = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
SCREENSHOTS = ROOT / "artifacts" / "screenshots"
DESKTOP = {"width": 1280, "height": 800}


def missing_tools() -> list[str]:
    missing = []
    if not CHROMIUM.exists():
        missing.append(f"Chromium ({CHROMIUM}; apt-get install -y chromium)")
    try:
        import playwright  # noqa: F401
    except ImportError:
        missing.append("Playwright for Python (make .venv/.installed)")
    for path in (AXE_JS, VNU_JAR):
        if not path.exists():
            missing.append(f"{path.relative_to(ROOT)} (npm ci)")
    if shutil.which("java") is None:
        missing.append("Java (for the Nu Html Checker)")
    return missing


def require_browser_tools():
    """Skip with the reason on a laptop without the tools; fail when CI is set."""
    missing = missing_tools()
    if missing:
        reason = "Browser suite needs: " + "; ".join(missing)
        if os.environ.get("CI"):
            pytest.fail(f"{reason} (CI is set, so this is a failure, not a skip)")
        pytest.skip(reason)


@pytest.fixture(scope="session")
def browser():
    require_browser_tools()

    from playwright.sync_api import sync_playwright

    # Playwright's sync API keeps an event loop in this thread; Django's ORM
    # calls in the test thread are still plain synchronous code.
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()
    if previous is None:
        os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    else:
        os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


@pytest.fixture
def context(browser, live_server):
    """A fresh browser profile per test: German, desktop size, axe-core preloaded.

    axe is added as an init script, which a Content-Security-Policy does not block
    (an injected <script> tag would be).
    """
    context = browser.new_context(
        base_url=live_server.url, locale="de-DE", viewport=DESKTOP, reduced_motion="reduce"
    )
    context.set_default_timeout(10_000)
    context.add_init_script(path=str(AXE_JS))
    yield context
    context.close()


@pytest.fixture
def page(context):
    return context.new_page()


@dataclass
class Catalogue:
    """The content every browser test can rely on, on top of the demo catalogue."""

    profile: Profile
    other_profile: Profile
    draft: Profile
    example: object
    area: PolicyArea
    empty_area: PolicyArea
    extra: dict = field(default_factory=dict)


@pytest.fixture
def catalogue(transactional_db, live_server) -> Catalogue:
    """The demo catalogue plus known test content; enough published profiles for two pages.

    Browser tests need committed data (the live server runs in another thread),
    so each test gets a fresh, flushed database with this content.
    """
    ensure_editor_group()
    ensure_legal_pages()
    Land.ensure_rows()
    call_command("load_demo", verbosity=0)
    area, _ = PolicyArea.objects.get_or_create(slug="mobilitaet", defaults={"name": "Mobilität"})
    empty_area = make_policy_area("Kultur und Tourismus", slug="kultur-und-tourismus")
    profile = make_profile(
        "Park-and-Ride-Kostenbeteiligung der Nachbargemeinden",
        slug="pr-kostenbeteiligung",
        kind=Kind.COMPENSATION,
        summary="Nachbargemeinden beteiligen sich an Bau und Betrieb eines P+R-Platzes, "
        "den vor allem ihre Einwohnerinnen und Einwohner nutzen.",
        description="Eine Gemeinde trägt die Kosten eines Pendlerparkplatzes, "
        "**die Nutzer kommen überwiegend von außerhalb**.",
        burdens_benefits="- Lasten: Fläche, Bau, Unterhalt\n- Nutzen: Anschluss an die S-Bahn",
        prerequisites="Eine Zählung der Herkunft der Parkenden.",
        opportunities="Faire Verteilung der Kosten.",
        stumbling_blocks="Nachbarn lehnen eine Beteiligung ab; dann bleibt nur eine Gebühr.",
        steps="1. Zählen\n2. Verhandeln\n3. Zweckvereinbarung schließen",
        compensation_monetary=True,
        small_municipalities=True,
        tags=[area],
    )
    profile.sources.create(
        title="P+R-Anlage Petershausen", url="http://www.p-r-regional.de/umsetzung/petershausen/"
    )
    other_profile = make_profile(
        "Zweckvereinbarung über einen gemeinsamen Bauhof",
        slug="zweckvereinbarung-bauhof",
        kind=Kind.ORGANISATION,
        summary="Eine Gemeinde übernimmt Aufgaben des Bauhofs für ihre Nachbarn.",
        legal_basis="Art. 7–16 KommZG",
        tags=[area],
    )
    profile.related.add(other_profile)
    example = make_example(
        "Pendlerparkplatz am S-Bahnhof",
        slug="pendlerparkplatz-s-bahnhof",
        profiles=[profile],
        tags=[area],
        period="2019–2023",
    )
    # Not public yet; "In Prüfung" is the state from which every workflow may publish.
    # Complete (every section, a source), as publishing requires.
    draft = ready_to_publish(
        make_profile(
            "Regionaler Gewerbeflächenpool (in Prüfung)",
            slug="gewerbeflaechenpool-in-pruefung",
            status=Status.REVIEW,
            tags=[area],
        )
    )
    # Fill up to more than one page of results, however large the demo catalogue is.
    page_size = ProfileListView.paginate_by
    missing = page_size + 1 - Profile.objects.published().count()
    for n in range(1, missing + 1):
        make_profile(f"Weiterer Steckbrief {n:02d}", slug=f"weiterer-steckbrief-{n:02d}")
    return Catalogue(profile, other_profile, draft, example, area, empty_area)


def axe_violations(page) -> list[dict]:
    """Run axe-core with the WCAG 2.0/2.1 A and AA rules on the current page."""
    return page.evaluate(
        """async () => {
            const results = await axe.run(document, {
                runOnly: {type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]},
                resultTypes: ["violations"],
            });
            return results.violations.map((v) => ({
                id: v.id, impact: v.impact, help: v.help, helpUrl: v.helpUrl,
                nodes: v.nodes.map((n) => ({
                    target: n.target.join(" "), summary: n.failureSummary,
                })),
            }));
        }"""
    )


def format_violations(violations: list[dict]) -> str:
    lines = []
    for violation in violations:
        lines.append(f"[{violation['impact']}] {violation['id']}: {violation['help']}")
        lines.append(f"    {violation['helpUrl']}")
        for node in violation["nodes"][:5]:
            summary = " ".join((node["summary"] or "").split())
            lines.append(f"    - {node['target']}: {summary[:300]}")
        if len(violation["nodes"]) > 5:
            lines.append(f"    … and {len(violation['nodes']) - 5} more elements")
    return "\n".join(lines)


def feature_missing(*url_names: str) -> bool:
    """True while none of the URL names resolves (the feature is not merged yet)."""
    from django.urls import NoReverseMatch, reverse

    for name in url_names:
        try:
            reverse(name)
        except NoReverseMatch:
            continue
        return False
    return True
