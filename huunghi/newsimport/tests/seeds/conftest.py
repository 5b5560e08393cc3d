"""The real geography of both countries, loaded once for this package (see
:mod:`huunghi.geography.testing`); kept apart from the small test world of the other
news-import tests, which reuses some of the same codes."""

from huunghi.geography.testing import geography, geography_db  # noqa: F401
