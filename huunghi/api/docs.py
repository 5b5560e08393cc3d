"""The interactive API documentation without any third-party host.

The site's Content-Security-Policy allows scripts only from the site itself, so the
CDN copy of Swagger UI that django-ninja falls back to would be blocked. With
``"ninja"`` in ``INSTALLED_APPS`` the bundled Swagger UI files are served as static
files (external scripts only, no inline code); without it a plain page links to the
OpenAPI document instead of loading anything from a CDN.
"""

from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils.html import format_html
from django.utils.translation import gettext as _
from ninja.openapi.docs import Swagger

PLAIN_PAGE = (
    '<!DOCTYPE html><html lang="{}"><head><meta charset="utf-8"><title>{}</title></head>'
    '<body><h1>{}</h1><p><a href="{}">{}</a></p></body></html>'
)


class LocalSwagger(Swagger):
    """Swagger UI from the site's own static files, never from a CDN."""

    def render_page(self, request: HttpRequest, api: Any, **kwargs: Any) -> HttpResponse:
        if "ninja" in settings.INSTALLED_APPS:
            return super().render_page(request, api, **kwargs)
        url = self.get_openapi_url(api, kwargs)
        html = format_html(
            PLAIN_PAGE,
            request.LANGUAGE_CODE if hasattr(request, "LANGUAGE_CODE") else "vi",
            api.title,
            api.title,
            url,
            _("OpenAPI description (JSON)"),
        )
        return HttpResponse(html)
