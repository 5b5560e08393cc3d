"""The ``huunghi`` command: Django's management commands under the project's own name.

Examples: ``huunghi load_geography``, ``huunghi demo --activities 1000000``, ``huunghi serve``.
"""

import os
import sys


def main() -> None:
    """Run a management command with the project's settings."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "huunghi.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line(["huunghi", *sys.argv[1:]])
