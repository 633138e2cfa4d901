"""The bottom layer: knowledge every other part shares, importing nothing above it.

- ``urls``: host parts (offline public-suffix list) and the canonical URL used as a key;
- ``platforms``: free hosting, tunnels and shorteners, matched one way;
- ``clock``: the UTC timestamp and the crawler's user agent;
- ``lexicons``: the word and indicator lists (versioned JSON) and their loader;
- ``closing``: ``Closing``, the context-manager half of anything with a ``close()``;
- ``lazy``: package attributes imported on first use.

Besides this package the bottom layer holds ``detector.errors``, ``detector.config`` and
``detector.records``; see docs/architecture.md for what may import what.
"""
