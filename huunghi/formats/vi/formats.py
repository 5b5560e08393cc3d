"""Vietnamese short dates with slashes (05/02/2026), as on official documents."""

SHORT_DATE_FORMAT = "d/m/Y"
SHORT_DATETIME_FORMAT = "H:i d/m/Y"
