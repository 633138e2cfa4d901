import json
import re
import time
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from detector.config import Settings
from detector.extract.parse import (
    MAX_ATTRIBUTE_NAMES,
    MAX_FORMATTING_WITH_ATTRIBUTES,
    MAX_TAG_ATTRIBUTES,
    MAX_TAG_NAMES,
    RECREATION_BUDGET,
    _formatting_read,
    _read_tags,
    decode_markup,
    formatting_tags,
    limit_attributes,
    limit_depth,
    limit_formatting,
    limit_recreation,
    page_from_text,
    parse_html,
    recreation_cost,
    rename_formatting,
    reveal_written_markup,
)

PAGE = """<!doctype html><html><head><title> Who  viewed
 your TikTok? </title><meta property="og:site_name" content="TikTok">
<meta http-equiv="refresh" content="5; url=https://next.example/go"></head>
<body><h1>Heading</h1><form action="login.php" method="POST">
<input name="username" placeholder="Username"><input type="password" name="pass">
<button type="submit">Log in</button></form>
<a href="https://a.example/x">Get viewers</a><iframe src="https://f.example/"></iframe>
<script>var x = "hidden text";</script><script src="https://cdn.example/s.js"></script>
<style>.a{color:red}</style><img src="logo.png" alt="TikTok logo"><p>Visible words.</p></body></html>"""


def test_collects_everything_in_one_pass():
    p = parse_html(PAGE)
    assert p.title == "Who viewed your TikTok?"
    assert p.meta["og:site_name"] == "TikTok" and p.meta_refresh == "https://next.example/go"
    assert len(p.forms) == 1 and p.forms[0].action == "login.php" and p.forms[0].method == "post"
    types = [i.type for i in p.forms[0].inputs]
    assert types == ["text", "password", "submit"]
    assert p.forms[0].inputs[2].label == "Log in"
    assert [i.type for i in p.inputs] == ["text", "password"]
    assert p.links[0].href == "https://a.example/x" and "Get viewers" in p.ctas
    assert p.iframes == ["https://f.example/"] and p.script_srcs == ["https://cdn.example/s.js"]
    assert p.scripts == ['var x = "hidden text";']
    assert p.images == [("logo.png", "TikTok logo")] and p.headings == ["Heading"]
    assert "Visible words." in p.text and "hidden text" not in p.text and "color" not in p.text


def test_decode_markup_paths():
    assert decode_markup("héllo".encode("latin-1"), "latin-1") == "héllo"
    meta = b'<meta charset="windows-1251">' + "Привет".encode("cp1251")
    assert "Привет" in decode_markup(meta)
    assert decode_markup("ok ✓".encode()) == "ok ✓"
    assert decode_markup(b"caf\xe9 cr\xe8me", "no-such-charset")  # falls back, never raises


def test_depth_limit_is_linear_and_keeps_text():
    deep = b"<div>" * 100_000 + b"deep text" + b"</div>" * 100_000
    t = time.perf_counter()
    out, changed = limit_depth(deep, 1000)
    assert changed and out.count(b"<div>") == 1000
    p = parse_html(deep)
    assert p.depth_limited and p.text == "deep text"
    assert time.perf_counter() - t < 10  # generous bound: unguarded lexbor needs ~20 s here


def test_shallow_pages_untouched():
    html = b"<p>a</p>" * 10
    assert limit_depth(html, 1000) == (html, False)


def test_caps_apply():
    s = Settings(max_html_bytes=1000, max_text_chars=50)
    p = parse_html("<p>" + "word " * 5000 + "</p>", s)
    assert p.truncated and len(p.text) <= 50
    assert page_from_text("  a\n\n b  ", s).text == "a b"


def test_lone_surrogates_and_nuls_do_not_crash():
    p = parse_html("<p>bad \ud800 char \x00 here</p>")
    assert "char" in p.text


_TAGS = ["a", "area", "form", "input", "button", "select", "textarea", "script", "img", "title",
         "meta", "iframe", "frame", "h1", "h2", "h3", "svg", "math", "template", "div", "p"]  # fmt: skip
_ATTRS = ['href="/x"', "href", 'src="s.js"', 'type="SUBMIT"', 'type="button"', 'type=" submit"',
          'type="text"', 'name="q"', 'value="Go"', 'alt="logo"', 'content="c"', 'name="refresh"',
          'action="/login.php"', 'role="button"', ""]  # fmt: skip


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.tuples(st.sampled_from(_TAGS), st.sampled_from(_ATTRS), st.sampled_from(["", "txt"]),
                  st.booleans()),
        max_size=30,
    )
)  # fmt: skip
def test_walk_and_css_collect_the_same_record(parts: list[tuple[str, str, str, bool]]) -> None:
    from selectolax.lexbor import LexborHTMLParser

    from detector.extract.parse import ParsedPage, _collect, can_walk

    markup = "".join(
        f"<{tag} {attr}>{text}" + (f"</{tag}>" if close else "") for tag, attr, text, close in parts
    ).encode()
    records = []
    for walk, walk_forms in ((False, False), (True, False), (False, True)):
        page = ParsedPage()
        _collect(LexborHTMLParser(markup), page, 10_000, walk, walk_forms)
        records.append(page)
    assert records[0] == records[1] or not can_walk(markup)
    # Form controls found by visiting each form's elements: the same wherever no SVG or MathML.
    foreign = b"<svg" in markup.lower() or b"<math" in markup.lower()
    assert records[0] == records[2] or foreign


def test_walk_matches_css_on_real_and_corpus_pages() -> None:
    from pathlib import Path

    from selectolax.lexbor import LexborHTMLParser

    from detector.extract.parse import ParsedPage, _collect

    root = Path(__file__).resolve().parents[1]
    pages = [p.read_bytes() for p in sorted((root / "data" / "handwritten").rglob("*.html"))]
    shared = root.parent / "shared" / "data" / "html-samples"
    pages += [p.read_bytes() for p in sorted(shared.rglob("*.html"))]
    for path in sorted((root / "data" / "corpus").glob("*.jsonl")):
        for line in path.open(encoding="utf-8"):
            html = json.loads(line).get("html")
            if html:
                pages.append(html.encode())
    checked = with_forms = 0
    for raw in pages:
        if b"<svg" in raw.lower() or b"<math" in raw.lower():
            continue  # ``can_walk`` rules these out (it also rules out large pages)
        records = []
        for walk, walk_forms in ((False, False), (True, False), (False, True)):
            page = ParsedPage()
            _collect(LexborHTMLParser(raw), page, 1_000_000, walk, walk_forms)
            records.append(page)
        assert records[0] == records[2]  # form controls by visiting: pages of any size
        with_forms += bool(records[0].forms)
        if b"role" in raw.lower():
            continue
        assert records[0] == records[1]
        checked += 1
    assert checked >= 200
    assert with_forms >= 50


def _limit_depth_by_loop(markup: bytes, max_depth: int) -> bytes:
    """The depth rule one tag at a time (the vectorised ``limit_depth`` must agree)."""
    from detector.extract.parse import _VOID, _tags

    depth, out, last = 0, [], 0
    for start, end, closing, name, selfclose in _tags(markup):
        if closing:
            keep = depth <= max_depth
            depth = max(depth - 1, 0)
        elif name.lower() in _VOID or selfclose:
            keep = depth < max_depth
        else:
            depth += 1
            keep = depth <= max_depth
        if not keep:
            out.append(markup[last:start])
            last = end
    out.append(markup[last:])
    return b"".join(out)


def test_vectorised_depth_limit_agrees_with_the_tag_by_tag_rule():
    import random

    rnd = random.Random(11)
    parts = [b"<div>", b"</div>", b"<br>", b"<img/>", b"</p>", b"<b class=x>", b"txt", b"</BR>"]
    parts += [b"<a href='/x'>", b"</a>", b"<INPUT>", b"<x-y>", b"<", b">"]
    for _ in range(40):
        n = rnd.randint(6_000, 12_000)
        weights = [rnd.random() for _ in parts]
        weights[0] *= 6  # mostly opening tags, so the limit is reached
        markup = b"".join(rnd.choices(parts, weights, k=n))
        for max_depth in (3, 50, 1000):
            out, changed = limit_depth(markup, max_depth, (10**6, 0))
            want = _limit_depth_by_loop(markup, max_depth)
            assert out == want
            assert changed == (want != markup)


# --- pages written by an encoded document.write -------------------------------------------------

_HIDDEN = (
    "<html><head><title>Fans for your account</title></head><body>"
    '<form action="save.php" method="post"><input name="user" placeholder="username">'
    '<input type="password" name="pass"></form></body></html>'
)


def _percent(text: str) -> str:
    return "".join(f"%{b:02X}" for b in text.encode())


def test_percent_encoded_page_is_revealed_after_its_script():
    markup = f"<p>before</p><script>document.write(unescape('{_percent(_HIDDEN)}'));</script>"
    out = reveal_written_markup(markup, 1_000_000)
    assert "%3C" not in out
    assert out.index("</script>") < out.index('<input type="password"')
    page = parse_html(out)
    assert [i.type for i in page.inputs] == ["text", "password"]
    assert page.title == "Fans for your account"


def test_base64_written_page_is_revealed():
    import base64

    payload = base64.b64encode(_HIDDEN.encode()).decode()
    page = parse_html(
        reveal_written_markup(f'<script>document.write(atob("{payload}"))</script>', 10**6)
    )
    assert any(i.type == "password" for i in page.inputs)


def test_other_markup_and_non_markup_payloads_are_left_alone():
    plain = "<p>document.write is mentioned here</p>"
    assert reveal_written_markup(plain, 10**6) is plain
    no_tag = f"<script>document.write(unescape('{_percent('just some words, no markup at all')}'))</script>"
    assert reveal_written_markup(no_tag, 10**6) is no_tag
    broken = '<script>document.write(atob("not*base64*at*all*but*long*enough*to*try"))</script>'
    assert reveal_written_markup(broken, 10**6) is broken


def test_revealed_markup_is_bounded():
    script = f"<script>document.write(unescape('{_percent(_HIDDEN)}'))</script>"
    out = reveal_written_markup(script + "<p>" + "x" * 5000 + "</p>", len(script) + 100)
    assert "<input" in out
    assert len(out) == len(script) + 100


def test_encoded_login_page_fires_the_credential_signals():
    from detector.extract.features import extract
    from detector.records import Snapshot

    markup = f"<script>document.write(unescape('{_percent(_HIDDEN)}'))</script>"
    f = extract(Snapshot(url="", html=markup)).features
    assert f["credential.password_fields"] == 1


def test_controls_and_links_are_the_records_their_constructors_make() -> None:
    """``_built`` skips the frozen ``__init__``: the objects must still equal, hash and read as
    constructed ones, with every field set (a new field would be missing here)."""
    import dataclasses

    from detector.extract.parse import Input, Link, parse_html

    page = parse_html(
        '<form action="/x"><input type="Email" name=" e " placeholder="Mail" value="v">'
        '<button aria-label="Go">Send</button><select name="s"></select></form>'
        '<a href="/a"> two  words </a><input type=submit value="OK">'
    )
    records = [*page.inputs, *page.forms[0].inputs, *page.links]
    assert len(page.inputs) == 3 and len(page.forms[0].inputs) == 3 and len(page.links) == 1
    for rec in records:
        cls = type(rec)
        assert cls in (Input, Link)
        names = [f.name for f in dataclasses.fields(cls)]
        made = cls(**{n: getattr(rec, n) for n in names})
        assert rec == made and hash(rec) == hash(made) and repr(rec) == repr(made)
        assert [k for k in vars(rec) if not k.startswith("_")] == names
    first = page.inputs[0]
    assert (first.type, first.name, first.placeholder) == ("email", "e", "Mail")
    assert first.descriptor == "email e mail" and first.descriptor is first.descriptor
    assert page.forms[0].inputs[1].label == "Go" and page.links[0].text == "two words"


def test_repeated_inputs_share_one_record_and_buttons_keep_their_own_text() -> None:
    from detector.extract.parse import Input, parse_html

    form = (
        '<form action="/login.php"><input name="u" placeholder="User">'
        '<input type="password" name="p"><button class="b">{}</button>'
        '<input type="submit" class="s"></form>'
    )
    page = parse_html(form.format("Log in") + form.format("Sign up") + '<input name="u">')
    assert len(page.forms) == 2 and len(page.inputs) == 7
    one, two = page.forms[0].inputs, page.forms[1].inputs
    assert one[0] is two[0] and one[1] is two[1] and one[3] is two[3]  # same attributes
    assert (one[2].label, two[2].label) == ("Log in", "Sign up")  # a button's text is its own
    assert page.inputs[-1] == Input(type="text", name="u") and page.inputs[-1] is not one[0]
    assert one[0] == Input(type="text", name="u", placeholder="User")


# -- attribute bombs -----------------------------------------------------------------------------

_FILLER = b"<p>" + b" ".join(b"w%d" % i for i in range(21_000)) + b"</p>"  # past the token gate


def _attrs(tree: Any, selector: str) -> list[dict[str, str | None]]:
    return [n.attributes for n in tree.css(selector)]


def test_a_tag_keeps_its_first_attributes_and_loses_the_rest() -> None:
    from selectolax.lexbor import LexborHTMLParser

    many = b" ".join(b"a%d='%d'" % (i, i) for i in range(MAX_TAG_ATTRIBUTES + 500))
    markup = b"<form action='/steal' " + many + b"><input type=password name=pw></form>" + _FILLER
    out, changed = limit_attributes(markup)
    assert changed
    (form,) = _attrs(LexborHTMLParser(out), "form")
    assert len(form) == MAX_TAG_ATTRIBUTES and form["action"] == "/steal"
    assert _attrs(LexborHTMLParser(out), "input") == [{"type": "password", "name": "pw"}]
    # What follows the tag is untouched.
    assert out.endswith(b"><input type=password name=pw></form>" + _FILLER)


def test_quoted_gt_signs_slashes_and_unspaced_values_do_not_hide_attributes() -> None:
    from selectolax.lexbor import LexborHTMLParser

    n = MAX_TAG_ATTRIBUTES + 300
    for attrs in (
        b"".join(b' a%d=">"' % i for i in range(n)),  # ">" inside quoted values
        b"/".join(b"a%d" % i for i in range(n)),  # "/" separates names as well as spaces do
        b"".join(b"a%d='x'" % i for i in range(n)),  # a name may follow a quoted value at once
        b"\x0b".join(b"a%d" % i for i in range(n)),  # vertical tab: part of a name to HTML
    ):
        out, _ = limit_attributes(b"<div " + attrs + b">x</div>" + _FILLER)
        (div,) = _attrs(LexborHTMLParser(out), "div")
        assert len(div) <= MAX_TAG_ATTRIBUTES, attrs[:40]


def test_distinct_attribute_and_tag_names_are_bounded_per_document() -> None:
    from selectolax.lexbor import LexborHTMLParser

    extra = 300
    tags = b"".join(b"<i a%d></i>" % i for i in range(MAX_ATTRIBUTE_NAMES + extra))
    out, changed = limit_attributes(tags + _FILLER)
    tree = LexborHTMLParser(out)
    names = {k for a in _attrs(tree, "i") for k in a}
    assert changed and len(names) == MAX_ATTRIBUTE_NAMES and "a0" in names
    assert len(tree.css("i")) == MAX_ATTRIBUTE_NAMES + extra  # the elements stay
    custom = b"".join(b"<t-%d>x</t-%d>" % (i, i) for i in range(MAX_TAG_NAMES + extra))
    out, changed = limit_attributes(custom + _FILLER)
    tree = LexborHTMLParser(out)
    # The filler's <p> is a new name past the bound as well.
    assert changed and len(tree.css("x-overflow")) == extra + 1
    assert tree.body is not None and tree.body.text().count("x") >= MAX_TAG_NAMES + extra


def test_a_comment_opened_where_lexbor_sees_text_hides_no_tag() -> None:
    from selectolax.lexbor import LexborHTMLParser

    # In a <title> (or <textarea>...) "<!--" is text: the tag after </title> is markup.
    many = b" ".join(b"a%d" % i for i in range(MAX_TAG_ATTRIBUTES + 100))
    markup = b"<title><!--</title><p " + many + b">x</p>-->" + _FILLER
    out, changed = limit_attributes(markup)
    (p, *_) = _attrs(LexborHTMLParser(out), "p")
    assert changed and len(p) == MAX_TAG_ATTRIBUTES


def test_scripts_before_svg_are_text_and_after_it_markup() -> None:
    many = b" ".join(b"a%d" % i for i in range(MAX_TAG_ATTRIBUTES + 50))
    script = b"<script>var s = '<b " + many + b">';</script>"
    out, changed = limit_attributes(script + _FILLER)
    assert (out, changed) == (script + _FILLER, False)  # minified code is not read as tags
    # In SVG a <script> holds markup to lexbor: from the first <svg on, scripts are read.
    out, changed = limit_attributes(b"<svg>" + script + b"</svg>" + _FILLER)
    assert changed and len(out) < len(script) + len(_FILLER)


def test_ordinary_pages_pass_untouched_and_are_marked_when_bounded() -> None:
    small = PAGE.encode()
    assert limit_attributes(small) == (small, False)
    assert limit_attributes(PAGE.encode() + _FILLER) == (PAGE.encode() + _FILLER, False)
    bomb = "<p " + " ".join(f"a{i}" for i in range(30_000)) + ">who viewed your profile</p>"
    page = parse_html(bomb)
    assert page.attributes_limited and "who viewed your profile" in page.text
    assert not parse_html(PAGE).attributes_limited


def _afe_bomb(n: int) -> bytes:
    return (
        b"".join(b"<b %d>" % i for i in range(n))
        + b"".join(b"<i %d>" % i for i in range(n))
        + b"x</b>" * n
    )


def test_formatting_tags_lose_their_attributes_past_the_bound_and_stay_in_the_text() -> None:
    from selectolax.lexbor import LexborHTMLParser

    bomb = _afe_bomb(MAX_FORMATTING_WITH_ATTRIBUTES)
    out, changed = limit_formatting(bomb)
    assert changed and out == b"<b >" * 64 + b"<i >" * 64 + b"x</b>" * 64
    # The parser's list of open formatting elements keeps three identical ones at most: the
    # tree no longer holds a copy of every <i> per text run.
    before = len(LexborHTMLParser(bomb).css("i"))
    after = len(LexborHTMLParser(out).css("i"))
    assert after * 10 < before
    text = LexborHTMLParser(out).body
    assert text is not None and text.text() == "x" * 64


def test_a_call_to_action_role_survives_and_other_tags_are_untouched() -> None:
    many = b"".join(b"<strong class='c%d'>w<br>" % i for i in range(100))  # left open
    markup = (
        many
        + b"<b role='Button' data-x=1>Continue<br></b><font color=red>x<p>y</p>"
        + b"<a href='/next' class='k'>next</a><div class=d>t</div><i class=icon></i>"
    )
    out, changed = limit_formatting(markup)
    assert changed
    assert b'<b role="button">Continue' in out and b"<font >x<p>" in out
    assert b"<strong >w<br>" in out and b"class='c" not in out
    # Links, other elements and formatting elements closed at once keep their attributes.
    assert b"<a href='/next' class='k'>next</a><div class=d>t</div><i class=icon></i>" in out
    page = parse_html(markup)
    assert page.attributes_limited and "Continue" in page.ctas


def test_formatting_elements_closed_at_once_are_not_counted_unless_a_comment_hides_the_end() -> (
    None
):
    closed = b"".join(b"<i class='icon-%d'></i><b id=b%d>x</b>" % (i, i) for i in range(200))
    assert limit_formatting(closed) == (closed, False)
    # The end tag inside a comment, or a bogus one (<?x>, <!x>), is no end tag to the parser.
    for hide in (b"<!--</i>-->", b"<?</i>?>", b"<!</i>>", b"</3</i>>"):
        hidden = b"".join(b"<i n=%d>" % i + hide for i in range(100))
        out, changed = limit_formatting(hidden)
        assert changed and b"n=" not in out, hide


_KINDS = [b"b", b"big", b"code", b"em", b"font", b"i", b"s", b"small", b"strike", b"strong", b"tt"]


def _recreated(runs: int, attrs: bytes = b"") -> bytes:
    """Three of each formatting element left open, closed over by ``</u>``, then paragraphs."""
    head = b"<u>" + b"".join(b"<%s%s>" % (k, attrs) * 3 for k in _KINDS) + b"x</u>"
    return head + b"<p>x</p>" * runs


def test_formatting_elements_recreated_past_the_budget_are_renamed_and_the_text_stays() -> None:
    from selectolax.lexbor import LexborHTMLParser

    bomb = _recreated(20_000)
    tags = bomb.count(b"<")
    assert recreation_cost(formatting_tags(bomb), tags) > RECREATION_BUDGET
    out, changed = limit_recreation(bomb, tags)
    assert changed and b"<x-big><x-big><x-big>" in out and b"x</x-u>" in out
    # The parser re-creates 33 elements in every paragraph of the bomb, none once renamed.
    assert len(LexborHTMLParser(bomb).css("big")) > 20_000 * 3
    assert len(LexborHTMLParser(out).css("x-big, big")) == 3
    before, after = LexborHTMLParser(bomb).body, LexborHTMLParser(out).body
    assert before is not None and after is not None and after.text() == before.text()
    # 33 elements of 256 attributes each: a small page, the same bound.
    many = _recreated(3_000, b" " + b" ".join(b"a%d" % i for i in range(256)))
    page = parse_html(many)
    assert page.attributes_limited and page.text.split() == ["x"] * 3_001
    assert not parse_html(PAGE).attributes_limited


def test_recreation_cost_counts_left_open_elements_three_of_a_kind_and_weighs_attributes() -> None:
    def cost(markup: bytes) -> int:
        return recreation_cost(formatting_tags(markup), 1_000)

    assert cost(b"<b>x</b><i class=icon></i><em>y</EM >") == 0  # closed at once
    assert cost(b"<b>x<br></b>") == 1_000  # the next tag is not its own end tag
    assert cost(b"<b>" * 10) == cost(b"<b>" * 3) == 3_000
    assert cost(b"<b id=1><b id=2><b id=3><b id=4>") == int(4 * 1_000 * (1 + 1 / 256))
    assert cost(b"<b>x<!--</b>-->") == 1_000  # an end tag in a comment is none
    # Attributes are read as the tokenizer reads them: a quoted ">" does not end the tag.
    quoted = b"<font title='>' " + b" ".join(b"a%d" % i for i in range(299)) + b">"
    assert cost(quoted) == int(1_000 * (1 + 300 * 300 / 256))
    assert formatting_tags(b"<B/>x</b><font\ncolor=red>") == [
        (b"B", b"/", b"</"),
        (b"font", b"\ncolor=red", b""),
    ]


def test_pages_under_the_recreation_budget_are_left_as_they_are() -> None:
    markup = b"<p><b>bold<br>" + b"<p>x</p>" * 5_000 + b"<i>a<b>b</b></i>"
    assert limit_recreation(markup, markup.count(b"<")) == (markup, False)
    page = PAGE.encode()
    assert limit_recreation(page, page.count(b"<")) == (page, False)


_FRAGMENTS = st.sampled_from(
    [b"<b", b"<i", b"<FONT", b"<u", b"</b>", b"</i>", b" x=1", b" t='>'", b' q=">', b"/", b"<",
     b">", b"<!--", b"-->", b"<script>", b"</script>", b"<svg>", b"text", b"'", b'"', b" ", b"<a",
     b"<div", b" t='", b"</B >", b"="]
)  # fmt: skip


@settings(max_examples=150, deadline=None)
@given(st.lists(_FRAGMENTS, max_size=40).map(b"".join))
def test_the_formatting_count_is_never_below_what_the_tag_reader_finds(markup: bytes) -> None:
    found = formatting_tags(markup)
    attributed = sum(1 for _, attrs, _ in found if attrs)
    read = [
        tag
        for tag in _read_tags(markup)
        if not tag.group(1) and tag.group(2).lower() in {*_KINDS, b"u"} and tag.group(3)
    ]
    assert attributed >= len(read)
    # So the count given to limit_formatting skips its reading only where nothing would change.
    assert limit_formatting(markup, attributed) == limit_formatting(markup)
    # The pattern's cost is never below the tag reader's (their elements, three of a kind).
    assert recreation_cost(found, 1_000) >= recreation_cost(_formatting_read(markup), 1_000)


@settings(max_examples=150, deadline=None)
@given(
    st.lists(_FRAGMENTS | st.sampled_from([b"<big", b"</tt\x0c", b"<bx>", b"<<s>"]), max_size=40)
)
def test_renaming_inserts_x_before_every_formatting_tag_name(parts: list[bytes]) -> None:
    markup = b"".join(parts)
    names = b"|".join(sorted({*_KINDS, b"u"}, key=len, reverse=True))
    # One pattern with a template, the plain statement of the rule (4x slower in Python 3.11).
    reference = re.sub(
        rb"<(/?)(" + names + rb")(?=[\t\n\x0c\r />])", rb"<\1x-\2", markup, flags=re.I
    )
    assert rename_formatting(markup) == reference


def test_a_page_renamed_for_recreation_is_not_read_again_for_its_attributes(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from detector.extract import parse

    calls: list[bytes] = []

    def spy(markup: bytes, attributed: int | None = None) -> tuple[bytes, bool]:
        calls.append(markup)
        return limit_formatting(markup, attributed)

    monkeypatch.setattr(parse, "limit_formatting", spy)
    # Blocks of distinct open formatting elements: over both bounds. Renamed, none is left for
    # limit_formatting to read, and dropping attributes first could only have lowered the cost.
    blocks = b"".join(b"<b %d>" % i for i in range(200)) + b"".join(
        b"<i %d>" % i for i in range(200)
    )
    bomb = (blocks + b"x</b>" * 200 + b"</i>" * 200) * 4
    assert recreation_cost(formatting_tags(bomb), bomb.count(b"<")) > RECREATION_BUDGET
    page = parse_html(bomb)
    assert page.attributes_limited and calls == [] and page.text.split() == ["x"] * 800
    # Under the re-creation budget the attribute bound still runs, and fires.
    assert parse_html(blocks + b"x</b>").attributes_limited and len(calls) == 1


def test_few_formatting_tags_with_attributes_are_left_as_they_are() -> None:
    markup = b"".join(b"<em class='c%d'>w</em>" % i for i in range(MAX_FORMATTING_WITH_ATTRIBUTES))
    assert limit_formatting(markup) == (markup, False)
