import gc
import os

from django.core.wsgi import get_wsgi_application
from django.urls import get_resolver

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "huunghi.settings")
application = get_wsgi_application()

# A serving process imports every view now, not while its first requests wait, and then
# takes everything loaded so far out of the garbage collector's walks (gc.freeze): a full
# collection otherwise walks all of Django's long-lived objects, a pause every request in
# flight in the process waits out (50-700 ms under load, the load bench's p99).
get_resolver().url_patterns  # noqa: B018 - imports the URLconf and every view
gc.freeze()
