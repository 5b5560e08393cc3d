"""``manage.py demo_volume --activities N``: synthetic volume for load tests and benchmarks."""

from __future__ import annotations

import time
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from huunghi.records.generator import VolumeSpec, generate_volume


class Command(BaseCommand):
    help = (
        "Create a synthetic unit tree (codes SYN-…, under roots named [SYNTHETIC]) and N "
        "synthetic activities with quantities and summary rows. Remove them with "
        "purge_synthetic."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--activities", type=int, required=True, help="How many activities.")
        parser.add_argument("--units", type=int, default=5000, help="Size of the unit tree.")
        parser.add_argument("--years", type=int, default=7, help="Years back from today.")
        parser.add_argument("--seed", type=int, default=1, help="Random seed.")
        parser.add_argument("--batch", type=int, default=50_000, help="Rows per transaction.")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["activities"] < 0 or options["units"] < 10 or options["years"] < 1:
            raise CommandError("Give --activities ≥ 0, --units ≥ 10 and --years ≥ 1.")
        spec = VolumeSpec(
            activities=options["activities"],
            units=options["units"],
            years=options["years"],
            seed=options["seed"],
            batch=options["batch"],
        )
        started = time.monotonic()
        verbose = options["verbosity"] > 1

        def progress(message: str) -> None:
            if verbose:
                self.stdout.write(f"{time.monotonic() - started:7.1f} s  {message}")

        counts = generate_volume(spec, progress)
        if options["verbosity"]:
            self.stdout.write(
                f"{counts['activities']} synthetic activities for {counts['units']} units, "
                f"in {time.monotonic() - started:.1f} s."
            )
