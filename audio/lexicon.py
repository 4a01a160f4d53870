"""A show's pronunciation lexicon: whole-word, case-aware replacements before synthesis.

Each entry is a respelling ("press cast"), which every engine can read, or IPA, which
engines that take raw phonemes (Piper) read exactly; others fall back to the respelling,
or to the word itself when there is none.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

from audio.errors import AudioError

# Private-use characters: normalization and sentence splitting leave them alone.
_OPEN, _CLOSE, _INDEX0 = "\ue000", "\ue001", 0xE100
_TOKEN = re.compile(f"{_OPEN}([\ue100-\ue8ff]){_CLOSE}")


@dataclass(frozen=True)
class Pronunciation:
    """How to say one word: a respelling, IPA, or both."""

    say: str | None = None
    ipa: str | None = None

    def spoken(self, phonemes: bool) -> str | None:
        """What to send the engine, or None to keep the word as written."""
        if phonemes and self.ipa:
            return f"[[ {self.ipa} ]]"
        return self.say


class Lexicon:
    """Entries keyed by the word as written; a lowercase key matches any case."""

    def __init__(self, entries: Mapping[str, Pronunciation] | None = None) -> None:
        self.entries = dict(entries or {})
        exact = [k for k in self.entries if k != k.lower()]
        folded = [k for k in self.entries if k == k.lower()]
        self._exact = _alternation(exact, flags=0)
        self._folded = _alternation(folded, flags=re.IGNORECASE)
        self._by_fold = {k.lower(): v for k, v in self.entries.items() if k in folded}

    @classmethod
    def from_mapping(cls, data: Mapping[str, object], where: str = "lexicon") -> Lexicon:
        """Entries from parsed TOML: `word = "respelling"` or `word = {say = …, ipa = …}`."""
        entries: dict[str, Pronunciation] = {}
        for word, value in data.items():
            if not word.strip():
                raise AudioError(f"{where}: an entry has an empty word")
            if isinstance(value, str) and value.strip():
                entries[word.strip()] = Pronunciation(say=value.strip())
            elif isinstance(value, Mapping) and set(value) <= {"say", "ipa"} and value:
                say, ipa = value.get("say"), value.get("ipa")
                if not all(v is None or (isinstance(v, str) and v.strip()) for v in (say, ipa)):
                    raise AudioError(f"{where}: {word!r}: say and ipa must be non-empty text")
                entries[word.strip()] = Pronunciation(say=say, ipa=ipa)
            else:
                raise AudioError(
                    f'{where}: {word!r} must be "respelling" or {{ say = "…", ipa = "…" }}'
                )
        return cls(entries)

    def __bool__(self) -> bool:
        return bool(self.entries)

    def protect(self, text: str, phonemes: bool) -> tuple[str, list[tuple[str, str]]]:
        """Replace entries by opaque tokens; `restore` puts them back, spoken or as written.

        Tokens keep normalization (numbers, abbreviations) away from what the lexicon says.
        """
        saved: list[tuple[str, str]] = []

        def swap(match: re.Match[str], folded: bool) -> str:
            word = match.group(0)
            entry = self._by_fold[word.lower()] if folded else self.entries[word]
            spoken = entry.spoken(phonemes)
            if spoken is None or len(saved) >= 0x800:
                return word
            saved.append((spoken, word))
            return f"{_OPEN}{chr(_INDEX0 + len(saved) - 1)}{_CLOSE}"

        if self._exact:
            text = self._exact.sub(lambda m: swap(m, folded=False), text)
        if self._folded:
            text = self._folded.sub(lambda m: swap(m, folded=True), text)
        return text, saved

    @staticmethod
    def restore(text: str, saved: list[tuple[str, str]], written: bool = False) -> str:
        """Undo `protect` on text derived from its output: the pronunciations, or with
        `written` the words as the article wrote them (for transcripts)."""
        if not saved:
            return text
        return _TOKEN.sub(lambda m: saved[ord(m.group(1)) - _INDEX0][1 if written else 0], text)


def _alternation(words: list[str], flags: int) -> re.Pattern[str] | None:
    if not words:
        return None
    ordered = sorted(words, key=len, reverse=True)  # longest first: "New York City" > "New York"
    body = "|".join(re.escape(w) for w in ordered)
    return re.compile(rf"(?<![\w]){'(?:' + body + ')'}(?![\w])", flags)
