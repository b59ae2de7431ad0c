"""Builds the desktop bundle with PyInstaller: `python build_spec.py [--onefile]`.

The bundle is named for the product, carries its icon, VADER's lexicons, the
compiled forms and resources, and leaves out the Qt modules the app does not
use (QtWebEngine, QtQuick/QML, Qt3D, multimedia…), which would otherwise more
than double its size. The result is in `dist/inbox-app/` (or `dist/inbox-app`
with `--onefile`); `dist/inbox-app/inbox-app --screenshot out.png` smoke-tests it.
"""

from __future__ import annotations

import argparse
import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent
NAME = "inbox-app"

# Qt modules the app never imports; excluding them keeps the bundle lean.
UNUSED_QT = [
    "QtWebEngineCore", "QtWebEngineWidgets", "QtWebEngineQuick", "QtWebChannel",
    "QtWebSockets", "QtQml", "QtQuick", "QtQuick3D", "QtQuickWidgets", "QtQuickControls2",
    "Qt3DCore", "Qt3DRender", "Qt3DInput", "Qt3DLogic", "Qt3DAnimation", "Qt3DExtras",
    "QtMultimedia", "QtMultimediaWidgets", "QtSpatialAudio", "QtBluetooth", "QtNfc",
    "QtPositioning", "QtLocation", "QtSensors", "QtSerialPort", "QtSerialBus",
    "QtRemoteObjects", "QtScxml", "QtStateMachine", "QtTextToSpeech", "QtHttpServer",
    "QtDataVisualization", "QtGraphs", "QtDesigner", "QtUiTools", "QtHelp", "QtTest",
    "QtSql", "QtOpenGLWidgets", "QtPdf", "QtPdfWidgets", "QtSvgWidgets", "QtNetworkAuth",
    "QtConcurrent", "QtDBus",
]


def icon_path() -> str | None:
    for candidate in ("resources/icons/app.ico", "resources/icons/app.icns",
                      "resources/icons/app.png"):
        if (ROOT / candidate).exists():
            return str(ROOT / candidate)
    return None


def build(onefile: bool = False) -> Path:
    import PyInstaller.__main__
    import vaderSentiment

    vader_dir = Path(vaderSentiment.__file__).parent
    separator = ";" if sys.platform == "win32" else ":"
    args = [
        str(ROOT / "inbox_app" / "__main__.py"),
        "--name", NAME,
        "--noconfirm",
        "--clean",
        "--windowed" if sys.platform in ("win32", "darwin") else "--console",
        "--onefile" if onefile else "--onedir",
        "--paths", str(ROOT),
        "--distpath", str(ROOT / "dist"),
        "--workpath", str(ROOT / "build"),
        "--specpath", str(ROOT / "build"),
        "--add-data", f"{vader_dir / 'vader_lexicon.txt'}{separator}vaderSentiment",
        "--add-data", f"{vader_dir / 'emoji_utf8_lexicon.txt'}{separator}vaderSentiment",
        "--collect-submodules", "inbox_app",
        "--hidden-import", "PySide6.QtCharts",
        "--hidden-import", "PySide6.QtSvg",
        "--hidden-import", "keyring.backends",
        "--collect-submodules", "keyring.backends",
        "--collect-data", "phonenumbers",
    ]
    for module in UNUSED_QT:
        args += ["--exclude-module", f"PySide6.{module}"]
    args += ["--exclude-module", "tkinter", "--exclude-module", "pytest"]
    icon = icon_path()
    if icon:
        args += ["--icon", icon]
    PyInstaller.__main__.run(args)
    target = ROOT / "dist" / (NAME if onefile else NAME)
    _prune_qt_leftovers(ROOT / "dist" / NAME)
    return target


def _prune_qt_leftovers(bundle: Path) -> None:
    """PySide6 hooks still copy some plugins/translations/libraries of excluded modules."""
    if not bundle.is_dir():
        return
    for pattern in ("**/libQt6WebEngine*", "**/QtWebEngineProcess*", "**/qtwebengine*",
                    "**/libQt6Quick*", "**/libQt6Qml*", "**/libQt63D*", "**/libQt6Pdf*",
                    "**/libQt6Multimedia*", "**/translations/qtwebengine*",
                    "**/resources/qtwebengine*"):
        for path in bundle.glob(pattern):
            if path.is_dir():
                shutil.rmtree(path, ignore_errors=True)
            else:
                path.unlink(missing_ok=True)


def size_of(path: Path) -> int:
    if path.is_file():
        return path.stat().st_size
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--onefile", action="store_true", help="one executable instead of a folder")
    args = parser.parse_args()
    target = build(args.onefile)
    print(f"built {target} ({size_of(target) / 1024 / 1024:.0f} MB)")


if __name__ == "__main__":
    main()
