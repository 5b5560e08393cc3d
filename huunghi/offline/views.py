"""The installable offline app: its page, web app manifest and service worker.

The service worker is served from the site root (``/sw.js``) so that its scope covers
every page; it caches the offline page, the styles and scripts, and the caller's
reference data, nothing else.
"""

from __future__ import annotations

import hashlib
from functools import cache
from pathlib import Path
from typing import Any

from django.contrib.auth.decorators import login_required
from django.contrib.staticfiles import finders
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.templatetags.static import static
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from huunghi.offline.api import MAX_PHOTOS
from huunghi.offline.forms import app_strings, kind_forms

THEME_COLOUR = "#17402f"
STATIC_FILES = (
    "css/app.css",
    "offline/css/offline.css",
    "offline/js/queue.js",
    "offline/js/status.js",
    "offline/js/app.js",
    "offline/icons/icon-192.png",
    "offline/icons/icon-512.png",
    "vendor/htmx/htmx.min.js",
    "img/favicon.svg",
)


@login_required
@require_GET
def offline_app(request: HttpRequest) -> HttpResponse:
    """The page for entering records without a connection (cached by the service worker)."""
    context = {"kinds": kind_forms(), "strings": app_strings(), "max_photos": MAX_PHOTOS}
    return render(request, "offline/app.html", context)


@require_GET
def manifest(request: HttpRequest) -> JsonResponse:
    """The web app manifest that makes the site installable."""
    data = {
        "name": _("Hữu Nghị – border cooperation records"),
        "short_name": _("Hữu Nghị"),
        "id": "/offline/",
        "start_url": "/offline/",
        "scope": "/",
        "display": "standalone",
        "theme_color": THEME_COLOUR,
        "background_color": "#ffffff",
        "icons": [
            {
                "src": static(f"offline/icons/icon-{size}.png"),
                "sizes": f"{size}x{size}",
                "type": "image/png",
                "purpose": "any",
            }
            for size in (192, 512)
        ],
    }
    response = JsonResponse(data, json_dumps_params={"ensure_ascii": False})
    response["Content-Type"] = "application/manifest+json"
    return response


@require_GET
def service_worker(request: HttpRequest) -> HttpResponse:
    """The service worker script, never cached by the browser's HTTP cache."""
    context = {"version": _files_version(), "precache": _precache_urls()}
    body = render_to_string("offline/sw.js", context)
    response = HttpResponse(body, content_type="text/javascript; charset=utf-8")
    response["Cache-Control"] = "no-cache"
    response["Service-Worker-Allowed"] = "/"
    return response


def _precache_urls() -> list[str]:
    return ["/offline/", "/manifest.webmanifest", *(static(name) for name in STATIC_FILES)]


@cache
def _files_version() -> str:
    """A fingerprint of the cached files, so a new release replaces the old cache."""
    digest = hashlib.sha256()
    for name in STATIC_FILES:
        path: Any = finders.find(name)
        if path:
            digest.update(Path(path).read_bytes())
    digest.update(render_to_string("offline/sw.js", {"version": "", "precache": []}).encode())
    return digest.hexdigest()[:16]
