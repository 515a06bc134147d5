"""Where a journal's theme lives: the one place that turns `theme =` into folders.

The renderer (which templates to use), `serve` (which folders to watch) and the fast path of
`build` (which files to fingerprint) all ask here, so they cannot disagree about a theme. The
built-in themes are the package `jobjournal.themes`, whose folder is `themes/` at the top of
the repository; in an installed wheel it is package data.
"""

from __future__ import annotations

from functools import lru_cache
from importlib.resources import files
from pathlib import Path


class ThemeError(Exception):
    """A theme that cannot be used; str() says which and why."""


@lru_cache(maxsize=1)
def builtin_themes() -> Path:
    """The folder holding the built-in themes (one sub-folder each)."""
    return Path(str(files("jobjournal.themes")))


def default_theme() -> Path:
    return builtin_themes() / "default"


def theme_folder(root: Path, name: str) -> Path | None:
    """The chosen theme's folder; None for the default theme.

    A bare name is a built-in theme when one has that name, else a folder of the journal
    (`theme = "mytheme"`); anything else is a folder, relative to the journal or absolute."""
    name = name.strip()
    if name in ("", "default"):
        return None
    builtin = builtin_themes()
    if "/" not in name and "\\" not in name and (builtin / name).is_dir():
        return builtin / name
    folder = Path(name).expanduser()
    if not folder.is_absolute():
        folder = root / folder
    if not folder.is_dir():
        known = sorted(p.name for p in builtin.iterdir()
                       if p.is_dir() and not p.name.startswith(("_", ".")))
        raise ThemeError(f"jobjournal.toml: theme '{name}' is neither a built-in theme "
                         f"({', '.join(known)}) nor a folder ({folder} does not exist)")
    return folder


def custom_theme_folder(root: Path, name: str) -> Path | None:
    """The chosen theme's folder when it is not built in: the person's own work, which
    `serve` watches and a build's fingerprint covers (built-in themes change only with the
    tool, whose fingerprint covers them). None for a built-in theme, and for one that cannot
    be resolved, which the renderer reports."""
    try:
        chosen = theme_folder(root, name)
    except ThemeError:
        return None
    if chosen is None or _is_below(chosen, builtin_themes()):
        return None
    return chosen.resolve()


def _is_below(path: Path, folder: Path) -> bool:
    try:
        path.resolve().relative_to(folder.resolve())
    except ValueError:
        return False
    return True
