"""Demo content loaded by ``make run``: a realistic unit tree along the border,
one account per role and level, and the facts of the two source articles."""
