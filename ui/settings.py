"""The window's own settings, declared once: key, default, type.

Stored with QSettings in an INI file (never the registry); with JXZP_DATA_DIR
set (tests, a portable copy on a USB stick) the file sits in that folder.
"""

from __future__ import annotations

import os

from PySide6.QtCore import QSettings

ORGANIZATION = "jxzp"
APPLICATION = "jxzp"
MAX_RECENT = 8

# name → (default, type)
KEYS = {
    "recent": ([], list),
    "large_font": (False, bool),
    "last_dir": ("", str),
    "geometry": (None, bytes),
    "column_widths": ("", str),   # JSON: template id → column widths in characters, as the clerk left them
}


def _store() -> QSettings:
    if os.environ.get("JXZP_DATA_DIR"):  # portable install or a test: everything in one folder
        from core.paths import data_dir
        return QSettings(str(data_dir() / "settings.ini"), QSettings.Format.IniFormat)
    return QSettings(QSettings.Format.IniFormat, QSettings.Scope.UserScope, ORGANIZATION, APPLICATION)


_held: dict | None = None     # writes waiting for the first frame (hold/flush)


def hold() -> None:
    """Keep writes in memory until flush(): at start-up the recent-files list is
    written after the window's first frame (a synchronous INI write took 6–37 ms)."""
    global _held
    _held = {} if _held is None else _held


def flush() -> None:
    global _held
    held, _held = _held, None
    if held:
        store = _store()
        for name, value in held.items():
            store.setValue(name, value)
        store.sync()


def get(name: str):
    default, kind = KEYS[name]
    raw = _held[name] if _held and name in _held else _store().value(name, default)
    if raw is None:
        return default
    if kind is bool:
        return raw in (True, "true", "1", 1)
    if kind is list:
        if isinstance(raw, str):
            return [raw] if raw else []
        return [str(x) for x in raw]
    if kind is bytes:
        return raw
    return kind(raw)


def put(name: str, value) -> None:
    if name not in KEYS:
        raise KeyError(name)
    if _held is not None:
        _held[name] = value
        return
    store = _store()
    store.setValue(name, value)
    store.sync()


def recent() -> list[str]:
    return get("recent")


def remember(path: str) -> None:
    """Put a draft at the top of the recent list."""
    path = os.path.abspath(path)
    items = [p for p in recent() if os.path.abspath(p) != path]
    put("recent", [path] + items[: MAX_RECENT - 1])
    put("last_dir", os.path.dirname(path))


def forget(path: str) -> None:
    path = os.path.abspath(path)
    put("recent", [p for p in recent() if os.path.abspath(p) != path])


def column_widths(template_id: str) -> list[float] | None:
    import json
    try:
        saved = json.loads(get("column_widths") or "{}").get(template_id)
    except (ValueError, AttributeError):
        return None
    return [float(x) for x in saved] if isinstance(saved, list) and all(isinstance(x, (int, float)) for x in saved) \
        else None


def remember_column_widths(template_id: str, widths: list[float] | None) -> None:
    import json
    try:
        saved = json.loads(get("column_widths") or "{}")
    except ValueError:
        saved = {}
    if not isinstance(saved, dict):
        saved = {}
    if widths is None:
        saved.pop(template_id, None)
    else:
        saved[template_id] = [round(w, 1) for w in widths]
    put("column_widths", json.dumps(saved, ensure_ascii=False))
