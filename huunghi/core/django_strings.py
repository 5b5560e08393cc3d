"""Django's own user-facing strings that its bundled catalogues do not translate into
Vietnamese or Khmer yet. Listing them here puts them in this project's catalogues, which
take precedence over Django's."""

from django.utils.translation import gettext_noop

DJANGO_STRINGS = (
    # django.db.models.fields.BLANK_CHOICE_LABEL (new in Django 6): the empty select option.
    gettext_noop("- Select an option -"),
)
