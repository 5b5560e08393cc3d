"""Run by :mod:`test_kill`: import a file slowly in a process that will be killed.

Usage: ``python -m huunghi.dataio.tests.kill_worker ROWS`` with ``DATABASE_URL`` and
``HUUNGHI_VAR_DIR`` pointing at a scratch database that has been migrated.
"""

from __future__ import annotations

import os
import sys
import time


def main(count: int) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "huunghi.settings")
    import django

    django.setup()
    from django.utils import translation

    from huunghi.accounts.models import Role
    from huunghi.core.testing import build_world
    from huunghi.dataio.kinds.activities import ActivityData
    from huunghi.dataio.services import imports
    from huunghi.dataio.tests.test_imports import rows, upload

    translation.activate("en")
    world = build_world()
    clerk = world.user(Role.CLERK, world.post_xa_mat)
    job = upload(clerk, rows(world, count))
    assert job.status == "ready", job.errors
    real = ActivityData.write_planned

    def slow(self, context, planned):  # type: ignore[no-untyped-def]
        time.sleep(0.02 * len(planned))  # new records are written a batch at a time
        return real(self, context, planned)

    ActivityData.write_planned = slow  # type: ignore[method-assign]
    print(f"job {job.pk}", flush=True)
    imports.import_confirm(job=job, user=clerk)
    print("finished", flush=True)


if __name__ == "__main__":
    main(int(sys.argv[1]))
