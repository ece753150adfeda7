"""The opt-in discussion setting, as built: off by default, on with its client and group, checked."""

from __future__ import annotations

from pathlib import Path

import pytest
from sphinx.errors import ConfigError
from sphinx.testing.util import SphinxTestApp


from tests.helpers.sphinxproject import note_record

pytestmark = pytest.mark.small

NOTE = note_record('A note on humility.')


def build(project, setting: dict | None) -> str:
    project.annotate(NOTE)
    overrides = {"edition_hypothesis": setting} if setting is not None else {}
    app = SphinxTestApp("html", srcdir=project.root, status=None, warning=None, confoverrides=overrides)
    try:
        app.build()
    finally:
        app.cleanup()
    return (Path(app.outdir) / "index.html").read_text(encoding="utf-8")


def test_off_by_default(project) -> None:
    html = build(project, None)
    assert "discuss.js" not in html and "hypothes.is" not in html


def test_off_when_disabled(project) -> None:
    html = build(project, {"enabled": False, "group": "abc"})
    assert "discuss.js" not in html and "hypothes.is" not in html


def test_on_names_client_and_group_but_loads_neither(project) -> None:
    html = build(project, {"enabled": True, "group": "Fx7kQm2a"})
    assert 'src="_static/discuss.js' in html
    assert 'data-client="https://hypothes.is/embed.js"' in html and 'data-group="Fx7kQm2a"' in html
    # the client itself is never in the page as built: the button's script adds it on request
    assert 'src="https://hypothes.is' not in html


@pytest.mark.parametrize(
    ("setting", "fault"),
    [
        ({"enabled": True, "grup": "x"}, "edition_hypothesis: unknown setting “grup”"),
        ({"enabled": True, "client": "javascript:alert(1)"}, "edition_hypothesis: client “javascript:alert(1)” is not an http(s) URL"),
    ],
)
def test_a_wrong_setting_stops_the_build(project, setting: dict, fault: str) -> None:
    with pytest.raises(Exception) as caught:
        build(project, setting)
    assert fault in str(caught.value)
    # a configuration fault stops the build when the configuration is read, before any page
    assert isinstance(caught.value, ConfigError) or isinstance(caught.value.__cause__, ConfigError)
