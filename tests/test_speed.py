"""What keeps a build fast (``edition/build/speed.py``) must not change what it makes."""

from __future__ import annotations

import gc
from pathlib import Path

import pytest

from edition.build import speed
from tests.helpers.sphinxproject import Project


@pytest.mark.fast
def test_start_up_objects_are_frozen_once_a_process(monkeypatch: pytest.MonkeyPatch) -> None:
    """Many builds in one process (these tests, a live preview) freeze only the first
    one's start-up objects; later builds' garbage stays collectable."""
    calls: list[None] = []
    monkeypatch.setattr(speed, "_startup_frozen", False)
    monkeypatch.setattr(gc, "freeze", lambda: calls.append(None))
    speed.freeze_startup_objects(None)  # type: ignore[arg-type]
    speed.freeze_startup_objects(None)  # type: ignore[arg-type]
    assert len(calls) == 1


@pytest.mark.small
def test_a_kept_template_gives_way_to_an_edited_one(tmp_path: Path) -> None:
    """A build keeps its compiled templates in the doctree folder, not in the site; a
    template edited before the next build reaches its pages."""
    project = Project(tmp_path / "book")
    project.write("_templates/layout.html", '{% extends "!layout.html" %}{% block footer %}footer-version-one{% endblock %}')
    project.write("conf.py", (project.root / "conf.py").read_text(encoding="utf-8") + 'templates_path = ["_templates"]\n')
    first = project.build()
    kept = Path(first.doctreedir) / speed.TEMPLATE_CACHE
    assert list(kept.glob("*.cache")), "no compiled template was kept"
    assert not list(Path(first.outdir).rglob("*.cache")), "compiled templates leaked into the site"
    assert "footer-version-one" in (Path(first.outdir) / "index.html").read_text(encoding="utf-8")
    project.write("_templates/layout.html", '{% extends "!layout.html" %}{% block footer %}footer-version-two{% endblock %}')
    second = project.build()
    page = (Path(second.outdir) / "index.html").read_text(encoding="utf-8")
    assert "footer-version-two" in page and "footer-version-one" not in page
