"""What a clerk reads when an article cannot be imported, in their language.

The extraction engine raises :class:`ArticleError` with a stable code and an English
text; the translatable messages live here so that they are collected with the app's
other strings.
"""

from __future__ import annotations

from django.utils.functional import Promise
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from huunghi.newsimport.extraction import ArticleError, ArticleErrorCode

MESSAGES: dict[str, Promise] = {
    ArticleErrorCode.EMPTY: _(
        "The page or text is empty. Paste the article's text or choose the saved page."
    ),
    ArticleErrorCode.TOO_LARGE: _(
        "The file is %(size_mb).1f MB; the limit is %(limit_mb).1f MB. Save only the "
        "article's page (HTML) or paste its text."
    ),
    ArticleErrorCode.UNSUPPORTED_FORMAT: _(
        "This is not a web page or a text. Save the article as a web page (HTML) or paste its text."
    ),
    ArticleErrorCode.UNDECODABLE: _(
        "The file's character encoding could not be recognised. Save it as UTF-8 and try again."
    ),
    ArticleErrorCode.NO_ARTICLE: _(
        "No article text was found. Paste the article itself or save the whole page."
    ),
    ArticleErrorCode.NOT_VIETNAMESE: _(
        "The article does not look like Vietnamese. Only Vietnamese articles can be imported."
    ),
    ArticleErrorCode.NO_DIACRITICS: _(
        "The text is Vietnamese written without diacritics. Paste the original article "
        "with its accents."
    ),
}


def article_error_message(error: ArticleError) -> str:
    """The clerk's message for ``error`` in the active language."""
    template = MESSAGES.get(error.code)
    if template is None:
        text = gettext(error.message)
        return text % error.params if error.params else text
    try:
        return str(template) % error.params if "%(" in str(template) else str(template)
    except (KeyError, TypeError, ValueError):
        return str(error)
