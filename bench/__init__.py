"""Benchmarks of Hữu Nghị's totals, record saves and pages on a large synthetic volume.

``python -m bench`` (or ``make bench``) runs against SQLite and, given ``--pg URL`` or
``DATABASE_URL=postgres://…``, PostgreSQL too. Each database is generated once into a
dedicated bench database (``var/bench/``) and reused while its size matches; results
are printed as a table and written to ``var/bench/results.json``.
"""
