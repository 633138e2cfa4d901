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


def release(owner: object, name: str, how: str = "close") -> None:
    """Close what ``owner.<name>`` holds (with its ``how`` method), if anything, and forget it.

    The attribute is set to None only once closing succeeded, so a failed close can be retried.
    """
    thing = getattr(owner, name)
    if thing is not None:
        getattr(thing, how)()
        setattr(owner, name, None)
