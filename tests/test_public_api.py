import detector


def test_all_is_sorted_and_importable():
    assert detector.__all__ == sorted(detector.__all__)
    for name in detector.__all__:
        assert getattr(detector, name) is not None, name


def test_exported_members_are_pinned():
    # Changing the public surface is a decision: update this list on purpose.
    assert detector.__all__ == [
        "Candidate",
        "ConfigError",
        "Detector",
        "DetectorError",
        "ExtractionError",
        "FetchError",
        "InvalidSnapshot",
        "Listing",
        "ModelLoadError",
        "Reason",
        "ScriptFile",
        "Settings",
        "Snapshot",
        "SnapshotFeatures",
        "Verdict",
        "compare",
        "compare_table",
        "evaluate",
        "extract_features",
        "feature_matrix",
        "load_corpus",
        "read_run",
        "shared_dir",
        "train",
    ]


def test_unknown_attribute():
    import pytest

    with pytest.raises(AttributeError):
        detector.nope  # noqa: B018
