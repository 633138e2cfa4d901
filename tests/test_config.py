import pytest

from detector.config import Settings
from detector.errors import ConfigError


def test_defaults_are_polite_and_safe():
    s = Settings()
    assert s.obey_robots and s.per_host_concurrency == 1 and not s.allow_loopback
    assert s.connect_timeout > 0 and s.max_body_bytes > 0 and s.retries <= 5


def test_env_overrides_and_types():
    s = Settings.from_env(
        {
            "DETECTOR_ALLOW_LOOPBACK": "1",
            "DETECTOR_PER_HOST_DELAY": "0.25",
            "DETECTOR_MAX_REDIRECTS": "3",
            "DETECTOR_CONTACT_URL": "https://c",
        }
    )
    assert s.allow_loopback is True and s.per_host_delay == 0.25 and s.max_redirects == 3
    assert s.contact_url == "https://c"
    assert Settings.from_env({}, retries=0).retries == 0


@pytest.mark.parametrize(
    "var,value", [("DETECTOR_RETRIES", "many"), ("DETECTOR_OBEY_ROBOTS", "maybe")]
)
def test_bad_env_values_are_clear(var, value):
    with pytest.raises(ConfigError, match=var):
        Settings.from_env({var: value})
