from huunghi.geography.testing import geography, geography_db  # noqa: F401
