"""The package's own metadata, as ``pyproject.toml`` gives it to the build."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
PEP_639_SETUPTOOLS = (77, 0)
"""The first setuptools that reads a licence given as an SPDX expression (PEP 639)."""


def test_the_licence_is_an_spdx_expression_with_its_files() -> None:
    project = PYPROJECT["project"]
    assert project["license"] == "MIT", "a table here is deprecated: every build warns"
    assert project["license-files"] == ["LICENSE", "NOTICE"]
    assert all((ROOT / name).is_file() for name in project["license-files"])


def test_the_build_needs_a_setuptools_that_reads_that_licence() -> None:
    requires = PYPROJECT["build-system"]["requires"]
    pins = [re.fullmatch(r"setuptools>=(\d+)(?:\.(\d+))?", r) for r in requires]
    found = [(int(pin[1]), int(pin[2] or 0)) for pin in pins if pin]
    assert found and found[0] >= PEP_639_SETUPTOOLS, requires
