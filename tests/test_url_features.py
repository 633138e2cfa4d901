import pytest

from detector.core.urls import host_parts
from detector.extract.base import Context
from detector.extract.domain import extract as domain_extract
from detector.extract.parse import page_from_text
from detector.extract.url import edit_distance, extract, skeleton
from detector.records import DomainIntel, Snapshot


def feats(url, **kw):
    snap = Snapshot(url=url, **kw)
    return extract(Context(snapshot=snap, page=page_from_text(""))).features


def test_official_tiktok_is_clean():
    f = feats("https://www.tiktok.com/@someone/video/1")
    assert f["url.is_tiktok"] == 1
    assert f["url.brand_in_host"] == 0 and f["url.lookalike"] == 0 and f["url.brand_in_path"] == 0


@pytest.mark.parametrize(
    "url",
    [
        "https://tlktok-login.xyz/",
        "http://tiktokk.com/",
        "https://tik-tok-free.top/",
        "https://t1kt0k.net/x",
        "https://xn--tktok-nsa.com/",
    ],
)
def test_lookalikes(url):
    f = feats(url)
    assert f["url.lookalike"] == 1 or f["url.brand_in_host"] == 1


def test_lure_words_and_context():
    f = feats("https://free-tiktok-followers.netlify.app/who-viewed/profile-views?x=1")
    assert f["url.lure_words_host"] >= 2 and f["url.lure_words_path"] >= 1
    assert f["url.free_hosting"] == 1 and f["url.brand_in_host"] == 1
    assert feats("https://honest-blog.github.io/posts/tiktok")["url.free_hosting"] == 1


def test_masks():
    f = feats("https://tiktok-free-liker@is.gd/abc")
    assert f["url.userinfo_trick"] == 1 and f["url.shortener"] == 1
    assert feats("https://some-words.trycloudflare.com/")["url.tunnel"] == 1
    assert feats("http://203.0.113.9/login")["url.ip_host"] == 1
    f = feats(
        "https://bit.ly/x",
        redirects=["https://bit.ly/x", "https://a.example/y"],
        final_url="https://lure.example/z",
    )
    assert (
        f["url.shortener"] == 1 and f["url.redirect_offsite"] == 1 and f["url.redirect_count"] == 2
    )
    assert feats("https://s16.tiktok-cdn-proxy.com/")["url.cdn_proxy_label"] == 1
    assert feats("https://s16.tiktokcdn.com/")["url.cdn_proxy_label"] == 0


def test_unknown_url_is_neutral():
    f = feats("")
    assert f["url.known"] == 0 and sum(v for k, v in f.items() if k != "url.brand_distance") == 0


def test_edit_distance_and_skeleton():
    assert edit_distance("tiktok", "tiktok") == 0
    assert edit_distance("tlktok", "tiktok") == 1
    assert edit_distance("completely", "tiktok") == 4
    assert skeleton("TіkТоk") == "tiktok"  # Cyrillic look-alikes
    assert skeleton("t1kt0k") == "tiktok"


def test_domain_age_slot():
    page = page_from_text("")
    snap = Snapshot(url="https://new.example/")
    unknown = domain_extract(Context(snapshot=snap, page=page)).features
    assert unknown["domain.age_known"] == 0 and unknown["domain.age_days"] == -1.0
    intel = DomainIntel(
        host="new.example", registered_domain="new.example", age_days=3, source="rdap"
    )
    young = domain_extract(Context(snapshot=snap, page=page, intel=intel))
    assert young.features["domain.young_30d"] == 1 and young.features["domain.age_days"] == 3
    assert "3 days" in young.evidence["domain.young_30d"]


def test_host_parts_free_hosting_and_ip_forms():
    h = host_parts("https://u@foo.github.io:8443/p?q#f")
    assert h.registered_domain == "foo.github.io" and h.public_registered_domain == "github.io"
    assert h.userinfo == "u" and h.port == 8443
    assert host_parts("http://2130706433/").is_ip
    assert host_parts("").host == ""
