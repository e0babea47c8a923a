"""The bundled fonts are declared once, in overrides/assets/stylesheets/fonts.css: the site, the
font preloads (hooks/fonts.py) and the review view all read that one stylesheet, and a face the
preloads cannot use stops the build naming the line."""

from __future__ import annotations

from pathlib import Path

import pytest

from handbook import fonts
from handbook.settings import ROOT

OVERRIDES = ROOT / "overrides"


def test_every_bundled_font_file_is_declared_once_with_the_characters_it_covers():
    faces = fonts.faces(OVERRIDES)
    files = sorted(f"assets/fonts/{path.name}" for path in (OVERRIDES / "assets" / "fonts").glob("*.woff2"))
    assert sorted(face.file for face in faces) == files, "fonts.css and overrides/assets/fonts/ list other files"
    for bold in (False, True):
        for text in ("សុវត្ថិភាព", "Safety", "Đ"):
            covering = [face.file for face in faces if face.bold == bold and set(text) <= face.covered]
            assert len(covering) == 1, f"{'bold' if bold else 'regular'} {text!r} is covered by {covering}, not one face"


def test_a_font_face_without_a_unicode_range_is_refused_naming_its_line(tmp_path: Path):
    stylesheet = tmp_path / fonts.STYLESHEET
    stylesheet.parent.mkdir(parents=True)
    stylesheet.write_text('/* two faces */\n@font-face {\n  font-weight: 700;\n  src: url(../fonts/a.woff2) format("woff2");\n'
                          '  unicode-range: U+0041-005A, U+0061;\n}\n\n@font-face {\n  src: url("../fonts/b.woff2");\n}\n',
                          encoding="utf-8")
    with pytest.raises(ValueError, match=rf"{stylesheet}:8: every @font-face needs a woff2 src and a unicode-range"):
        fonts.faces(tmp_path)
    stylesheet.write_text(stylesheet.read_text(encoding="utf-8").split("\n\n")[0], encoding="utf-8")
    assert fonts.faces(tmp_path) == [fonts.Face("assets/fonts/a.woff2", True, frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZa"))]
