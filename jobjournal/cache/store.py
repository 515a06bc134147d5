"""The persistent cache: parsed applications (and other derived data) kept between runs.

It lives outside the journal, in `$JOBJOURNAL_CACHE_DIR`, else `$XDG_CACHE_HOME/jobjournal`,
else `~/.cache/jobjournal`, one folder per journal, so reading a journal never writes into it.
Every entry is keyed by the tool's fingerprint (its version and the code itself, so an upgrade
or a local edit invalidates everything) and by what it was made from; a cache that cannot be
read is ignored and rebuilt, never trusted.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import zlib
from collections.abc import Collection
from functools import lru_cache
from pathlib import Path
from typing import Any

from jobjournal import __version__
from jobjournal.core.files import atomic_stream, atomic_write, file_stamp
from jobjournal.core.themes import builtin_themes

_FORMAT = 1


# The libraries whose output the caches keep: their parsing, escaping and formatting.
_LIBRARIES = ("yaml", "frontmatter", "jinja2", "markupsafe", "markdown_it", "icalendar")


@lru_cache(maxsize=1)
def tool_fingerprint() -> str:
    """Changes with the version and with any change to the package's code, its scaffold or
    the built-in themes, wherever those live (themes/ is outside the package's folder), and
    when a library whose output is cached is installed anew (another version, say), known
    by its package's stamp without importing it."""
    from importlib.util import find_spec

    package = Path(__file__).resolve().parent.parent
    digest = hashlib.sha256(f"{__version__}|{_FORMAT}".encode())
    for folder in (package, builtin_themes()):
        for path in sorted(folder.rglob("*")):
            if "__pycache__" in path.parts or not path.is_file():
                continue
            digest.update(f"{folder.name}/{path.relative_to(folder)}|{file_stamp(path)}"
                          .encode())
    for name in _LIBRARIES:
        spec = find_spec(name)
        origin = spec.origin if spec is not None else None
        digest.update(f"{name}|{origin}|{file_stamp(origin) if origin else None}".encode())
    return digest.hexdigest()[:20]


def cache_root() -> Path | None:
    explicit = os.environ.get("JOBJOURNAL_CACHE_DIR")
    if explicit is not None:
        return Path(explicit) if explicit else None  # empty: caching off
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "jobjournal"


def journal_cache_dir(journal_root: Path) -> Path | None:
    root = cache_root()
    if root is None:
        return None
    key = hashlib.sha256(str(journal_root.resolve()).encode()).hexdigest()[:16]
    return root / f"{journal_root.resolve().name}-{key}"


def compiled_templates(journal_root: Path) -> Path | None:
    """Where the journal's compiled templates are kept between builds (None: caching off)."""
    folder = journal_cache_dir(journal_root)
    return folder / "templates" if folder is not None else None


def load(journal_root: Path, name: str) -> Any | None:
    """The stored object, or None when absent, stale (another tool version) or unreadable."""
    folder = journal_cache_dir(journal_root)
    if folder is None:
        return None
    try:
        with open(folder / f"{name}.pickle", "rb") as stream:
            fingerprint, value = pickle.load(stream)
    except Exception:  # a missing, truncated or foreign cache is simply rebuilt
        return None
    return value if fingerprint == tool_fingerprint() else None


def store(journal_root: Path, name: str, value: Any) -> None:
    folder = journal_cache_dir(journal_root)
    if folder is None:
        return
    try:
        data = pickle.dumps((tool_fingerprint(), value), protocol=pickle.HIGHEST_PROTOCOL)
        atomic_write(folder / f"{name}.pickle", data, durable=False)
    except OSError:
        pass  # a read-only or full disk only costs speed


# Entries per pickle in a stored map. A pickler keeps everything it wrote until it is done
# (the state of each record included), so a shard of thousands is written a batch at a time.
_BATCH = 256
# A stored map is split over this many files by its keys, so an edit to one application
# rewrites one sixteenth of the parse cache, not all of it.
SHARDS = 16


def _map_header() -> tuple[str, str, int]:
    """What a stored map starts with: three items, so `load` never takes it for a value."""
    return (tool_fingerprint(), "map", _BATCH)


def shard_of(key: str) -> int:
    """Which of a map's files holds `key`: the same in every process (unlike `hash`)."""
    return zlib.crc32(key.encode("utf-8", "surrogatepass")) % SHARDS


def _shard_path(folder: Path, name: str, shard: int) -> Path:
    """The file of one shard of the map `name`."""
    return folder / f"{name}.{shard:02x}.pickle"


def load_map(journal_root: Path, name: str) -> dict[str, Any] | None:
    """The map `store_map` stored (keys are strings); None only when caching is off. A shard
    that is missing, stale or unreadable only leaves its entries out: each is made again."""
    folder = journal_cache_dir(journal_root)
    if folder is None:
        return None
    found: dict[str, Any] = {}
    for shard in range(SHARDS):
        part: dict[str, Any] = {}
        try:
            with open(_shard_path(folder, name, shard), "rb") as stream:
                if pickle.load(stream) != _map_header():
                    continue
                while (batch := pickle.load(stream)) is not None:
                    part.update(batch)
        except Exception:  # a missing, truncated or foreign shard is simply rebuilt
            continue
        found.update(part)
    return found


def store_map(journal_root: Path, name: str, value: dict[str, Any],
              changed: Collection[str] | None = None) -> None:
    """Store a map (the parse cache: thousands of records), each shard streamed to its file
    in batches, so neither its pickle nor the pickler's memory of it is ever held whole.
    With `changed` (the keys added, replaced or removed since it was loaded), only the shards
    holding those keys are written again; the others already hold what they should."""
    folder = journal_cache_dir(journal_root)
    if folder is None:
        return
    shards: list[list[tuple[str, Any]]] = [[] for _ in range(SHARDS)]
    for key, item in value.items():
        shards[shard_of(key)].append((key, item))
    due = range(SHARDS) if changed is None else sorted({shard_of(key) for key in changed})
    try:
        (folder / f"{name}.pickle").unlink(missing_ok=True)  # the map in one file, as it was
        for shard in due:
            items = shards[shard]
            with atomic_stream(_shard_path(folder, name, shard)) as stream:
                pickle.dump(_map_header(), stream, protocol=pickle.HIGHEST_PROTOCOL)
                for start in range(0, len(items), _BATCH):
                    pickle.dump(dict(items[start:start + _BATCH]), stream,
                                protocol=pickle.HIGHEST_PROTOCOL)
                pickle.dump(None, stream, protocol=pickle.HIGHEST_PROTOCOL)
    except OSError:
        pass  # a read-only or full disk only costs speed
