"""Micro-benchmarks run with ``python -m bench.<name>``."""
