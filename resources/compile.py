"""Regenerates the compiled forms and resources: `python resources/compile.py`.

Qt Designer forms in ui/*.ui become inbox_app/gui/forms/ui_*.py (pyside6-uic),
and resources/resources.qrc (icons, stylesheet) becomes
inbox_app/gui/resources_rc.py (pyside6-rcc). The outputs are committed so the app
runs without the Qt tools; edit the sources, never the generated files.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FORMS_IN = ROOT / "ui"
FORMS_OUT = ROOT / "inbox_app" / "gui" / "forms"
QRC = ROOT / "resources" / "resources.qrc"
RESOURCES_OUT = ROOT / "inbox_app" / "gui" / "resources_rc.py"
HEADER = "# generated — do not edit (regenerate with: python resources/compile.py)\n"


def tool(name: str) -> str:
    """The Qt tool next to this Python first (a venv), then on PATH."""
    beside = Path(sys.executable).parent / name
    if beside.exists():
        return str(beside)
    found = shutil.which(name)
    if not found:
        raise SystemExit(f"compile.py: {name} is not installed (it comes with PySide6).")
    return found


def run(command: list[str]) -> str:
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise SystemExit(f"compile.py: {' '.join(command)} failed:\n{done.stderr}")
    return done.stdout


def main() -> int:
    FORMS_OUT.mkdir(parents=True, exist_ok=True)
    (FORMS_OUT / "__init__.py").write_text(HEADER + '"""Compiled Qt Designer forms."""\n')
    uic, rcc = tool("pyside6-uic"), tool("pyside6-rcc")
    for form in sorted(FORMS_IN.glob("*.ui")):
        target = FORMS_OUT / f"ui_{form.stem}.py"
        target.write_text(HEADER + run([uic, str(form)]), encoding="utf-8")
        print(f"{form.relative_to(ROOT)} -> {target.relative_to(ROOT)}")
    RESOURCES_OUT.write_text(HEADER + run([rcc, "-g", "python", str(QRC)]), encoding="utf-8")
    print(f"{QRC.relative_to(ROOT)} -> {RESOURCES_OUT.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
