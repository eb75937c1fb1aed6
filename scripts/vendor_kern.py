"""Copy the parts of the KERN design system the catalogue uses into static/vendor/kern/.

Usage: python scripts/vendor_kern.py PATH/TO/node_modules/@kern-ux/native
(``make kern`` fetches the npm package and runs this.)

Copies the compiled stylesheet, the licence and the Fira Sans weights the
stylesheet and our own CSS use (400, 400 italic, 500, 600, 700), and writes a
font stylesheet with only those @font-face rules. Fails when the stylesheet
loads anything from another host (@import or url() with a scheme other than
data:), so the site never asks a third party for a file. Standard library only.
"""

import re
import shutil
import sys
from pathlib import Path

TARGET = Path(__file__).resolve().parent.parent / "static/vendor/kern"
# (file in dist/fonts/fira-sans/, font-weight, font-style)
FONTS = [
    ("FiraSans-Regular.woff2", 400, "normal"),
    ("FiraSans-Italic.woff2", 400, "italic"),
    ("FiraSans-Medium.woff2", 500, "normal"),
    ("FiraSans-SemiBold.woff2", 600, "normal"),
    ("FiraSans-Bold.woff2", 700, "normal"),
]
REMOTE = re.compile(r"@import|url\(\s*['\"]?(?!data:)[a-z][a-z0-9+.-]*:", re.IGNORECASE)


def main(package: Path) -> None:
    dist = package / "dist"
    css = (dist / "kern.min.css").read_text(encoding="utf-8")
    if REMOTE.search(css):
        raise SystemExit("kern.min.css loads a file from another host; not vendored.")
    version = re.search(r'"version":\s*"([^"]+)"', (package / "package.json").read_text())
    if TARGET.exists():
        shutil.rmtree(TARGET)
    (TARGET / "fonts").mkdir(parents=True)
    (TARGET / "kern.min.css").write_text(css, encoding="utf-8")
    shutil.copyfile(package / "LICENSE.md", TARGET / "LICENSE.md")
    rules = [
        f"/* Fira Sans from @kern-ux/native {version.group(1) if version else ''}: "
        "only the weights the catalogue uses (scripts/vendor_kern.py). */"
    ]
    for name, weight, style in FONTS:
        shutil.copyfile(dist / "fonts/fira-sans" / name, TARGET / "fonts" / name)
        rules.append(
            "@font-face {\n"
            '  font-family: "Fira Sans";\n'
            f'  src: url("fonts/{name}") format("woff2");\n'
            f"  font-weight: {weight};\n"
            f"  font-style: {style};\n"
            "  font-display: swap;\n"
            "}"
        )
    (TARGET / "fira-sans.css").write_text("\n".join(rules) + "\n", encoding="utf-8")
    (TARGET / "VERSION").write_text(f"@kern-ux/native {version.group(1) if version else '?'}\n")


if __name__ == "__main__":
    if len(sys.argv) != 2:
        raise SystemExit(__doc__)
    main(Path(sys.argv[1]))
