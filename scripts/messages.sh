#!/usr/bin/env bash
# Update and compile the catalogues (make messages).
# makemessages runs inside huunghi/ (from the repository root it stops at the root conftest.py,
# which is outside every locale path); the locations it writes are then made relative to the
# repository root again (huunghi/...), as they are in the committed catalogues.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PY:-.venv/bin/python}
LANGS=${LANGS:-vi km en}
args=()
for lang in $LANGS; do args+=(-l "$lang"); done
(cd huunghi && HUUNGHI_DEBUG=1 "../$PY" ../manage.py makemessages "${args[@]}" --add-location=file)
"$PY" - "$LANGS" <<'PYEOF'
import sys
for lang in sys.argv[1].split():
    path = f"huunghi/locale/{lang}/LC_MESSAGES/django.po"
    lines = []
    with open(path, encoding="utf-8") as po:
        for line in po:
            if line.startswith("#: "):
                places = [p if p.startswith("huunghi/") else "huunghi/" + p for p in line[3:].split()]
                line = "#: " + " ".join(places) + "\n"
            lines.append(line)
    with open(path, "w", encoding="utf-8") as po:
        po.writelines(lines)
PYEOF
for lang in $LANGS; do
  msgfmt --check -o /dev/null "huunghi/locale/$lang/LC_MESSAGES/django.po"
done
HUUNGHI_DEBUG=1 "$PY" manage.py compilemessages --ignore=.venv --ignore=.tools --ignore=node_modules
