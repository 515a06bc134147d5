"""Big outputs made a piece at a time, so that neither a page nor its pieces are held whole.

The dashboard, the people page, journal.json and the feed grow with the journal: each is made
as a stream of small byte strings, gathered here into pieces of about 64 KiB (few enough for
the writer, small enough to hold), and joined only when a caller needs the whole file.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from io import BytesIO

PIECE = 1 << 16  # bytes


def batched(parts: Iterable[bytes], size: int = PIECE) -> Iterator[bytes]:
    """`parts` gathered into pieces of at least `size` bytes (the last may be shorter)."""
    held: list[bytes] = []
    length = 0
    for part in parts:
        held.append(part)
        length += len(part)
        if length >= size:
            yield b"".join(held)
            held.clear()
            length = 0
    if held:
        yield b"".join(held)


def joined(pieces: Iterable[bytes]) -> bytes:
    """The pieces in one buffer that becomes the result without a last copy of the file."""
    out = BytesIO()
    for piece in pieces:
        out.write(piece)
    return out.getvalue()
