"""``Closing``: the context-manager half of anything that has a ``close()``."""

from __future__ import annotations

from typing import Self


class Closing:
    """``with thing:`` closes ``thing`` on the way out, whatever happened inside.

    Subclasses define ``close``; one that must start something first overrides ``__enter__``.
    """

    def close(self) -> None:
        raise NotImplementedError

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
