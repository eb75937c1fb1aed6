"""Keyboard use on every public page type: skip link, visible focus, complete tab order.

WCAG 2.4.1 (bypass blocks), 2.4.7 (focus visible, with the focus outline at
3:1 against its background as 1.4.11 asks of state indicators), 2.1.1
(keyboard) and 2.4.3 (focus order). The expected order is the DOM order of all focusable
elements (the templates use no positive tabindex); a radio group is one stop.
"""

import re

import pytest

from .pages import PAGE_TYPE_PARAMS, area_checkbox

# Marks the focusable elements in DOM order and returns a description of each.
MARK_TAB_STOPS = """() => {
    const selector = "a[href], button, input:not([type=hidden]), select, textarea, summary, "
        + "[tabindex], [contenteditable=''], [contenteditable='true']";
    const seenGroups = new Set();
    const stops = [];
    for (const el of document.querySelectorAll(selector)) {
        if (el.disabled || el.tabIndex < 0) continue;
        if (el.getClientRects().length === 0) continue;  // display: none somewhere
        if (getComputedStyle(el).visibility === "hidden") continue;
        if (el.type === "radio" && el.name) {
            if (seenGroups.has(el.name)) continue;
            seenGroups.add(el.name);
            const group = [...el.form.querySelectorAll(`input[type=radio][name="${el.name}"]`)];
            stops.push(group.find((r) => r.checked) || group[0]);
            continue;
        }
        stops.push(el);
    }
    window.__tabStops = stops;
    return stops.map((el) => el.outerHTML.slice(0, 80));
}"""

FOCUSED = """() => {
    const rgb = (color) => (color.match(/[\\d.]+/g) || []).map(Number);
    const luminance = ([r, g, b]) => {
        const lin = (c) => (c /= 255) <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
        return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
    };
    const el = document.activeElement;
    const style = getComputedStyle(el);
    const rect = el.getBoundingClientRect();
    // The outline is drawn outside the element: compare it with the parent's background.
    let background = [255, 255, 255];
    for (let node = el.parentElement; node; node = node.parentElement) {
        const parts = rgb(getComputedStyle(node).backgroundColor);
        if (parts.length === 3 || (parts.length === 4 && parts[3] > 0)) {
            background = parts.slice(0, 3);
            break;
        }
    }
    const [l1, l2] = [luminance(rgb(style.outlineColor)), luminance(background)];
    return {
        index: window.__tabStops.indexOf(el),
        html: el.outerHTML.slice(0, 80),
        outline: style.outlineStyle !== "none" && parseFloat(style.outlineWidth) >= 1,
        outlineContrast: (Math.max(l1, l2) + 0.05) / (Math.min(l1, l2) + 0.05),
        shadow: style.boxShadow !== "none",
        inView: rect.right > 0 && rect.bottom > 0 && rect.left < innerWidth
            && rect.top < innerHeight,
    };
}"""


@pytest.mark.parametrize("page_type", PAGE_TYPE_PARAMS)
def test_skip_link_then_every_control_in_order_with_visible_focus(page, catalogue, page_type):
    page_type.visit(page, catalogue)

    # The skip link is the first tab stop, shows on focus, and moves focus to <main>.
    page.keyboard.press("Tab")
    skip_link = page.get_by_role("link", name="Zum Inhalt springen")
    assert skip_link.evaluate("el => el === document.activeElement"), "skip link is not first"
    box = skip_link.bounding_box()
    assert box is not None and box["x"] >= 0 and box["y"] >= 0, "skip link not shown on focus"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.tagName") == "MAIN"
    assert re.search(r"#inhalt$", page.url)
    # The next Tab continues in (or, without controls there, after) the main
    # content, never back in the header.
    page.keyboard.press("Tab")
    assert page.evaluate(
        """() => {
            const main = document.querySelector("main"), el = document.activeElement;
            return main.contains(el)
                || Boolean(main.compareDocumentPosition(el) & Node.DOCUMENT_POSITION_FOLLOWING);
        }"""
    ), "Tab after the skip link went back before the main content"

    # From the top of the page, Tab visits every control in DOM order, each
    # with a visible focus indicator and scrolled into view.
    page.evaluate("window.scrollTo(0, 0); document.activeElement.blur()")
    page.evaluate("history.replaceState(null, '', location.pathname + location.search)")
    page.reload()
    stops = page.evaluate(MARK_TAB_STOPS)
    assert len(stops) >= 5, f"{page_type.name}: only {len(stops)} focusable elements"
    problems = []
    for expected, html in enumerate(stops):
        page.keyboard.press("Tab")
        focused = page.evaluate(FOCUSED)
        if focused["index"] != expected:
            problems.append(f"Tab {expected + 1}: expected {html}, focus is on {focused['html']}")
            break
        if not (focused["outline"] or focused["shadow"]):
            problems.append(f"Tab {expected + 1}: no visible focus indicator on {html}")
        elif focused["outline"] and focused["outlineContrast"] < 3:
            problems.append(
                f"Tab {expected + 1}: focus outline contrast "
                f"{focused['outlineContrast']:.2f}:1 < 3:1 (WCAG 1.4.11) on {html}"
            )
        if not focused["inView"]:
            problems.append(f"Tab {expected + 1}: focused element is off screen: {html}")
    assert not problems, f"{page_type.name} ({page.url}):\n" + "\n".join(problems)


def test_keyboard_user_filters_by_handlungsfeld_and_opens_a_steckbrief(page, catalogue):
    """Operable by keyboard alone: Space ticks a checkbox (on a wide screen the filter
    applies at once and focus returns to it), Enter follows a link."""
    page.goto("/steckbriefe/")
    checkbox = area_checkbox(page, catalogue.area)
    checkbox.focus()
    page.keyboard.press("Space")
    page.wait_for_url(re.compile(rf"handlungsfeld={catalogue.area.slug}"))
    checkbox = area_checkbox(page, catalogue.area)
    assert checkbox.is_checked()
    assert checkbox.evaluate("el => el === document.activeElement"), "focus not restored"
    link = page.get_by_role("link", name=catalogue.profile.title, exact=True)
    link.focus()
    page.keyboard.press("Enter")
    page.wait_for_url(f"**{catalogue.profile.get_absolute_url()}")
    assert page.get_by_role("heading", level=1).inner_text() == catalogue.profile.title
