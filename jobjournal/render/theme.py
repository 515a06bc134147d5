"""Finding a journal's templates and static files: its own overrides, its theme, the default.

Templates are looked up in the journal's `templates/` folder first, then in the chosen theme
(`theme =` in jobjournal.toml, resolved by core/themes.py), then in the default theme. The
default theme's templates are also reachable as `default/<name>`, so an override can
`{% extends "default/base.html" %}` and change one block.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from jobjournal.core.model import Journal
from jobjournal.core.themes import ThemeError, default_theme, theme_folder

__all__ = ["Theme", "ThemeError", "resolve_theme", "environment", "static_files"]

LIVE_RELOAD_SCRIPT = "livereload.js"


@dataclass(frozen=True, slots=True)
class Theme:
    template_dirs: tuple[Path, ...]  # searched in this order
    static_dirs: tuple[Path, ...]  # later ones override earlier ones


def resolve_theme(journal: Journal) -> Theme:
    templates: list[Path] = []
    own = journal.root / "templates"
    if own.is_dir():
        templates.append(own)
    statics = [default_theme() / "static"]
    chosen = theme_folder(journal.root, journal.config.theme)
    if chosen is not None:
        templates.append(chosen / "templates" if (chosen / "templates").is_dir() else chosen)
        if (chosen / "static").is_dir():
            statics.append(chosen / "static")
    templates.append(default_theme() / "templates")
    return Theme(tuple(templates), tuple(statics))


def environment(theme: Theme, compiled: Path | None = None):  # type: ignore[no-untyped-def]
    """One Jinja2 environment per render: autoescaped, strict, templates compiled once.
    `compiled`: a folder where compiled templates are kept between builds (Jinja2 keys each
    by its name and source's checksum, so an edited template is compiled again)."""
    from jinja2 import (
        ChoiceLoader,
        Environment,
        FileSystemBytecodeCache,
        FileSystemLoader,
        PrefixLoader,
        StrictUndefined,
    )

    class KeptCompiled(FileSystemBytecodeCache):
        """Jinja2's own cache, where a disk that cannot be read or written only costs
        speed (a damaged entry Jinja2 already ignores: it is compiled again)."""

        def load_bytecode(self, bucket):  # type: ignore[no-untyped-def]
            try:
                super().load_bytecode(bucket)
            except OSError:
                bucket.reset()

        def dump_bytecode(self, bucket):  # type: ignore[no-untyped-def]
            try:
                super().dump_bytecode(bucket)
            except OSError:
                pass

    loaders = [FileSystemLoader(str(folder)) for folder in theme.template_dirs]
    loaders.append(PrefixLoader({"default": FileSystemLoader(str(default_theme() / "templates"))}))
    bytecode = None
    if compiled is not None:
        try:
            compiled.mkdir(parents=True, exist_ok=True)
            bytecode = KeptCompiled(str(compiled))
        except OSError:
            pass  # a read-only or full disk only costs speed
    env = Environment(loader=ChoiceLoader(loaders), autoescape=True,
                      undefined=StrictUndefined, keep_trailing_newline=True,
                      trim_blocks=True, lstrip_blocks=True, auto_reload=False,
                      bytecode_cache=bytecode)
    # `serve` replaces these with ones that remember each piece between renders.
    env.globals["cached"] = call_macro
    env.globals["cached_each"] = call_macro_each
    return env


def call_macro(macro: Callable[..., str], *args: object) -> str:
    """`{{ cached(m.finding, root, item) }}` in a template: the macro's output for those
    arguments. It must depend on nothing else, so `serve` can keep it between renders."""
    return macro(*args)


def call_macro_each(macro: Callable[..., str], root: str, items: Iterable[object]) -> str:
    """`{{ cached_each(m.finding, root, items) }}`: `cached(macro, root, item)` per item."""
    from markupsafe import Markup

    return Markup("".join([macro(root, item) for item in items]))


def static_files(theme: Theme, live_reload: bool) -> dict[str, bytes]:
    """Every static file as `static/<path>` -> bytes; a theme's file replaces the default's."""
    files: dict[str, bytes] = {}
    for folder in theme.static_dirs:
        for path in sorted(folder.rglob("*")):
            if not path.is_file() or any(part.startswith(".") for part in
                                         path.relative_to(folder).parts):
                continue
            relative = path.relative_to(folder).as_posix()
            if relative == LIVE_RELOAD_SCRIPT and not live_reload:
                continue
            try:
                files[f"static/{relative}"] = path.read_bytes()
            except OSError as error:
                raise ThemeError(f"{path}: cannot read the theme file: "
                                 f"{error.strerror or error}") from None
    return dict(sorted(files.items()))
