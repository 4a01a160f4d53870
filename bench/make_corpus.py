"""Build the labelled extraction corpus (HTML + gold body + copied plain texts).

Reads public test sets from bare git mirrors given on the command line; nothing is downloaded.
Each page gets the plain text a person would copy from it, by several converters, so a
boilerplate classifier for plain text can be trained and scored. Deterministic: same mirrors,
same output. Run with a venv holding html2text, inscriptis, lxml, selenium (see SOURCES.md):

    python bench/make_corpus.py --mozilla M --newspaper N --merged J --l3s L --msv S
"""

from __future__ import annotations

import argparse
import codecs
import contextlib
import hashlib
import json
import lzma
import re
import subprocess
import sys
import tempfile
import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

HELDOUT_PERCENT = 30
MAX_PAGES_PER_SITE = 12
MIN_GOLD_WORDS = 40
BLOCK_TAGS = {
    "address", "article", "aside", "blockquote", "body", "br", "caption", "center", "dd",
    "details", "dialog", "div", "dl", "dt", "fieldset", "figcaption", "figure", "footer",
    "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "html", "li", "main", "nav",
    "ol", "p", "pre", "section", "summary", "table", "tbody", "td", "tfoot", "th", "thead",
    "tr", "ul",
}  # fmt: skip
SKIP_TAGS = {"script", "style", "noscript", "template", "head", "title", "iframe", "svg"}
TWO_LEVEL = {"co", "com", "org", "net", "ac", "gov", "edu", "ne", "or", "go", "nic", "gob"}
MOZILLA_HOSTS = {
    "aclu": "aclu.org", "aktualne": "aktualne.cz", "archive-of-our-own": "archiveofourown.org",
    "ars": "arstechnica.com", "bbc": "bbc.co.uk", "blogger": "blogspot.com",
    "breitbart": "breitbart.com", "buzzfeed": "buzzfeed.com", "citylab": "citylab.com",
    "cnet": "cnet.com", "cnn": "cnn.com", "daringfireball": "daringfireball.net",
    "dropbox-blog": "dropbox.com", "ebb-org": "ebb.org", "ehow": "ehow.com",
    "engadget": "engadget.com", "firefox-nightly-blog": "mozilla.org", "folha": "uol.com.br",
    "gitlab-blog": "gitlab.com", "gmw": "gmw.cn", "google-sre-book": "sre.google",
    "guardian": "theguardian.com", "heise": "heise.de", "herald-sun": "heraldsun.com.au",
    "hukumusume": "hukumusume.com", "iab": "iab.com", "ietf": "ietf.org",
    "la-nacion": "nacion.com", "lemonde": "lemonde.fr", "liberation": "liberation.fr",
    "lifehacker-post-comment-load": "lifehacker.com", "lifehacker-working": "lifehacker.com",
    "lwn": "lwn.net", "medicalnewstoday": "medicalnewstoday.com", "medium": "medium.com",
    "mercurial": "mercurial-scm.org", "mozilla": "mozilla.org", "msn": "msn.com",
    "nytimes": "nytimes.com", "pixnet": "pixnet.net", "qq": "qq.com",
    "quanta": "quantamagazine.org", "royal-road": "royalroad.com", "salon": "salon.com",
    "seattletimes": "seattletimes.com", "simplyfound": "simplyfound.com",
    "spiceworks": "spiceworks.com", "telegraph": "telegraph.co.uk", "theverge": "theverge.com",
    "tmz": "tmz.com", "topicseed": "topicseed.com", "tumblr": "tumblr.com",
    "v8-blog": "v8.dev", "wapo": "washingtonpost.com", "webmd": "webmd.com",
    "wikia": "fandom.com", "wikipedia": "wikipedia.org", "wordpress": "wordpress.com",
    "yahoo": "yahoo.com", "youth": "youth.gov",
}  # fmt: skip


@dataclass
class Page:
    """One labelled page before conversion."""

    id: str
    source: str
    path: str
    url: str | None
    title: str | None
    html: str
    gold: str
    site: str = ""
    split: str = ""
    texts: dict[str, str] = field(default_factory=dict)


class Mirror:
    """Read files of one commit of a bare git mirror."""

    def __init__(self, git_dir: str) -> None:
        self.git_dir = git_dir
        self.commit = self._git("rev-parse", "HEAD").decode().strip()
        self.repo = Path(git_dir).parent.name.replace("+", "/", 1)

    def _git(self, *args: str) -> bytes:
        return subprocess.run(
            ["git", "--git-dir", self.git_dir, *args], check=True, capture_output=True
        ).stdout

    def ls(self, prefix: str) -> list[str]:
        out = self._git("ls-tree", "-r", "-z", "--name-only", self.commit, "--", prefix)
        return sorted(p for p in out.decode().split("\0") if p)

    def read(self, path: str) -> bytes:
        return self._git("cat-file", "blob", f"{self.commit}:{path}")

    def exists(self, path: str) -> bool:
        return bool(self.ls(path))


# ---------------------------------------------------------------- text helpers


def decode_html(data: bytes) -> str:
    """Bytes to text: BOM, then a declared charset, then UTF-8, then cp1252."""
    for bom, enc in ((codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16")):
        if data.startswith(bom):
            return data[len(bom) :].decode(enc, "replace")
    m = re.search(rb"""<meta[^>]+charset\s*=\s*["']?\s*([\w-]+)""", data[:8192], re.I)
    if m:
        name = m.group(1).decode("ascii", "ignore").lower()
        name = {"gb2312": "gb18030", "gbk": "gb18030", "iso-8859-1": "cp1252"}.get(name, name)
        try:
            return data.decode(name)
        except (LookupError, UnicodeDecodeError):
            pass
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("cp1252", "replace")


def paragraphs(text: str) -> str:
    """One paragraph per non-empty line, blank line between, spaces collapsed."""
    lines = (re.sub(r"\s+", " ", ln).strip() for ln in text.splitlines())
    return "\n\n".join(ln for ln in lines if ln)


def linearize(root, keep=None) -> str:
    """Text of an lxml tree with block boundaries as paragraph breaks.

    With `keep`, only text inside elements for which keep(el) is true is emitted.
    """
    out: list[str] = []

    def walk(el, kept: bool) -> None:
        tag = el.tag if isinstance(el.tag, str) else ""
        if tag.lower() in SKIP_TAGS or "x-nc-invisible" in (el.get("class") or ""):
            if el.tail and kept:
                out.append(el.tail)
            return
        inner = kept or (keep is not None and keep(el))
        block = tag.lower() in BLOCK_TAGS
        if block:
            out.append("\n")
        if el.text and inner and isinstance(el.tag, str):
            out.append(el.text)
        for child in el:
            walk(child, inner)
        if block:
            out.append("\n")
        if el.tail and kept:
            out.append(el.tail)

    walk(root, keep is None)
    return paragraphs("".join(out))


def parse(html: str):
    import lxml.html

    html = re.sub(r"^\s*<\?xml[^>]*>", "", html)
    try:
        return lxml.html.document_fromstring(html)
    except Exception:
        return None


def page_url(html: str) -> str | None:
    """The page's own URL as the page declares it."""
    m = re.search(r"<!-- saved from url=\(\d+\)(\S+?) ?-->", html[:2000])
    if m and m.group(1).startswith("http"):
        return m.group(1)
    tree = parse(html)
    if tree is None:
        return None
    for xp in (
        "//meta[@property='og:url']/@content",
        "//link[@rel='canonical']/@href",
        "//meta[@name='twitter:url']/@content",
        "//meta[@property='twitter:url']/@content",
        "//base/@href",
    ):
        for val in tree.xpath(xp):
            val = val.strip()
            if val.startswith(("http://", "https://")):
                return val
    return None


def registrable(host: str) -> str:
    """Registrable domain by a small heuristic (no public-suffix download)."""
    labels = host.lower().strip(".").split(".")
    if labels and labels[0] == "www":
        labels = labels[1:]
    if len(labels) >= 3 and len(labels[-1]) == 2 and labels[-2] in TWO_LEVEL:
        return ".".join(labels[-3:])
    return ".".join(labels[-2:])


def tokens(text: str) -> list[str]:
    return re.findall(r"\w+", text)


# ---------------------------------------------------------------- sources


def from_mozilla(m: Mirror) -> list[Page]:
    """Readability's test pages from real sites (tiny synthetic unit-test pages skipped)."""
    pages = []
    names = sorted({p.split("/")[2] for p in m.ls("test/test-pages")})
    for name in names:
        base = f"test/test-pages/{name}"
        raw = m.read(f"{base}/source.html")
        if len(raw) < 4000:
            continue
        html = decode_html(raw)
        tree = parse(m.read(f"{base}/expected.html").decode("utf-8"))
        meta = json.loads(m.read(f"{base}/expected-metadata.json"))
        url = page_url(html)
        site = registrable(urlsplit(url).hostname or "") if url else ""
        if not site:
            stem = re.sub(r"-\d+$", "", name)
            site = MOZILLA_HOSTS.get(stem) or MOZILLA_HOSTS.get(name) or f"{stem}.unknown"
        pages.append(
            Page(f"mozilla/{name}", m.repo, base, url, meta.get("title"), html,
                 linearize(tree), site=site)
        )  # fmt: skip
    return pages


def from_newspaper(m: Mirror) -> list[Page]:
    """newspaper's regression pages: saved HTML and its full expected text."""
    pages = []
    for path in m.ls("tests/data/html"):
        stem = Path(path).stem
        text_path = f"tests/data/text/{stem}.txt"
        if not m.exists(text_path):
            continue
        html = decode_html(m.read(path))
        gold = paragraphs(m.read(text_path).decode("utf-8", "replace"))
        url = page_url(html)
        site = registrable(re.sub(r"\d+$", "", stem))
        pages.append(Page(f"newspaper/{stem}", m.repo, path, url, None, html, gold, site=site))
    return pages


# Dragnet's gold files mark where the comments begin with a typed line, "!@#$%^&*()  COMMENTS"
# in most, with its symbols and spaces varied by hand in some.
_DRAGNET_COMMENTS = re.compile(r"^[!@#$%^&*()\s]+COMMENTS\s*$", re.M)


def from_dragnet(m: Mirror) -> list[Page]:
    """Dragnet's corrected gold (body part, comments dropped) as merged by j-szulc."""
    pages = []
    for path in m.ls("dragnet_data/input"):
        if not path.endswith(".html"):
            continue
        stem = Path(path).stem
        gold_path = f"dragnet_data/GoldStandard/{stem}.txt"
        if not m.exists(gold_path):
            continue
        gold = _DRAGNET_COMMENTS.split(m.read(gold_path).decode("utf-8", "replace"))[0]
        html = decode_html(m.read(path))
        url = page_url(html)
        pages.append(Page(f"dragnet/{stem}", m.repo, path, url, None, html, paragraphs(gold)))
    return pages


def from_l3s(m: Mirror) -> list[Page]:
    """L3S-GN1 news pages; gold is the text the assessors labelled 'full text' (sel2)."""
    base = "L3S-GN1-20100130203947-00001"
    urls = {}
    for line in m.read(f"{base}/url-mapping.txt").decode().splitlines():
        if "\t" in line:
            uid, url = line.split("\t", 1)
            urls[uid.strip("<>").removeprefix("urn:uuid:")] = url.strip()
    pages = []
    for path in m.ls(f"{base}/original"):
        uid = Path(path).stem
        annotated = decode_html(m.read(f"{base}/annotated/{uid}.html"))
        tree = parse(annotated)
        if tree is None:
            continue
        gold = linearize(tree, keep=lambda el: "x-nc-sel2" in (el.get("class") or ""))
        title = linearize(tree, keep=lambda el: "x-nc-sel1" in (el.get("class") or ""))
        title = title.split("\n\n")[0] if title else None
        html = decode_html(m.read(path))
        pages.append(Page(f"l3s-gn1/{uid}", m.repo, path, urls.get(uid), title, html, gold))
    return pages


def from_msv(m: Mirror) -> list[Page]:
    """Utomo & Leu's Big5 and Chaos extraction sets (gold starts with the headline)."""
    pages = []
    for path in m.ls("Extraction"):
        if "/html/" not in path:
            continue
        gold_path = path.replace("/html/", "/gold/").rsplit(".", 1)[0] + ".txt"
        if not m.exists(gold_path):
            continue
        html = decode_html(m.read(path))
        gold = paragraphs(decode_html(m.read(gold_path)))
        part = path.split("/")[1]
        pid = f"msv/{part}/{Path(path).stem.replace(' ', '')}"
        pages.append(Page(pid, m.repo, path, page_url(html), None, html, gold))
    return pages


LICENSES = {
    "mozilla/readability": "Apache-2.0",
    "codelucas/newspaper": "MIT",
    "j-szulc/html-cleaning-dataset-merged": "none stated (dragnet_data: seomoz, see repo)",
    "geodrome/page-signal": "L3S-GN1: research use only (Readme-L3S-GN1.txt)",
    "MSVCode/ir-research-data": "README: only for research purpose",
}


# ---------------------------------------------------------------- selection


def finish(pages: list[Page]) -> list[Page]:
    """Sites, dedupe, per-site cap, split by site hash."""
    kept: list[Page] = []
    seen_urls: set[str] = set()
    seen_gold: set[str] = set()
    per_site: dict[str, int] = defaultdict(int)
    for p in pages:
        if not p.site:
            host = urlsplit(p.url).hostname if p.url else None
            p.site = registrable(host) if host else f"{p.id.split('/')[0]}.unknown"
        words = tokens(p.gold)
        if len(words) < MIN_GOLD_WORDS:
            continue
        key_url = re.sub(r"^https?://(www\.)?|[#?].*$|/$", "", p.url or "") or p.id
        key_gold = hashlib.sha1(" ".join(words[:60]).encode()).hexdigest()
        if key_url in seen_urls or key_gold in seen_gold:
            continue
        if per_site[p.site] >= MAX_PAGES_PER_SITE:
            continue
        seen_urls.add(key_url)
        seen_gold.add(key_gold)
        per_site[p.site] += 1
        h = int(hashlib.sha256(f"site:{p.site}".encode()).hexdigest(), 16)
        p.split = "heldout" if h % 100 < HELDOUT_PERCENT else "train"
        kept.append(p)
    return kept


# ---------------------------------------------------------------- converters


def for_browser(html: str) -> str:
    """The page without scripts, refreshes or frames, so nothing runs or navigates."""
    html = re.sub(r"(?is)<script\b.*?</script\s*>", "", html)
    html = re.sub(r"(?is)<(iframe|frame|object|embed)\b.*?(</\1\s*>|/>)", "", html)
    html = re.sub(r"(?is)<meta[^>]+http-equiv\s*=\s*[\"']?refresh[^>]*>", "", html)
    html = re.sub(r"(?is)<meta[^>]+charset[^>]*>", "", html)
    return html


def convert_html2text(html: str) -> str:
    import html2text

    h = html2text.HTML2Text()
    h.body_width = 0
    return h.handle(html)


def convert_inscriptis(html: str) -> str:
    from inscriptis import get_text

    return get_text(html)


def convert_lxml(html: str) -> str:
    tree = parse(html)
    if tree is None:
        return ""
    for bad in tree.xpath("//script|//style|//noscript|//template"):
        bad.drop_tree()
    body = tree.find("body")
    return (body if body is not None else tree).text_content()


class Chromium:
    """Headless Debian chromium, no network, page scripts removed; copied text = innerText."""

    def __init__(self) -> None:
        from selenium import webdriver
        from selenium.webdriver.chrome.service import Service

        self.profile = tempfile.TemporaryDirectory(prefix="corpus-chromium-")
        self.tmp = Path(self.profile.name) / "page.html"
        opts = webdriver.ChromeOptions()
        opts.binary_location = "/usr/bin/chromium"
        for arg in (
            "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
            "--disable-background-networking", "--disable-component-update", "--disable-sync",
            "--disable-extensions", "--disable-default-apps", "--mute-audio",
            "--proxy-server=127.0.0.1:9", "--proxy-bypass-list=<-loopback>",
            "--blink-settings=imagesEnabled=false", "--window-size=1280,1024",
            f"--user-data-dir={self.profile.name}/profile",
        ):  # fmt: skip
            opts.add_argument(arg)
        opts.page_load_strategy = "eager"
        self.driver = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=opts)
        self.driver.set_page_load_timeout(20)

    def __call__(self, html: str) -> str:
        self.tmp.write_bytes(codecs.BOM_UTF8 + for_browser(html).encode("utf-8", "replace"))
        with contextlib.suppress(Exception):  # a timeout: take what has rendered
            self.driver.get(self.tmp.as_uri())
        return (
            self.driver.execute_script("return document.body ? document.body.innerText : '';") or ""
        )

    def close(self) -> None:
        self.driver.quit()
        self.profile.cleanup()


def clean_text(text: str) -> str:
    text = unicodedata.normalize("NFC", text.replace("\r\n", "\n").replace("\xa0", " "))
    return re.sub(r"\n{3,}", "\n\n", text).strip()


def convert_all(pages: list[Page], names: list[str], cache_dir: Path) -> None:
    """Fill page.texts; results cached by HTML hash so a rerun only adds what is missing."""
    fns = {"html2text": convert_html2text, "inscriptis": convert_inscriptis, "lxml": convert_lxml}
    browser = None
    for name in names:
        cache_file = cache_dir / f"{name}.jsonl"
        cache: dict[str, str] = {}
        if cache_file.exists():
            for line in cache_file.read_text().splitlines():
                rec = json.loads(line)
                cache[rec["k"]] = rec["t"]
        with cache_file.open("a") as fh:
            for i, p in enumerate(pages):
                key = hashlib.sha1(p.html.encode("utf-8", "replace")).hexdigest()
                if key not in cache:
                    if name == "chromium" and browser is None:
                        browser = Chromium()
                    fn = browser if name == "chromium" else fns[name]
                    try:
                        cache[key] = clean_text(fn(p.html))
                    except Exception as exc:
                        print(f"{name} failed on {p.id}: {exc}", file=sys.stderr)
                        cache[key] = ""
                    fh.write(json.dumps({"k": key, "t": cache[key]}) + "\n")
                    if i % 100 == 0:
                        print(f"{name}: {i}/{len(pages)}", file=sys.stderr, flush=True)
                p.texts[name] = cache[key]
    if browser is not None:
        browser.close()


# ---------------------------------------------------------------- output


def record(p: Page) -> dict:
    return {
        "id": p.id, "source": p.source, "path": p.path, "site": p.site, "split": p.split,
        "url": p.url, "title": p.title, "html": p.html, "gold": p.gold, "texts": p.texts,
    }  # fmt: skip


def write(pages: list[Page], out: Path, max_bytes: int) -> list[Page]:
    """Write xz JSONL; drop the biggest pages (by a quick per-page estimate) until it fits."""
    lines = {p.id: json.dumps(record(p), ensure_ascii=False) + "\n" for p in pages}
    est = {k: len(lzma.compress(v.encode("utf-8"), preset=1)) * 0.75 for k, v in lines.items()}
    budget = max_bytes
    while True:
        by_size = sorted(pages, key=lambda p: (est[p.id], p.id))
        total, keep = 0.0, set()
        for p in by_size:
            if total + est[p.id] > budget:
                break
            total += est[p.id]
            keep.add(p.id)
        chosen = [p for p in pages if p.id in keep]
        data = "".join(lines[p.id] for p in chosen).encode("utf-8")
        packed = lzma.compress(data, preset=9)
        print(f"{len(chosen)} pages, {len(packed)} bytes", file=sys.stderr, flush=True)
        if len(packed) <= max_bytes:
            out.write_bytes(packed)
            return chosen
        budget *= 0.9 * max_bytes / len(packed)


def summary(pages: list[Page], mirrors: dict[str, Mirror]) -> str:
    lines = ["| source | commit | license | pages train | pages heldout | sites train | "
             "sites heldout |", "|---|---|---|---|---|---|---|"]  # fmt: skip
    for repo in [*sorted({p.source for p in pages}), "ALL"]:
        sel = [p for p in pages if repo in ("ALL", p.source)]
        cnt = {s: [p for p in sel if p.split == s] for s in ("train", "heldout")}
        commit = next((m.commit for m in mirrors.values() if m.repo == repo), "")
        lines.append(
            f"| {repo} | {commit[:12]} | {LICENSES.get(repo, '')} | {len(cnt['train'])} | "
            f"{len(cnt['heldout'])} | {len({p.site for p in cnt['train']})} | "
            f"{len({p.site for p in cnt['heldout']})} |"
        )
    return "\n".join(lines)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--mozilla", help="mozilla/readability git dir")
    ap.add_argument("--newspaper", help="codelucas/newspaper git dir")
    ap.add_argument("--merged", help="j-szulc/html-cleaning-dataset-merged git dir (dragnet)")
    ap.add_argument("--l3s", help="geodrome/page-signal git dir (L3S-GN1)")
    ap.add_argument("--msv", help="MSVCode/ir-research-data git dir")
    ap.add_argument("--converters", default="html2text,inscriptis,lxml,chromium")
    ap.add_argument("--out", default=str(Path(__file__).parent / "corpus" / "pages.jsonl.xz"))
    ap.add_argument("--cache", default=str(Path(tempfile.gettempdir()) / "corpus-cache"))
    ap.add_argument("--max-mb", type=float, default=25.0)
    args = ap.parse_args()
    readers = [
        ("mozilla", from_mozilla), ("newspaper", from_newspaper), ("l3s", from_l3s),
        ("msv", from_msv), ("merged", from_dragnet),
    ]  # fmt: skip
    mirrors: dict[str, Mirror] = {}
    pages: list[Page] = []
    for arg, reader in readers:
        if getattr(args, arg):
            mirrors[arg] = Mirror(getattr(args, arg))
            got = reader(mirrors[arg])
            print(f"{arg}: {len(got)} pages read", file=sys.stderr)
            pages += got
    pages = finish(pages)
    print(f"{len(pages)} pages after dedupe and caps", file=sys.stderr)
    cache = Path(args.cache)
    cache.mkdir(parents=True, exist_ok=True)
    convert_all(pages, args.converters.split(","), cache)
    out = Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    pages = write(pages, out, int(args.max_mb * 2**20))
    print(summary(pages, mirrors))


if __name__ == "__main__":
    main()
