"""The real geography for this package only (rolled back after its last test)."""

from huunghi.geography.testing import geography, geography_db  # noqa: F401
