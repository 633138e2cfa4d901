"""Domain intelligence: host parts (offline) and registration age (RDAP, in ``rdap``)."""

from detector.intel.domain import DomainIntel, HostParts, host_parts

__all__ = ["DomainIntel", "HostParts", "host_parts"]
