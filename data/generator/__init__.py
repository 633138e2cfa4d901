"""Generators of the labelled corpus under data/corpus (deterministic: same bytes on every run)."""
