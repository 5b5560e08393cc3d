"""Names kept in several languages (``name_vi``, ``name_km``, ``name_en``)."""

from django.utils.translation import get_language


def localized_name(obj: object) -> str:
    """The object's name in the active language, falling back to Vietnamese."""
    lang = (get_language() or "vi")[:2]
    name = getattr(obj, f"name_{lang}", "") or getattr(obj, "name_vi", "")
    return str(name)
