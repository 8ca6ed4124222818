"""Look and feel: text size, high contrast, the bundled font, and the user's display preferences.

Sizes live in one style sheet template (resources/styles/base.qss) so the whole app scales
together; high contrast is a second sheet laid over it. Preferences are per Windows/Linux user
(QSettings), not per database: they describe the person at the screen, not the site.
"""

from __future__ import annotations

import os
from enum import StrEnum
from pathlib import Path
from string import Template

from PySide6.QtCore import QSettings, QStandardPaths, QT_TRANSLATE_NOOP
from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QApplication

from cstr_desk.paths import resource_path
from cstr_desk.ui.words import Words

DATABASE_ENV = "CSTR_DESK_DB"
DATABASE_FILE_NAME = "cstr-desk.db"
APP_FOLDER = "CSTR Desk"
RECENT_USERNAMES = 6


class TextSize(StrEnum):
    NORMAL = "normal"
    LARGE = "large"
    EXTRA_LARGE = "extra_large"


TEXT_SIZE_LABELS: Words[TextSize] = Words("theme", {
    TextSize.NORMAL: QT_TRANSLATE_NOOP("theme", "Normal text"),
    TextSize.LARGE: QT_TRANSLATE_NOOP("theme", "Large text"),
    TextSize.EXTRA_LARGE: QT_TRANSLATE_NOOP("theme", "Extra large text"),
})

_SCALE: dict[TextSize, float] = {
    TextSize.NORMAL: 1.0,
    TextSize.LARGE: 1.25,
    TextSize.EXTRA_LARGE: 1.5,
}

_BODY_PT = 10.5

# Focus colours after GOV.UK's focus state (design-system.service.gov.uk, "Focus states"):
# yellow #ffdd00 with near-black #0b0c0c, which contrasts with white and with the blue of a
# chosen answer alike.
_COLOURS = {
    False: {"error": "#b00020", "warning": "#8a4b00", "muted": "#505050", "selected": "#1d4f91",
            "selected_text": "#ffffff", "border": "#c8c8c8", "text": "#0b0c0c",
            "control_edge": "#6f777b", "control_bg": "#f3f2f1", "control_hover": "#e4e3e1",
            "control_pressed": "#cfcdca", "disabled": "#9a9a9a",
            "focus": "#ffdd00", "focus_text": "#0b0c0c", "focus_edge": "#0b0c0c"},
    True: {"error": "#ff6b6b", "warning": "#ffff00", "muted": "#ffffff", "selected": "#ffff00",
           "selected_text": "#000000", "border": "#ffffff", "text": "#ffffff",
           "control_edge": "#ffffff", "control_bg": "#000000", "control_hover": "#333333",
           "control_pressed": "#555555", "disabled": "#9a9a9a",
           "focus": "#ffff00", "focus_text": "#000000", "focus_edge": "#ffff00"},
}


class Preferences:
    """The signed-in person's display choices and the remembered database location."""

    def __init__(self, settings: QSettings | None = None) -> None:
        self._settings = settings or QSettings()

    @property
    def text_size(self) -> TextSize:
        value = str(self._settings.value("display/text_size", TextSize.NORMAL.value))
        return TextSize(value) if value in TextSize._value2member_map_ else TextSize.NORMAL

    @text_size.setter
    def text_size(self, size: TextSize) -> None:
        self._settings.setValue("display/text_size", size.value)

    @property
    def high_contrast(self) -> bool:
        return str(self._settings.value("display/high_contrast", "false")).lower() == "true"

    @high_contrast.setter
    def high_contrast(self, on: bool) -> None:
        self._settings.setValue("display/high_contrast", "true" if on else "false")

    def database_path(self) -> Path:
        """CSTR_DESK_DB wins (tests and training copies), then the location chosen at set-up,
        then the default in the platform's per-user data folder."""
        from_env = os.environ.get(DATABASE_ENV)
        if from_env:
            return Path(from_env)
        chosen = self._settings.value("database/path")
        if chosen:
            return Path(str(chosen))
        return default_database_path()

    def recent_usernames(self) -> list[str]:
        value = self._settings.value("sign_in/recent_usernames", [])
        names = [value] if isinstance(value, str) else list(value or [])
        return [str(n) for n in names if str(n)][:RECENT_USERNAMES]

    def remember_username(self, username: str) -> None:
        """Most recent first. Usernames only, never passwords: on a shared court laptop the
        next person picks their name instead of typing it (issue 14); a username alone opens
        nothing."""
        names = [username, *(n for n in self.recent_usernames() if n != username)]
        self._settings.setValue("sign_in/recent_usernames", names[:RECENT_USERNAMES])

    def remember_database_path(self, path: Path) -> None:
        self._settings.setValue("database/path", str(path))
        self._settings.sync()


def default_database_path() -> Path:
    """`<user's local data folder>/CSTR Desk/cstr-desk.db`. Local, never roaming: on Windows
    Qt's AppDataLocation is AppData/Roaming, which a domain copies to a server at sign-out, so
    the database would leave the laptop; GenericDataLocation is AppData/Local there (and
    ~/.local/share on Linux, ~/Library/Application Support on macOS). The app's own folder is
    named here rather than through AppLocalDataLocation, which would add the organisation
    name too ("CSTR Desk/CSTR Desk")."""
    folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.GenericDataLocation)
    return Path(folder) / APP_FOLDER / DATABASE_FILE_NAME


def load_bundled_fonts() -> str:
    """Register DejaVu Sans so text measures the same on every laptop (and offscreen)."""
    family = "DejaVu Sans"
    for name in ("DejaVuSans.ttf", "DejaVuSans-Bold.ttf"):
        font_id = QFontDatabase.addApplicationFont(str(resource_path("fonts", name)))
        if font_id >= 0:
            family = QFontDatabase.applicationFontFamilies(font_id)[0]
    return family


def point_sizes(size: TextSize) -> dict[str, str]:
    scale = _SCALE[size]
    sizes = {"body_pt": 1.0, "small_pt": 0.9, "large_pt": 1.3, "heading_pt": 1.45,
             "item_pt": 1.6, "handover_pt": 2.0, "handover_answer_pt": 1.6}
    return {name: f"{_BODY_PT * factor * scale:.1f}" for name, factor in sizes.items()}


def style_sheet(size: TextSize, high_contrast: bool) -> str:
    values = {**point_sizes(size), **_COLOURS[high_contrast]}
    sheet = Template(_read_style("base.qss")).substitute(values)
    if high_contrast:
        sheet += "\n" + _read_style("high_contrast.qss")
    return sheet


def apply_theme(app: QApplication, preferences: Preferences) -> None:
    size = preferences.text_size
    font = QFont(app.font())
    font.setPointSizeF(_BODY_PT * _SCALE[size])
    app.setFont(font)
    app.setStyleSheet(style_sheet(size, preferences.high_contrast))


def _read_style(name: str) -> str:
    return resource_path("styles", name).read_text(encoding="utf-8")
