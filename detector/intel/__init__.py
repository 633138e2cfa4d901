"""Domain intelligence that needs the network: registration age (RDAP, in ``rdap``).

Host parts live in ``detector.core.urls`` and the ``DomainIntel`` record in ``detector.records``,
so extraction reads both without importing this package (and, through it, requests).
"""

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from detector.intel.rdap import DomainAgeLookup

__all__ = ["DomainAgeLookup"]


def __getattr__(name: str) -> Any:
    # Imported on first use: importing the package alone loads no HTTP client.
    if name == "DomainAgeLookup":
        from detector.intel.rdap import DomainAgeLookup

        return DomainAgeLookup
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
