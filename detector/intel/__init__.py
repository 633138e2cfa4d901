"""Domain intelligence: host parts (offline) and registration age (RDAP, in ``rdap``)."""

from typing import TYPE_CHECKING, Any

from detector.intel.domain import DomainIntel, HostParts, host_parts

if TYPE_CHECKING:
    from detector.intel.rdap import DomainAgeLookup

__all__ = ["DomainAgeLookup", "DomainIntel", "HostParts", "host_parts"]


def __getattr__(name: str) -> Any:
    # Imported on first use so that extraction (which reads ``domain``) never loads requests.
    if name == "DomainAgeLookup":
        from detector.intel.rdap import DomainAgeLookup

        return DomainAgeLookup
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
