"""Icons from resources/icons, tinted for the palette in use, and initials avatars."""

from __future__ import annotations

import hashlib

from PySide6.QtCore import QByteArray, QFile, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QIcon, QPainter, QPixmap
from PySide6.QtSvg import QSvgRenderer

from inbox_app.gui import resources_rc  # noqa: F401
from inbox_app.gui.theme import colors

BASE_STROKE = "#5f6b7a"
AVATAR_COLORS = (
    "#5b7cfa", "#e8835a", "#3fb58c", "#b66ad6", "#e0a43a", "#4aa3c9", "#e06a8a", "#7b8a3a",
    "#8d6be0", "#3c9e9e",
)
_svg_cache: dict[str, bytes] = {}
_icon_cache: dict[tuple[str, str, str | None], QIcon] = {}
_pixmap_cache: dict[tuple, QPixmap] = {}


def _svg(name: str) -> bytes:
    if name not in _svg_cache:
        source = QFile(f":/icons/{name}.svg")
        if not source.open(QFile.OpenModeFlag.ReadOnly):
            raise KeyError(f"there is no icon {name!r} in resources/icons")
        _svg_cache[name] = bytes(source.readAll().data())
        source.close()
    return _svg_cache[name]


def clear_cache() -> None:
    _icon_cache.clear()
    _pixmap_cache.clear()


def pixmap(name: str, size: int, color: str | None = None, ratio: float = 2.0) -> QPixmap:
    """A crisp pixmap of an icon; line icons take `color` (the palette's icon colour)."""
    tint = color or colors()["icon"]
    key = (name, size, tint, ratio)
    if key not in _pixmap_cache:
        data = _svg(name).replace(BASE_STROKE.encode(), tint.encode())
        renderer = QSvgRenderer(QByteArray(data))
        image = QPixmap(int(size * ratio), int(size * ratio))
        image.fill(Qt.GlobalColor.transparent)
        painter = QPainter(image)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        renderer.render(painter)
        painter.end()
        image.setDevicePixelRatio(ratio)
        _pixmap_cache[key] = image
    return _pixmap_cache[key]


def icon(name: str, color: str | None = None) -> QIcon:
    """A line icon in the palette's colour (or `color`); disabled, in the palette's
    disabled colour, so a greyed-out action looks it (the store away, say)."""
    tint = color or colors()["icon"]
    faded = colors()["disabled"] if tint != BASE_STROKE else None
    key = (name, tint, faded)
    if key not in _icon_cache:
        made = QIcon()
        for size in (16, 18, 20, 24, 32):
            made.addPixmap(pixmap(name, size, tint))
            if faded is not None:
                made.addPixmap(pixmap(name, size, faded), QIcon.Mode.Disabled)
        _icon_cache[key] = made
    return _icon_cache[key]


def channel_icon(kind: str) -> QIcon:
    return icon(f"channel-{kind}", color=BASE_STROKE) if kind else QIcon()


def channel_pixmap(kind: str, size: int) -> QPixmap:
    return pixmap(f"channel-{kind}", size, color=BASE_STROKE)


def initials(name: str) -> str:
    words = [w for w in name.replace("@", " ").replace(".", " ").split() if w[:1].isalnum()]
    if not words:
        return "?"
    if len(words) == 1:
        return words[0][:2].upper() if len(words[0]) > 1 else words[0].upper()
    return (words[0][0] + words[-1][0]).upper()


def avatar_color(name: str) -> QColor:
    digest = hashlib.md5(name.strip().lower().encode("utf-8")).digest()
    return QColor(AVATAR_COLORS[digest[0] % len(AVATAR_COLORS)])


def paint_avatar(painter: QPainter, rect: QRectF, name: str, font: QFont) -> None:
    """A filled circle with the person's initials (the queue and the panels share it)."""
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(avatar_color(name))
    painter.drawEllipse(rect)
    label = QFont(font)
    label.setBold(True)
    label.setPixelSize(max(8, int(rect.height() * 0.38)))
    painter.setFont(label)
    painter.setPen(QColor("#ffffff"))
    painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, initials(name))
    painter.restore()


def avatar_pixmap(name: str, size: int, font: QFont, ratio: float = 2.0) -> QPixmap:
    image = QPixmap(int(size * ratio), int(size * ratio))
    image.setDevicePixelRatio(ratio)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    paint_avatar(painter, QRectF(0, 0, size, size), name, font)
    painter.end()
    return image
