"""The layer contracts (scripts/check_layers.py, run by ``make lint``) pass on the tree and
fail on an upward import, including one hidden inside a function."""

from __future__ import annotations

import subprocess
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = ROOT / "scripts" / "check_layers.py"


def _run(root: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(  # noqa: S603 - the project's own script on a temporary tree
        [sys.executable, str(SCRIPT), str(root)], capture_output=True, text=True, check=False
    )


def _tree(tmp_path: Path, files: dict[str, str], known: list[str] | None = None) -> Path:
    """A small package with the project's layers and the given modules."""
    layers = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["huunghi-layers"][
        "layers"
    ]
    lines = ["[tool.huunghi-layers]", f"layers = {layers!r}", f"known = {known or []!r}"]
    (tmp_path / "pyproject.toml").write_text("\n".join(lines) + "\n")
    for name, text in files.items():
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)
    return tmp_path


def test_the_repository_keeps_its_layers() -> None:
    result = _run(ROOT)
    assert result.returncode == 0, result.stdout


def test_an_upward_import_fails(tmp_path: Path) -> None:
    """Reference data importing the reports layer is refused, naming file and line."""
    root = _tree(
        tmp_path,
        {
            "huunghi/geography/selectors.py": "import os\nfrom huunghi.reports import engine\n",
            "huunghi/reports/engine.py": "from huunghi.geography import selectors\n",
        },
    )
    result = _run(root)
    assert result.returncode == 1
    assert "huunghi/geography/selectors.py:2" in result.stdout
    assert "higher layer" in result.stdout


def test_a_lazy_upward_import_fails_and_tests_are_not_checked(tmp_path: Path) -> None:
    root = _tree(
        tmp_path,
        {
            "huunghi/records/services.py": "def f():\n    from huunghi.cycle import models\n",
            "huunghi/records/tests/test_x.py": "from huunghi.cycle import models\n",
        },
    )
    result = _run(root)
    assert result.returncode == 1
    assert "huunghi/records/services.py:2" in result.stdout
    assert "tests" not in result.stdout


def test_known_violations_may_only_shrink(tmp_path: Path) -> None:
    """A listed violation is allowed; a listed one that no longer occurs fails."""
    upward = {"huunghi/figures/models.py": "from huunghi.reports import indicators\n"}
    assert _run(_tree(tmp_path, upward, ["huunghi.figures -> huunghi.reports"])).returncode == 0
    other = tmp_path / "b"
    other.mkdir()
    stale = _run(_tree(other, {}, ["huunghi.figures -> huunghi.reports"]))
    assert stale.returncode == 1
    assert "no longer occurs" in stale.stdout
