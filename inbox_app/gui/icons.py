"""Icons from resources/icons, tinted for the palette in use, and initials avatars."""

from __future__ import annotations

import hashlib

from PySide6.QtCore import QByteArray, QFile, QRect, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QIcon, QIconEngine, QPainter, QPixmap
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


class TintedIconEngine(QIconEngine):
    """Renders an icon at the size and mode asked for, when it is first painted.

    The window holds about fifty action icons, most of them in menus nobody opens at
    start; drawing every size of each up front was a tenth of the start-up time."""

    def __init__(self, name: str, tint: str, faded: str | None):
        super().__init__()
        self.name, self.tint, self.faded = name, tint, faded

    def _color(self, mode: QIcon.Mode) -> str:
        return self.faded if mode == QIcon.Mode.Disabled and self.faded else self.tint

    def pixmap(self, size: QSize, mode: QIcon.Mode, state: QIcon.State) -> QPixmap:
        side = max(1, min(size.width(), size.height()))
        return pixmap(self.name, side, self._color(mode), ratio=1.0)

    def paint(self, painter: QPainter, rect: QRect, mode: QIcon.Mode,
              state: QIcon.State) -> None:
        ratio = painter.device().devicePixelRatio() if painter.device() else 1.0
        side = min(rect.width(), rect.height())
        image = pixmap(self.name, side, self._color(mode), ratio=ratio)
        painter.drawPixmap(rect.x() + (rect.width() - side) // 2,
                           rect.y() + (rect.height() - side) // 2, image)

    def clone(self) -> TintedIconEngine:
        return TintedIconEngine(self.name, self.tint, self.faded)

    def key(self) -> str:
        return "inbox_app.tinted"


def icon(name: str, color: str | None = None) -> QIcon:
    """A line icon in the palette's colour (or `color`); disabled, in the palette's
    disabled colour, so a greyed-out action looks it (the store away, say)."""
    tint = color or colors()["icon"]
    faded = colors()["disabled"] if tint != BASE_STROKE else None
    key = (name, tint, faded)
    if key not in _icon_cache:
        _svg(name)  # an unknown name fails here, not at the first paint
        _icon_cache[key] = QIcon(TintedIconEngine(name, tint, faded))
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
