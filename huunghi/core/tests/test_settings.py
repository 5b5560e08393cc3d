"""Production refuses to start without a secret key."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]


def _check(env_overrides: dict[str, str], var_dir: Path) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if not k.startswith("HUUNGHI_")}
    env.pop("DATABASE_URL", None)
    # A fresh clone has no var/ yet: give the subprocess a directory for its SQLite file.
    env.update({"HUUNGHI_VAR_DIR": str(var_dir), **env_overrides})
    return subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "ERROR"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_production_without_secret_key_refuses_to_start(tmp_path):
    result = _check({}, tmp_path)
    assert result.returncode != 0
    assert "HUUNGHI_SECRET_KEY" in result.stderr


def test_production_with_secret_key_passes_deploy_checks(tmp_path):
    result = _check({"HUUNGHI_SECRET_KEY": "x" * 60, "HUUNGHI_HTTPS": "1"}, tmp_path)
    assert result.returncode == 0, result.stderr
