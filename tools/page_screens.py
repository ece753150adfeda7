"""Screenshots of a built site, to compare the pages before and after a change.

``tools/css_screens.py`` compares each page's own style with the whole sheets on
one build; this tool compares two builds (or one build before and after an
edit of ``edition/static``). Take the screenshots of each into a folder, then
list every page, width and colour mode whose pixels differ::

    .venv/bin/python -m tools.page_screens shoot _build/html /tmp/before
    … change, rebuild …
    .venv/bin/python -m tools.page_screens shoot _build/html /tmp/after
    .venv/bin/python -m tools.page_screens diff /tmp/before /tmp/after

``shoot`` takes every HTML page at 390, 1024 and 1400 px in light and dark
(``--widths`` and ``--pages`` choose others); ``diff`` writes, for each pair
that differs, a picture of the differing pixels in red over the "after"
screenshot, greyed (``*-diff.png``), and prints where they lie.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tools.css_screens import MODES, WIDTHS, screenshot  # noqa: E402


def site_pages(site: Path) -> list[str]:
    """Every HTML page of a built site but redirects, as paths under it."""
    return sorted(
        p.relative_to(site).as_posix()
        for p in site.rglob("*.html")
        if "_static" not in p.parts and 'http-equiv="Refresh"' not in p.read_text(encoding="utf-8")
    )


def shot_name(page: str, width: int, mode: str) -> str:
    """The file name of one screenshot."""
    return f"{page.replace('/', '_').removesuffix('.html')}-{width}-{mode}.png"


def shoot(site: Path, out: Path, pages: list[str], widths: list[int], modes: list[str]) -> int:
    """Full-page screenshots of ``pages`` of ``site`` into ``out``; how many were taken."""
    from playwright.sync_api import sync_playwright

    from tools.chromium import launch_chromium, serve_folder

    out.mkdir(parents=True, exist_ok=True)
    taken = 0
    with serve_folder(site) as url, sync_playwright() as playwright:
        browser = launch_chromium(playwright)
        for page in pages:
            for width in widths:
                for mode in modes:
                    png = screenshot(browser, f"{url}/{page}", width, mode, None)
                    (out / shot_name(page, width, mode)).write_bytes(png)
                    taken += 1
        browser.close()
    return taken


def difference(before: Path, after: Path, keep: Path) -> str:
    """How two screenshots differ ("" if not at all); a picture of it written to ``keep``."""
    from PIL import Image, ImageChops

    a, b = Image.open(before).convert("RGB"), Image.open(after).convert("RGB")
    if a.size != b.size:
        note = f"size {a.size[0]}×{a.size[1]} → {b.size[0]}×{b.size[1]}"
        height = min(a.size[1], b.size[1])
        width = min(a.size[0], b.size[0])
        a, b = a.crop((0, 0, width, height)), b.crop((0, 0, width, height))
    else:
        note = ""
    mask = ImageChops.difference(a, b).convert("L").point(lambda v: 255 if v else 0)
    box = mask.getbbox()
    if box is None and not note:
        return ""
    if box is not None:
        count = sum(1 for v in mask.getdata() if v)
        note = (note + "; " if note else "") + f"{count} px differ within x {box[0]}–{box[2]}, y {box[1]}–{box[3]}"
        grey = b.convert("L").point(lambda v: 160 + v // 3).convert("RGB")
        grey.paste((220, 0, 0), mask=mask)
        grey.save(keep / (after.stem + "-diff.png"))
    return note


def diff(before: Path, after: Path) -> list[str]:
    """One line for each screenshot that differs or is missing on one side."""
    lines = []
    names = sorted({p.name for p in before.glob("*.png") if not p.stem.endswith("-diff")}
                   | {p.name for p in after.glob("*.png") if not p.stem.endswith("-diff")})
    for name in names:
        if not (before / name).exists() or not (after / name).exists():
            lines.append(f"{name}: only in {'after' if (after / name).exists() else 'before'}")
            continue
        note = difference(before / name, after / name, after)
        if note:
            lines.append(f"{name}: {note}")
    return lines


def main(argv: list[str]) -> int:
    """``shoot SITE OUT`` or ``diff BEFORE AFTER``."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="command", required=True)
    take = sub.add_parser("shoot", help="screenshots of a built site")
    take.add_argument("site", type=Path)
    take.add_argument("out", type=Path)
    take.add_argument("--pages", nargs="*", help="paths under the site (default: every page)")
    take.add_argument("--widths", nargs="*", type=int, default=list(WIDTHS))
    take.add_argument("--modes", nargs="*", default=list(MODES))
    compare = sub.add_parser("diff", help="the screenshots that differ between two folders")
    compare.add_argument("before", type=Path)
    compare.add_argument("after", type=Path)
    args = parser.parse_args(argv)
    if args.command == "shoot":
        pages = args.pages or site_pages(args.site)
        print(f"{shoot(args.site, args.out, pages, args.widths, args.modes)} screenshots in {args.out}")
        return 0
    lines = diff(args.before, args.after)
    print("\n".join(lines) or "no pixel differs")
    return 1 if lines else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
