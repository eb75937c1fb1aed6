"""Every public page type (pages.PAGE_TYPES), checked in Chromium.

axe-core (WCAG 2.0/2.1 A and AA, under a strict CSP), the Nu Html Checker,
reflow at 320 px, 200 % text; screenshots for review in artifacts/screenshots/.
"""

import json
import subprocess

import pytest

from .conftest import SCREENSHOTS, VNU_JAR, axe_violations, feature_missing, format_violations
from .pages import PAGE_TYPE_PARAMS, PAGE_TYPES

# A strict policy like the one production will send (issue: hardening). The
# suite adds it to every response, so inline script or style="" in a template
# shows up here as a violation long before production.
STRICT_CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'"
)


def add_strict_csp(page):
    """Serve every response with STRICT_CSP added and record what the policy blocks."""

    def with_csp(route):
        response = route.fetch()
        headers = {**response.headers, "content-security-policy": STRICT_CSP}
        route.fulfill(response=response, headers=headers)

    page.route("**/*", with_csp)
    page.add_init_script(
        """window.__cspViolations = [];
        document.addEventListener("securitypolicyviolation", (e) => {
            window.__cspViolations.push(`${e.violatedDirective}: ${e.blockedURI || "inline"}`
                + ` (${e.sourceFile || ""}:${e.lineNumber})`);
        });"""
    )


@pytest.mark.parametrize("page_type", PAGE_TYPE_PARAMS)
def test_axe_finds_no_wcag_a_or_aa_violation(page, catalogue, page_type):
    """axe-core with tags wcag2a, wcag2aa, wcag21a, wcag21aa (contrast included), under CSP."""
    add_strict_csp(page)
    page_type.visit(page, catalogue)
    violations = axe_violations(page)
    assert not violations, (
        f"axe: {len(violations)} WCAG violation(s) on {page_type.name} ({page.url}):\n"
        + format_violations(violations)
    )
    blocked = page.evaluate("window.__cspViolations")
    assert not blocked, f"CSP blocked on {page_type.name}: {blocked}"


def overflowing_elements(page) -> list[str]:
    """Visible elements that stick out to the right of the viewport (content cut off)."""
    return page.evaluate(
        """() => {
            const width = document.documentElement.clientWidth;
            const found = [];
            for (const el of document.body.querySelectorAll("*")) {
                const rect = el.getBoundingClientRect();
                if (rect.width === 0 || rect.height === 0 || rect.right <= width + 1) continue;
                // Skip what a scroll container (e.g. a wide data table) legitimately holds.
                let parent = el.parentElement, scrolls = false;
                while (parent && parent !== document.body) {
                    const ox = getComputedStyle(parent).overflowX;
                    if (ox === "auto" || ox === "scroll") { scrolls = true; break; }
                    parent = parent.parentElement;
                }
                if (scrolls) continue;
                const cls = el.getAttribute("class");
                const name = el.tagName.toLowerCase() + (cls ? "." + cls : "");
                found.push(`${name} (right edge ${Math.round(rect.right)} px): `
                    + (el.textContent || "").trim().slice(0, 60));
            }
            return found.slice(0, 10);
        }"""
    )


def assert_no_horizontal_scrolling(page, width: int, what: str):
    scroll_width = page.evaluate("document.scrollingElement.scrollWidth")
    sticking_out = overflowing_elements(page)
    assert scroll_width <= width and not sticking_out, (
        f"{what}: page is {scroll_width} px wide at a {width} px viewport; "
        f"elements past the right edge: {sticking_out}"
    )


@pytest.mark.parametrize("page_type", PAGE_TYPE_PARAMS)
def test_reflows_at_320_px_and_200_percent_text_without_horizontal_scrolling(
    page, catalogue, page_type
):
    """WCAG 1.4.10 Reflow and 1.4.4 Resize text; writes the review screenshots too."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page_type.visit(page, catalogue)
    page.screenshot(path=SCREENSHOTS / f"{page_type.name}-1280.png", full_page=True)

    page.set_viewport_size({"width": 375, "height": 800})
    page.screenshot(path=SCREENSHOTS / f"{page_type.name}-375.png", full_page=True)

    page.set_viewport_size({"width": 320, "height": 640})
    assert_no_horizontal_scrolling(page, 320, f"{page_type.name} at 320 px")

    # 200 % text at half of a 1280 px desktop: the CSSOM change is not blocked by a CSP.
    page.set_viewport_size({"width": 640, "height": 800})
    body_font_size = "parseFloat(getComputedStyle(document.body).fontSize)"
    normal = page.evaluate(body_font_size)
    page.evaluate("document.documentElement.style.fontSize = '200%'")
    assert page.evaluate(body_font_size) >= 2 * normal - 0.5, "text zoom did not apply"
    assert_no_horizontal_scrolling(page, 640, f"{page_type.name} at 200 % text")
    heading = page.locator("h1").first
    assert heading.is_visible(), f"{page_type.name}: the h1 is hidden at 200 % text"
    page.screenshot(path=SCREENSHOTS / f"{page_type.name}-640-text200.png", full_page=True)


def nu_errors(html_by_name: dict[str, str], tmp_path) -> dict[str, list[str]]:
    """Run the Nu Html Checker once over all pages; errors per page name."""
    files = {}
    for name, html in html_by_name.items():
        path = tmp_path / f"{name}.html"
        path.write_text(html, encoding="utf-8")
        files[path.as_uri().replace("file:///", "file:/")] = name
    command = ["java", "-jar", str(VNU_JAR), "--format", "json", "--stdout"]
    result = subprocess.run(
        [*command, *map(str, sorted(tmp_path.iterdir()))],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.stdout.strip(), f"Nu Html Checker did not run: {result.stderr[-2000:]}"
    messages = json.loads(result.stdout)["messages"]
    errors: dict[str, list[str]] = {}
    for message in messages:
        if message["type"] in ("error", "non-document-error"):
            name = files.get(message.get("url"), message.get("url", "?"))
            errors.setdefault(name, []).append(
                f"line {message.get('lastLine', '?')}: {message['message']} "
                f"[{message.get('extract', '').strip()[:80]}]"
            )
    return errors


def test_nu_html_checker_finds_no_error_on_any_page_type(page, catalogue, tmp_path):
    """The HTML as the server sends it (not the browser's DOM) is valid, for every page type."""
    html_by_name = {}
    for page_type in PAGE_TYPES:
        if page_type.needs and feature_missing(*page_type.needs):
            continue
        page_type.visit(page, catalogue)
        response = page.request.get(page.url)
        html_by_name[page_type.name] = response.text()
    errors = nu_errors(html_by_name, tmp_path)
    report = "\n".join(
        f"{name}:\n  " + "\n  ".join(lines) for name, lines in sorted(errors.items())
    )
    assert not errors, f"Nu Html Checker: errors on {len(errors)} page type(s):\n{report}"


BROKEN_PAGE = """<!DOCTYPE html>
<html lang="de"><head><meta charset="utf-8"><title>Kaputt</title></head>
<body><main><h1>Suche</h1><form>
<label for="suchbegriff">Suchbegriff</label><input type="search" name="q" id="suchbegrif">
</form></main></body></html>"""


def test_the_checkers_catch_a_broken_label(page, live_server, tmp_path):
    """The wiring itself: axe and Nu report a label whose for= misses its input."""
    page.route(
        "**/kaputt/",
        lambda route: route.fulfill(body=BROKEN_PAGE, content_type="text/html; charset=utf-8"),
    )
    page.goto("/kaputt/")
    assert "label" in {violation["id"] for violation in axe_violations(page)}
    errors = nu_errors({"kaputt": BROKEN_PAGE}, tmp_path)
    assert any("“for” attribute" in line for line in errors["kaputt"])
