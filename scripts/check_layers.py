"""Layer contracts for the ``huunghi`` package, run by ``make lint``.

The layers, bottom to top, and the known violations still to be removed, live in
``pyproject.toml`` under ``[tool.huunghi-layers]``. A module may import modules of its own
layer and of the layers below it; an import of a higher layer fails the check unless it is
listed in ``known`` (``"importer -> imported"``, both as module prefixes). A listed violation
that no longer occurs also fails, so the list only shrinks. Tests and migrations are not
checked. Imports inside functions count too: a lazy import is still a dependency.

Usage: ``python scripts/check_layers.py [ROOT]`` (ROOT defaults to the repository).
"""

from __future__ import annotations

import ast
import sys
import tomllib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

PACKAGE = "huunghi"
SKIPPED_PARTS = {"tests", "migrations"}


@dataclass(frozen=True)
class Contract:
    layers: list[list[str]]
    known: set[tuple[str, str]]

    def layer_of(self, module: str) -> int | None:
        """The layer of the longest listed prefix of ``module`` (None: not layered)."""
        best: tuple[int, int] | None = None
        for index, prefixes in enumerate(self.layers):
            for prefix in prefixes:
                longer = best is None or len(prefix) > best[1]
                if _under(module, prefix) and longer:
                    best = (index, len(prefix))
        return None if best is None else best[0]

    def known_match(self, importer: str, imported: str) -> tuple[str, str] | None:
        for source, target in self.known:
            if _under(importer, source) and _under(imported, target):
                return (source, target)
        return None


def _under(module: str, prefix: str) -> bool:
    return module == prefix or module.startswith(prefix + ".")


def load_contract(root: Path) -> Contract:
    config = tomllib.loads((root / "pyproject.toml").read_text())["tool"]["huunghi-layers"]
    known = set()
    for line in config.get("known", []):
        source, target = (part.strip() for part in line.split("->"))
        known.add((source, target))
    return Contract(layers=config["layers"], known=known)


def module_name(root: Path, path: Path) -> str:
    parts = list(path.relative_to(root).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def python_files(root: Path) -> Iterator[Path]:
    if not (root / PACKAGE).is_dir():
        return
    for path in sorted((root / PACKAGE).rglob("*.py")):
        if SKIPPED_PARTS.isdisjoint(path.relative_to(root).parts):
            yield path


def imports_of(path: Path, module: str) -> Iterator[tuple[int, str]]:
    """``(line, imported module)`` for every import of the package in ``path``."""
    tree = ast.parse(path.read_text(), filename=str(path))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield node.lineno, alias.name
        elif isinstance(node, ast.ImportFrom):
            base = _absolute(node, module)
            yield node.lineno, base
            for alias in node.names:
                yield node.lineno, f"{base}.{alias.name}"


def _absolute(node: ast.ImportFrom, module: str) -> str:
    if not node.level:
        return node.module or ""
    package = module.split(".")[: -node.level]
    return ".".join([*package, node.module] if node.module else package)


def violations(root: Path, contract: Contract) -> tuple[list[str], set[tuple[str, str]]]:
    """Upward imports not listed as known, and the known entries that were used."""
    found: list[str] = []
    used: set[tuple[str, str]] = set()
    for path in python_files(root):
        module = module_name(root, path)
        own = contract.layer_of(module)
        for line, imported in imports_of(path, module):
            if not _under(imported, PACKAGE):
                continue
            target = contract.layer_of(imported)
            if own is None or target is None or target <= own:
                continue
            match = contract.known_match(module, imported)
            if match:
                used.add(match)
                continue
            found.append(
                f"{path.relative_to(root)}:{line}: {module} (layer {own}) imports "
                f"{imported} (layer {target}), a higher layer"
            )
    return sorted(set(found)), used


def main(argv: list[str]) -> int:
    root = Path(argv[1]) if len(argv) > 1 else Path(__file__).resolve().parent.parent
    contract = load_contract(root)
    found, used = violations(root, contract)
    stale = sorted(f"{a} -> {b}" for a, b in contract.known - used)
    for line in found:
        print(line)
    for line in stale:
        print(f"pyproject.toml: known layer violation no longer occurs, remove it: {line}")
    return 1 if found or stale else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
