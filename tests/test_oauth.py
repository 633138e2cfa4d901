"""OAuth family: real TikTok Login Kit links vs look-alike and broken authorize flows."""

from __future__ import annotations

from urllib.parse import urlencode

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from detector.extract import oauth
from detector.extract.features import extract, extract_features
from detector.records import Snapshot

KEY = "awx3kd8f9qk2l0pz"
KEYS = {
    f"oauth.{k}"
    for k in [
        "links",
        "tiktok_v2",
        "tiktok_v1_legacy",
        "lookalike_endpoint",
        "client_key_valid",
        "client_key_placeholder",
        "uses_client_id",
        "scope_count",
        "scopes_read_only",
        "scopes_write",
        "unknown_scopes",
        "redirect_offsite",
        "redirect_uri_bad",
        "pkce",
        "state",
        "tiktok_v2_read_only",
        "is_consent_page",
    ]
}
V2 = "https://www.tiktok.com/v2/auth/authorize/"


def authorize(base: str = V2, **params: str) -> str:
    return base + "?" + urlencode(params, safe=",")


def feats(**snapshot) -> dict[str, int | float | str]:
    out = extract_features(Snapshot(**snapshot))
    return {k: v for k, v in out.items() if k.startswith("oauth.")}


def fired(f: dict) -> set[str]:
    return {k for k, v in f.items() if v}


def page(body: str, url: str = "https://app.example.com/connect") -> dict:
    return feats(url=url, html=f"<html><body>{body}</body></html>")


LEGIT = authorize(
    client_key=KEY,
    response_type="code",
    scope="user.info.basic,user.info.stats,video.list",
    redirect_uri="https://api.example.com/tiktok/callback",
    state="q8Jd2",
    code_challenge="E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM",
    code_challenge_method="S256",
)


def test_every_key_always_present_and_zero_on_a_plain_page():
    f = page("<p>Nothing to see</p><a href='/about'>about</a>")
    assert fired(f) == set()
    assert set(f) == KEYS
    assert set(oauth.DESCRIPTIONS) | set(oauth.BENIGN_DESCRIPTIONS) <= KEYS


def test_real_v2_link_with_read_scopes_and_pkce_is_the_benign_shape():
    f = page(f'<a href="{LEGIT}">Continue with TikTok</a>')
    assert f["oauth.tiktok_v2"] == 1
    assert f["oauth.tiktok_v2_read_only"] == 1
    assert f["oauth.pkce"] == 1 and f["oauth.state"] == 1
    assert f["oauth.client_key_valid"] == 1
    assert f["oauth.scope_count"] == 3 and f["oauth.scopes_read_only"] == 1
    assert f["oauth.lookalike_endpoint"] == 0 and f["oauth.unknown_scopes"] == 0
    # api.example.com and app.example.com share a registered domain.
    assert f["oauth.redirect_offsite"] == 0 and f["oauth.redirect_uri_bad"] == 0


def test_fake_authorize_on_lookalike_host_with_client_id_and_invented_scope():
    fake = authorize(
        "https://tiktok-viewers.xyz/oauth/authorize",
        client_id="123456",
        scope="user.info.basic,user.viewers",
        redirect_uri="http://tiktok-viewers.xyz/cb.php?x=1",
    )
    f = page(f'<a href="{fake}">Login with TikTok</a>', url="https://tiktok-viewers.xyz/")
    assert f["oauth.lookalike_endpoint"] == 1
    assert f["oauth.uses_client_id"] == 1
    assert f["oauth.unknown_scopes"] > 0
    assert f["oauth.redirect_uri_bad"] == 1
    assert f["oauth.tiktok_v2"] == 0 and f["oauth.tiktok_v2_read_only"] == 0


@pytest.mark.parametrize(
    "url",
    [
        authorize("https://www.tiktok.com.login-check.xyz/v2/auth/authorize/", client_key=KEY),
        authorize("https://www.tiktok.com@short.example/v2/auth/authorize/", client_key=KEY),
        authorize(
            "https://viewers.example/oauth/authorize", client_id="1", scope="user.info.basic"
        ),
        authorize("https://tlktok-auth.example/login", client_id="1", response_type="code"),
    ],
    ids=["brand-subdomain", "userinfo-trick", "tiktok-scope-offsite", "typo-host"],
)
def test_lookalike_variants(url):
    f = page(f'<a href="{url}">Connect</a>')
    assert f["oauth.lookalike_endpoint"] == 1
    assert f["oauth.tiktok_v2"] == 0


def test_other_providers_oauth_is_not_counted():
    google = authorize(
        "https://accounts.google.com/o/oauth2/v2/auth",
        client_id="123.apps.googleusercontent.com",
        scope="openid email",
        response_type="code",
    )
    f = page(f'<a href="{google}">Sign in with Google</a>')
    assert fired(f) == set()


@pytest.mark.parametrize("key", ["YOUR_CLIENT_KEY", "<client_key>", "xxx", "", "your-client-key"])
def test_placeholder_client_key(key):
    url = authorize(client_key=key, scope="user.info.basic", response_type="code")
    f = page(f'<a href="{url}">Login</a>')
    assert f["oauth.client_key_placeholder"] == 1
    assert f["oauth.client_key_valid"] == 0
    assert f["oauth.tiktok_v2_read_only"] == 0


def test_templated_key_in_script_is_not_a_placeholder():
    script = f"location.href = `{V2}?client_key=${{CLIENT_KEY}}&scope=user.info.basic`;"
    f = page(f"<script>{script}</script>")
    assert f["oauth.tiktok_v2"] == 1
    assert f["oauth.client_key_placeholder"] == 0 and f["oauth.client_key_valid"] == 0


def test_sandbox_key_is_valid():
    f = page(f'<a href="{authorize(client_key="sbawx3kd8f9qk2l0", scope="video.list")}">x</a>')
    assert f["oauth.client_key_valid"] == 1


def test_authorize_url_hidden_in_escaped_script_string():
    escaped = LEGIT.replace("/", "\\/").replace("&", "\\u0026")
    f = page(f'<script>var cfg = {{"login": "{escaped}"}};</script><p>Loading…</p>')
    assert f["oauth.tiktok_v2"] == 1 and f["oauth.pkce"] == 1
    assert f["oauth.tiktok_v2_read_only"] == 1


def test_script_built_url_takes_parameters_set_elsewhere():
    script = f"""
      const base = "{V2}?client_key=" + cfg.key;
      const params = {{ scope: "user.info.basic,video.publish", redirect_uri: "https://cb.other.example/r" }};
      window.location = base + "&" + new URLSearchParams(params);
    """
    f = page(f"<script>{script}</script>")
    assert f["oauth.tiktok_v2"] == 1
    assert f["oauth.scopes_write"] == 1 and f["oauth.scopes_read_only"] == 0
    assert f["oauth.redirect_offsite"] == 1
    # The key comes from code at run time: an empty value here is not a placeholder.
    assert f["oauth.client_key_placeholder"] == 0


def test_relative_location_assignment_to_fake_endpoint():
    script = 'window.location.href = "/oauth/authorize?client_id=9&scope=profile.visitors";'
    f = page(f"<script>{script}</script>", url="https://tiktok-stalker.example/")
    assert f["oauth.lookalike_endpoint"] == 1
    assert f["oauth.unknown_scopes"] == 1 and f["oauth.uses_client_id"] == 1


def test_form_with_hidden_inputs_becomes_parameters():
    form = f"""
      <form action="{V2}" method="get">
        <input type="hidden" name="client_key" value="{KEY}">
        <input type="hidden" name="scope" value="user.info.basic,comment.list.manage">
        <input type="hidden" name="redirect_uri" value="https://evil.example/steal">
        <input type="hidden" name="response_type" value="code">
        <button>Connect</button>
      </form>"""
    f = page(form)
    assert f["oauth.tiktok_v2"] == 1 and f["oauth.client_key_valid"] == 1
    assert f["oauth.scopes_write"] == 1
    assert f["oauth.redirect_offsite"] == 1
    assert f["oauth.tiktok_v2_read_only"] == 0


def test_meta_refresh_to_legacy_v1():
    target = authorize(
        "https://www.tiktok.com/auth/authorize/", client_key=KEY, scope="user.info.basic"
    )
    f = page(f'<meta http-equiv="refresh" content="0; url={target}">')
    assert f["oauth.tiktok_v1_legacy"] == 1 and f["oauth.tiktok_v2"] == 0
    assert f["oauth.tiktok_v2_read_only"] == 0


def test_legacy_open_api_host_in_iframe():
    target = authorize("https://open-api.tiktok.com/platform/oauth/connect/", client_key=KEY)
    f = page(f'<iframe src="{target}"></iframe>')
    assert f["oauth.tiktok_v1_legacy"] == 1


def test_redirect_chain_and_landing_url_are_searched():
    f = feats(url="https://short.example/x", redirects=[LEGIT], final_url="https://app.example/")
    assert f["oauth.tiktok_v2"] == 1
    listing = {"name": "Viewer", "landing_url": authorize(client_key="", scope="user.viewers")}
    f = feats(kind="app_listing", listing=listing)
    assert f["oauth.client_key_placeholder"] == 1 and f["oauth.unknown_scopes"] == 1


def test_bad_redirect_uri_shapes():
    for uri in ("http://app.example.com/cb", "https://app.example.com/cb?next=1", "x" * 600):
        url = authorize(client_key=KEY, scope="video.list", redirect_uri=uri)
        assert page(f'<a href="{url}">x</a>')["oauth.redirect_uri_bad"] == 1, uri


def test_consent_page_itself():
    f = feats(url=LEGIT.replace("api.example.com", "app.example.org"), html="<p>Authorize</p>")
    assert f["oauth.is_consent_page"] == 1
    # The consent page always redirects to the app: that is not "offsite" here.
    assert f["oauth.redirect_offsite"] == 0
    assert page(f'<a href="{LEGIT}">x</a>')["oauth.is_consent_page"] == 0


def test_lookalike_anywhere_spoils_the_benign_shape():
    fake = authorize("https://tiktok-auth.example/oauth/authorize", client_key=KEY)
    f = page(f'<a href="{LEGIT}">a</a><a href="{fake}">b</a>')
    assert f["oauth.tiktok_v2"] == 1 and f["oauth.lookalike_endpoint"] == 1
    assert f["oauth.tiktok_v2_read_only"] == 0
    assert f["oauth.links"] == 2


def test_links_count_is_capped_and_evidence_kept():
    body = "".join(
        f'<a href="{authorize(client_key=KEY, scope="video.list", state=str(i))}">{i}</a>'
        for i in range(20)
    )
    out = extract(Snapshot(url="https://app.example.com/", html=body))
    assert out.features["oauth.links"] == 5
    assert out.evidence["oauth.tiktok_v2"].startswith(V2)


_param = st.text(alphabet=st.characters(codec="utf-8"), max_size=30)


@settings(max_examples=50, deadline=None)
@given(
    st.dictionaries(
        st.sampled_from(
            [
                "client_key",
                "client_id",
                "scope",
                "redirect_uri",
                "state",
                "code_challenge_method",
                "x",
            ]
        ),
        _param,
    )
)
def test_odd_parameters_never_break_the_schema(params):
    url = authorize(**params)
    f = page(f'<a href="{url}">x</a><script>location = "{url}"</script>')
    assert set(f) == KEYS
    assert all(isinstance(v, int) for v in f.values())
    assert f["oauth.tiktok_v2"] == 1


def test_pkce_needs_s256():
    plain = authorize(client_key=KEY, code_challenge="abc", code_challenge_method="plain")
    assert page(f'<a href="{plain}">x</a>')["oauth.pkce"] == 0
    assert page(f'<a href="{authorize(client_key=KEY, state="s")}">x</a>')["oauth.pkce"] == 0
