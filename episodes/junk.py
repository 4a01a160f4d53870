"""Recognise lines a listener must never hear: share buttons, comment forms, cookie notices.

Conservative by design: a rule only matches a whole short line whose every word belongs to
the junk it names, so a real paragraph is never dropped; each drop names its rule. Prose
that merely talks about sharing, cookies or comments ends like a sentence and says more
than the button does, so it falls outside every pattern (tests/test_junk.py and
tests/test_corpus.py list such sentences; tests/corpus holds real pages).

Rules judge one block; episodes/paragraphs.py makes sure each line of stacked chrome is a
block of its own, and episodes/boilerplate.py (the learned classifier) judges what no
phrase matches. `appeal_rule` is the one rule for longer paragraphs: a publication asking
its readers for money or sign-ups, in sentences of its own words.
"""

from __future__ import annotations

import re

MAX_JUNK_CHARS = 220
# A PHP warning names a file path and a function; it may run longer than other chrome.
MAX_SERVER_ERROR_CHARS = 600
# After a "Read more" lead, this share of the rest must be link text for it to be a link.
LINKED_REST_SHARE = 0.7

_SOCIAL = (
    r"facebook|twitter|x|linkedin|instagram|pinterest|reddit|whatsapp|telegram|tiktok|"
    r"youtube|mastodon|bluesky|threads|tumblr|email|e-mail|print|copy link|flipboard|pocket"
)
# "Share" as a lone button label in the languages of the corpus (cs, de, es, fr, it, nl, pl).
_SHARE_WORDS = r"sdílet|sdílejte|teilen|compartir|partager|condividi|delen|udostępnij"
# Links to another article put between paragraphs: "Read more: <headline>".
_RELATED_LEADS = (
    r"read more|related|see also|also read|read also|more on this story|lire aussi"
    r"|à lire aussi|lesen sie auch|mehr zum thema|čtěte také|czytaj też|czytaj także"
    r"|lee también"
)
# A full stop inside a headline ends no sentence: "U.S.", "J. Smith", "Dr.", "$13.4bn".
_ABBREVIATION = (
    r"(?:[^\W\d_]\.){2,}|[A-Z]\.|(?:Mr|Mrs|Ms|Dr|St|Mt|No|vs|Jr|Sr|Inc|Ltd|Co|Corp|Gov|Sen"
    r"|Rep|Gen|Prof|Rev|Capt|Col|Lt|Sgt|Jan|Feb|Aug|Sept|Oct|Nov|Dec)\."
)
_WORD = (
    rf"(?:{_ABBREVIATION}|[^\s.!?]+(?:\.[^\s.!?]+)*)"  # a dot inside it, or after an abbreviation
)
# One phrase, as a linked headline is: no sentence ends in it, nor does it end in a full
# stop (a headline rarely does, a sentence does); "?" and "!" may end it.
_HEADLINE = rf"(?=.{{1,120}}$)(?P<headline>{_WORD}(?:\s+{_WORD})*(?:[?!…]|\.\.\.)?(?:\s*[»›→])?)"
_RELATED_LINE = re.compile(rf"(?i:{_RELATED_LEADS})\s*:\s*{_HEADLINE}")
# On a page, the lead alone is enough when link text follows it, whatever its punctuation.
_RELATED_LEAD = re.compile(rf"(?i:{_RELATED_LEADS})\b\s*[:|»›→–—-]?\s*")
_ITEMS = r"[^.!?|]{1,120}"  # a list of categories or tags, no sentence in it

RULES: list[tuple[str, re.Pattern[str]]] = [
    (
        "server error",
        re.compile(
            r"(php )?(warning|notice|deprecated|fatal error|parse error|strict standards)\s*:"
            r".* in \S*[/\\.]\S* on line \d+\.?",  # PHP names the file: "in /x.php on line 12"
        ),
    ),
    (
        "share prompt",
        re.compile(
            r"(share( this| the)?( article| story| post| page)?|share on .{1,20}|click to share"
            r".{0,60}|tweet( this)?|pin it|email this( article)?|sharing is caring)[\s:!.…]*"
            rf"|({_SHARE_WORDS})[\s:]*"
            r"|(like )?loading(\.\.\.|…)"  # the WordPress like button before its script runs
            r"|follow( us| me)?[\s:!]*"
            # "Enjoyed this? Forward it to a friend": the ask under a newsletter issue.
            r"|(enjoyed|liked|loved) (this|reading this)( post| issue| article| newsletter)?\?"
            r" (please )?(forward|share|pass) (it|this)\b.{0,80}",
        ),
    ),
    (
        "social links",
        re.compile(
            rf"((follow|find|join|connect with) (us|me)( on| at)?[\s:]*)?"
            rf"(({_SOCIAL})(\s*\(\s*({_SOCIAL})\s*\))?(\s*[|,•·/]\s*|\s+|$)){{2,}}"
            rf"|follow (us|me)( on)? ({_SOCIAL})((,| and| &| or) ({_SOCIAL}))*[.!]*",
        ),
    ),
    (
        "comment form",
        re.compile(
            r"(leave a (reply|comment)( cancel reply)?|post (a )?comment|add (a )?comment"
            r"|\d+ comments?|comments?"
            r"|your email address will not be published\.?.*|required fields are marked.*"
            r"|save my name, email,? and website.*|cancel reply|(log in to )?reply"
            r"|discussion about this post|you must be logged in to post a comment"
            r"|join the (conversation|discussion)|(show|view|load|read|see) (all |more )?(\d+ )?"
            r"comments?|comments? (are|have been) closed\.?|(\d+ )?(readers? )?comments? \(\d+\)"
            r"|notify me of (follow-up comments|new comments|new posts)( by| via) e-?mail"
            r"|(comment|name|e-?mail|website)\s*\*)[\s:.]*"
            # Akismet's notice, and its honeypot label "Δ" that copies along with the form.
            r"|this site uses akismet to reduce spam\..{0,80}|δ"
            # The heading over the comments: 3 thoughts on “Title”, One response to "Title".
            r"|(\d+|one|two|three|four|five|six|seven|eight|nine|ten) (thoughts?|responses?"
            r"|comments?|replies|reactions?) (on|to) [“\"'‘«].{1,150}[”\"'’»]",
        ),
    ),
    (
        "subscription appeal",
        re.compile(
            r"(subscribe|sign up|join|get)( now| today| for free)?( to| for)? ((our|the|my)"
            r" (free )?(daily |weekly )?(newsletter|mailing list)|our (free )?updates)\b.{0,80}"
            r"|subscribe( now| today)?[!.]*|support (our|independent) journalism.{0,80}"
            r"|(donate|become a (paid )?(member|patron|subscriber|supporter))( now| today)?[!.]*"
            r"|(donate|become a (paid )?(member|patron|subscriber|supporter))( now| today)?"
            r"( and | to (support|help|get|enjoy|read|keep)\b| for (just|only|as little)\b).{0,80}"
            # Newsletter platforms: the form and the upsell under every post.
            r"|(type|enter) your email( address)?( here)?(\.\.\.|…)?|upgrade to paid"
            r"|give a gift subscription"
            r"|abonnieren|jetzt abonnieren|abonnez-vous|suscríbete|odebírat|subskrybuj"
            r"|jetzt (ein )?abo(nnement)? (abschließen|sichern|testen|bestellen)\b.{0,80}"
            r"|thanks for reading [^.!?]{1,80}[!.] subscribe (for free )?to .{0,100}",
        ),
    ),
    (
        "cookie notice",
        re.compile(
            r"(we|this (web)?site|our (web)?site) uses? cookies[.!]*"
            r"|(accept|reject|allow|decline|manage) (all |necessary |optional )?cookies"
            r"( settings| preferences)?[.!]*|cookie (settings|preferences|policy)[.!]*"
            # A longer line must also speak the banner's language, not a baker's.
            r"|(?=.*\b(experience|brows|personali[sz]|analy[sz]|traffic|learn more|find out more"
            r"|you (agree|consent|accept)|by (continuing|clicking|using)|(cookie|privacy) policy"
            r"|use of cookies))"
            r".{0,120}\b(we|this (web)?site|our (web)?site) uses? cookies\b.{0,160}"
            r"|(?=.*\bcookies\b).{0,120}\bby (continuing|clicking|using|browsing)\b.{0,120}\byou"
            r" (agree|consent|accept)\b.{0,160}",
        ),
    ),
    (
        "advertisement",
        re.compile(
            r"(advertisement|sponsored( content)?|ad|paid content"
            r"|anzeige|werbung|publicité|publicidad|pubblicità|reklama|inzerce|reklame)[\s:.]*"
            r"|(advertisement )?skip advertisement|(story continues below|scroll to continue"
            r" with content|advertisement [-–—] scroll to continue)( advertisement)?",
        ),
    ),
    (
        "related links",
        re.compile(
            r"(read more|continue reading|related( articles| posts| stories)?|you may also like"
            r"|recommended( for you)?|more stories|most popular|trending now)[\s:.…»→]*",
        ),
    ),
    (
        "related links",
        re.compile(
            # The heading over a box of other stories: "More from Sport", "Trending".
            r"(more (from|on|in|about) .{1,40}|related (links|coverage|content|topics|reading)"
            r"|trending( now| stories| news| topics)?|most (read|popular|viewed|shared|watched)"
            r"( stories| articles| now)?|(read|watch|up) next|editor'?s'? picks|don'?t miss"
            r"|see also|latest (news|stories|articles|headlines)|top stories|you might (also )?like"
            r"|more (news|stories|articles|headlines)|recommended (stories|articles|reading))"
            r"[\s:.…»→]*",
        ),
    ),
    (
        "post categories",
        re.compile(
            # WordPress: "Posted in News, Local | Tagged ferries, harbour | 4 Comments".
            rf"(posted|filed) (in|under)\s*:?\s*{_ITEMS}(\|\s*tagged( with)?\s*:?\s*{_ITEMS})?"
            r"(\|\s*(\d+|no|one|leave a) comments?\s*)?"
            rf"|categori[sz]ed as {_ITEMS}"
            rf"|(tags|tagged|categories|category|topics|schlagworte|themen|štítky|mots-clés)"
            rf"\s*:\s*{_ITEMS}",
        ),
    ),
    (
        "photo credit",
        re.compile(
            # Credits only ("Photo: Jane Doe / Reuters"); a caption that is a sentence stays.
            r"(photo(graph)?|image|picture|illustration|foto|bild)s?( credit)?\s*:\s*[^.!?]{1,80}"
            r"|(photo(graph)?|image|picture|illustration)s? (by|courtesy( of)?) [^.!?]{1,80}",
        ),
    ),
    (
        "site credits",
        re.compile(
            r"(proudly )?powered by (wordpress|ghost|substack|buttondown|squarespace|wix|blogger"
            r"|jekyll|hugo|drupal|joomla|mailchimp)\.?( \| theme: .{1,60})?",
        ),
    ),
    (
        "navigation",
        re.compile(
            r"skip to (main )?(content|navigation)|toggle navigation|sign in|log in|sign out"
            r"|log out|([«‹←] )?(previous|next|older|newer) (post|article|story|entry)( [»›→])?",
        ),
    ),
    (
        "copyright",
        re.compile(
            r"(©|(\(c\)|copyright)\s*(©|\(c\)|\d{4})).{0,160}"
            r"|.{0,160}(all rights reserved|tous droits réservés|alle rechte vorbehalten"
            r"|všechna práva vyhrazena|wszelkie prawa zastrzeżone|todos los derechos reservados"
            r"|tutti i diritti riservati)\.?"
        ),
    ),
]

_MONTH = (
    r"(?i:jan(uary)?|feb(ruary)?|mar(ch)?|apr(il)?|may|june?|july?|aug(ust)?|sep(t|tember)?"
    r"|oct(ober)?|nov(ember)?|dec(ember)?)\.?"
)
_DATE = (
    rf"({_MONTH} \d{{1,2}}(st|nd|rd|th)?,? \d{{4}}|\d{{1,2}}(st|nd|rd|th)? {_MONTH},? \d{{4}}"
    r"|\d{4}-\d{2}-\d{2}|\d{1,2}[./]\d{1,2}[./]\d{2,4})"
    r"((,| at) \d{1,2}[:.]\d{2}(\s?(?i:am|pm|a\.m\.|p\.m\.))?)?"
)
# A person's name as bylines print it: capitalised words, initials, name particles.
PERSON_NAME = (
    r"[A-ZÀ-ÖØ-Þ][\w'’.-]*( ([A-ZÀ-ÖØ-Þ][\w'’.-]*|de|van|von|der|da|di|le|la|al|bin)){1,4}"
)
_READ_TIME = r"\d{1,3} (?i:min(ute)?s?) (?i:read)"
# A byline is metadata, not body: it needs a date or a reading time beside the name, so a
# heading like "By Royal Appointment" or a sentence starting "By Tuesday" is never one.
_BYLINE = re.compile(
    rf"((?i:by) {PERSON_NAME}( (?i:and) {PERSON_NAME})?\s*([|·•,–—-]|(?i: on))\s*{_DATE}"
    rf"(\s*[|·•]\s*{_READ_TIME})?"
    rf"|(?i:posted|published|updated|last updated)( (?i:on))?:? {_DATE}( (?i:by) {PERSON_NAME})?"
    rf"|{_READ_TIME})"
)

# A comment's header, as WordPress prints it: "Margaret Pengelly says: March 14, 2025 at
# 8:41 pm". The name alone before "says:" is not enough: a quote is introduced that way.
_COMMENTER = re.compile(rf"{PERSON_NAME}\s+(?i:says|said|wrote)\s*:?\s*{_DATE}(\s*(?i:reply))?")

# What a page says instead of its article: where a story was first printed, the terms it
# is under, or that it cannot be shown. is_notice looks for these in a short extraction.
_NOTICE = re.compile(
    r"\b(re-?published|reprinted|reproduced|syndicated|(originally|first) (published|appeared)"
    r"|(appeared|published) (originally|first)|with (the )?(kind )?permission"
    r"|all rights reserved|copyright|creative commons|licen[cs]ed under|terms (of|and) "
    r"(use|service|conditions)|privacy policy|legal notice|disclaimer|imprint|impressum"
    r"|may not be (reproduced|republished|redistributed|copied|used)"
    r"|page (was )?not found|404|access denied|enable javascript|subscribers? only"
    r"|(subscribe|log in|sign in|register) to (continue|read)|is (no longer|not) available)\b"
    r"|©",
    re.IGNORECASE,
)


def is_notice(text: str) -> bool:
    """True if `text` speaks as a page's notice does (reprint, legal, access), not an article.

    Only asked of a text too short to be an article: a long one may quote any of it.
    """
    return bool(_NOTICE.search(text))


RULE_NAMES: frozenset[str] = frozenset(
    {name for name, _ in RULES} | {"navigation", "byline", "reader appeal"}
)

_NAV_SEPARATORS = re.compile(r"\s+[|»›·•∙]\s+")


# Names of platforms run together by a copy of their icons: "FacebookInstagramTikTok".
_GLUED = re.compile(
    r"(?:facebook|twitter|instagram|tiktok|youtube|linkedin|pinterest|reddit"
    r"|whatsapp|telegram|threads|bluesky|mastodon|tumblr|snapchat){2,}"
)
_GLUED_NAME = re.compile(
    r"facebook|twitter|instagram|tiktok|youtube|linkedin|pinterest|reddit"
    r"|whatsapp|telegram|threads|bluesky|mastodon|tumblr|snapchat"
)


def _unglued(lowered: str) -> str:
    if not _GLUED.search(lowered):
        return lowered
    return " ".join(_GLUED_NAME.sub(lambda m: f" {m.group(0)} ", lowered).split())


def junk_rule(line: str) -> str | None:
    """The name of the rule that marks `line` as junk, or None for article text."""
    text = " ".join(line.split())
    if not text:
        return None
    if len(text) > MAX_SERVER_ERROR_CHARS:
        return appeal_rule(text)
    lowered = _unglued(text.lower())
    if len(text) > MAX_JUNK_CHARS:
        return "server error" if RULES[0][1].fullmatch(lowered) else appeal_rule(text)
    for name, pattern in RULES:
        if pattern.fullmatch(lowered):
            return name
    if _is_related_line(text):
        return "related links"
    if _BYLINE.fullmatch(text):
        return "byline"
    if _COMMENTER.fullmatch(text):
        return "comment form"
    if _is_navigation(text):
        return "navigation"
    return appeal_rule(text)


# A reader appeal asks (give, subscribe, join), addresses the reader, and speaks of the
# publication's own work: all three, so a report about a charity's appeal is not one.
_ASK = re.compile(
    r"\b(donat(e|ing|ion|ions)|(please )?support (us|our|independent|local|quality|this)"
    r"|subscrib(e|ing)|become a (paying |paid |monthly )?(member|subscriber|supporter|patron)"
    r"|(make|consider) a (one-off |one-time |monthly |small )?(contribution|donation|gift)"
    r"|chip in|pledge|sign up|join (us|our|the club)|buy (us|me) a coffee"
    r"|(share|forward) (it|this)( article| story| post)? with)\b",
    re.IGNORECASE,
)
_READER = re.compile(
    r"\b(you|your|please|readers? like you|if you (enjoyed|liked|value|appreciate|found"
    r"|love|rely on|believe))\b",
    re.IGNORECASE,
)
_OUR_WORK = re.compile(
    r"\b(our (journalism|reporting|work|newsroom|journalists|reporters|mission|coverage|site"
    r"|newsletter|writers|team|independence|future|stories)|(this|the) (newsletter|site|blog"
    r"|podcast|publication)|(independent|local|quality|public[- ]interest|nonprofit|non-profit"
    r") (journalism|news|media|reporting)|reader[- ](funded|supported)|paywall|keep (it|this|us"
    r"|our \w+) (free|going|independent|alive)|we (rely|depend|can't do this|cannot do this))\b",
    re.IGNORECASE,
)
MAX_APPEAL_CHARS = 900


def appeal_rule(text: str) -> str | None:
    """'reader appeal' for a paragraph asking readers to pay for or sign up to the source."""
    if len(text) > MAX_APPEAL_CHARS:
        return None
    if _ASK.search(text) and _READER.search(text) and _OUR_WORK.search(text):
        return "reader appeal"
    return None


def _is_related_line(text: str) -> bool:
    """ "Read more: U.S. fines bank $13.4bn": a lead, then one phrase that starts like a title.

    Matched on the text as written: a headline's first word is capitalised (or a number,
    a quote, a brand like "iPhone"), while "Related: the two are linked." is a sentence.
    """
    found = _RELATED_LINE.fullmatch(text)
    if not found:
        return False
    first = found["headline"].split()[0]
    return not (first[0].isalpha() and first.islower())


def linked_junk_rule(line: str, link_share: float) -> str | None:
    """The rule for a line of a page whose share `link_share` of characters is link text.

    A lead ("Read more", "Related", "See also") followed by link text is a link to another
    article whatever its headline says or how it is punctuated; the page's markup tells
    what the text alone cannot. Prose with a link in it is mostly not link text.
    """
    text = " ".join(line.split())
    lead = _RELATED_LEAD.match(text)
    if not lead or len(text) > MAX_JUNK_CHARS:
        return None
    rest = len("".join(text[lead.end() :].split()))
    linked = link_share * len("".join(text.split()))
    return "related links" if rest and linked >= LINKED_REST_SHARE * rest else None


def _is_navigation(text: str) -> bool:
    """Short menu items joined by separators: 'Home | News | Sport | Contact'.

    Not a sentence that happens to hold pipes: menus do not end in a full stop, and their
    items start with a capital or a digit ("Type ls | sort | uniq" stays).
    """
    if text.endswith((".", "!", "?", ",", ";", ":")):
        return False
    items = _NAV_SEPARATORS.split(text)
    return len(items) >= 3 and all(
        0 < len(item.split()) <= 4 and (item[0].isupper() or item[0].isdigit()) for item in items
    )
