"""Project date and number formats that override Django's locale defaults.

Vietnamese official documents and forms write a short date as 05/02/2026 (day/month/year
with slashes); Django's Vietnamese locale uses hyphens. The dashboard, the cycle pages
and the charts already write slashes, so every page now writes the same short date.
"""
