"""Every API schema class has its own name: the OpenAPI components are keyed by class name,
so two routers each defining a ``PlaceOut`` would silently document one shape for both."""

from __future__ import annotations

import importlib
import inspect
import pkgutil
from collections import defaultdict

from ninja import Schema

import huunghi


def _api_schema_classes() -> dict[str, set[str]]:
    found: dict[str, set[str]] = defaultdict(set)
    for module_info in pkgutil.iter_modules(huunghi.__path__):
        try:
            module = importlib.import_module(f"huunghi.{module_info.name}.api")
        except ModuleNotFoundError:
            continue
        for name, obj in inspect.getmembers(module, inspect.isclass):
            if issubclass(obj, Schema) and obj.__module__ == module.__name__:
                found[name].add(module.__name__)
    return found


def test_api_schema_class_names_are_unique() -> None:
    classes = _api_schema_classes()
    assert len(classes) > 20
    shared = {name: sorted(modules) for name, modules in classes.items() if len(modules) > 1}
    assert shared == {}
