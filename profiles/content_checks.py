"""Editorial quality rules for Steckbriefe, checked by the test suite on the demo catalogue.

Each function takes profiles (or plain values) and returns the problems it finds, so the
same rules can run in tests and, later, in an editor-facing report:

- ``incomplete_profiles``: a published Steckbrief needs every section it is meant to have
  and at least ``MIN_SOURCES`` sources.
- ``repeated_sentences``: a sentence (or list item) on more than ``MAX_PROFILES_PER_SENTENCE``
  profiles is boilerplate; say what is specific to the instrument instead.
- ``stale_law_sources``: sources that cite a regulation known to have expired as if it
  were current law (``EXPIRED_LAW``).
"""

import re
from collections import defaultdict

MIN_SOURCES = 2
MAX_PROFILES_PER_SENTENCE = 3
# Units shorter than this (in words) are labels or headings, not sentences.
MIN_WORDS = 4

# Regulations that are no longer in force, by a marker found in a source's title or URL.
# A source may still mention one if its title says it is historical.
EXPIRED_LAW = {
    "StKraftBek 2020": (
        "StKraftBek 2020",
        "BayVV_605_F_10390-14",
    ),
}
HISTORICAL_MARKERS = ("außer Kraft", "historisch", "frühere Fassung", "bis 31.12.2020")

# Abbreviations whose full stop does not end a sentence.
_ABBREVIATIONS = [
    "z. B.",
    "u. a.",
    "d. h.",
    "e. V.",
    "v. a.",
    "i. V. m.",
    "u. Ä.",
    "ggf.",
    "bzw.",
    "insb.",
    "vgl.",
    "ca.",
    "evtl.",
    "usw.",
    "Abs.",
    "Art.",
    "Nr.",
    "Ziff.",
    "Mio.",
    "S.",
]
_DOT = "\u2024"  # one-dot leader: stands in for protected full stops while splitting
_LIST_MARKER = re.compile(r"^\s*(?:[-*+]|\d+\.)\s+")
_SENTENCE_END = re.compile(r"(?<=[.!?…])\s+(?=[„\"(A-ZÄÖÜ0-9])")
_MARKUP = re.compile(r"\*\*|__|`|\[([^\]]*)\]\([^)]*\)")


def sentences(text: str) -> list[str]:
    """The sentences and list items of a Markdown text, whitespace-normalised."""
    units = []
    for line in text.splitlines():
        line = line.strip()
        if not line:
            continue
        if line.startswith("**") and line.endswith("**") and line.count("**") == 2:
            continue  # a bold line on its own is a sub-heading
        line = _LIST_MARKER.sub("", line)
        line = _MARKUP.sub(lambda m: m.group(1) or "", line)
        for abbreviation in _ABBREVIATIONS:
            line = line.replace(abbreviation, abbreviation.replace(".", _DOT))
        line = re.sub(r"(\d)\.(?=\s)", rf"\1{_DOT}", line)  # ordinals: "1. September"
        for part in _SENTENCE_END.split(line):
            part = " ".join(part.replace(_DOT, ".").split())
            if len(part.split()) >= MIN_WORDS:
                units.append(part)
    return units


def profile_texts(profile) -> list[str]:
    """The texts of a profile that readers see as prose: summary and every section."""
    from profiles.models import Profile

    return [profile.summary, *(getattr(profile, name) or "" for name, _ in Profile.SECTIONS)]


def repeated_sentences(profiles, limit=MAX_PROFILES_PER_SENTENCE) -> dict[str, list[str]]:
    """Sentences found on more than ``limit`` profiles, with the slugs of those profiles."""
    seen = defaultdict(set)
    for profile in profiles:
        for text in profile_texts(profile):
            for sentence in sentences(text):
                seen[sentence].add(profile.slug)
    return {sentence: sorted(slugs) for sentence, slugs in seen.items() if len(slugs) > limit}


def required_sections(profile) -> list[str]:
    """Section fields this profile must fill (some sections belong to certain kinds only)."""
    from profiles.models import Profile

    only_for = Profile.SECTIONS_FOR_KINDS
    return [
        name
        for name, _anchor in Profile.SECTIONS
        if name not in only_for or profile.kind in only_for[name]
    ]


def incomplete_profiles(profiles, min_sources=MIN_SOURCES) -> dict[str, list[str]]:
    """Profiles missing a required section or sources: slug -> what is missing."""
    problems = {}
    for profile in profiles:
        missing = [
            name
            for name in required_sections(profile)
            if not (getattr(profile, name) or "").strip()
        ]
        count = len(profile.sources.all())
        if count < min_sources:
            missing.append(f"Quellen ({count} statt mindestens {min_sources})")
        if missing:
            problems[profile.slug] = missing
    return problems


def stale_law_sources(sources) -> list[tuple[str, str]]:
    """(title, url) of sources citing an expired regulation without marking it historical."""
    stale = []
    for source in sources:
        haystack = f"{source.title} {source.url}"
        for markers in EXPIRED_LAW.values():
            if any(marker in haystack for marker in markers) and not any(
                note in source.title for note in HISTORICAL_MARKERS
            ):
                stale.append((source.title, source.url))
    return stale
