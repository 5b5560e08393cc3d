"""Interface language: the user's choice (cookie), otherwise Vietnamese.

Django's LocaleMiddleware also follows the browser's Accept-Language header; a
Vietnamese-first product ignores it, so a clerk on an English-language browser still
gets the Vietnamese interface until they choose another language.
"""

from django.conf import settings
from django.http import HttpRequest
from django.middleware.locale import LocaleMiddleware
from django.utils import translation


class ChosenLanguageMiddleware(LocaleMiddleware):
    """Activate the language from the language cookie, or ``LANGUAGE_CODE``."""

    def process_request(self, request: HttpRequest) -> None:
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME, "")
        supported = {code for code, _name in settings.LANGUAGES}
        language = chosen if chosen in supported else settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = translation.get_language()
