"""Generator of the project's synthetic labelled corpus (see data/README.md)."""
