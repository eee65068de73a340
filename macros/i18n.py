"""Every word the engine itself puts in front of a reader, in the pack's language.

The engine's strings live in one folder per language (`macros/locales/<language>/`):
`language.yml` holds a `locale` for Babel (dates, decimal and thousands signs, plural rules)
and the date patterns; every other file is a group of messages named by where they appear
(`fmt.yml` holds `fmt.ci`, `fmt.months`, ...). A pack picks its
language in `site.yml` (`language: es`) and may override any message there (`strings:`); the
loader checks that each override names a message that exists and keeps its `{placeholders}`.

Messages are plain text with `str.format` placeholders. `t()` returns text (escaped where it is
output, like any data text); `tm()` returns `Markup`, escaping the message and every argument
that is not already Markup. A message may be a mapping by plural category (`one`, `other`, and
whatever the language's plural rules name), chosen by `count`.

Why a context variable: the language is ambient, like a locale. Every formatter (`fmt`), template
and figure needs it, and threading it through each signature would touch every function. The
plugin makes it current for exactly one build (`activate` in on_config, `deactivate` when the
build ends or fails), so two builds in one process never share it; outside a build the English
strings apply.
"""

from __future__ import annotations

import datetime
import string
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar, Token
from dataclasses import dataclass
from functools import cache
from importlib import resources
from types import MappingProxyType
from typing import Any

import yaml
from babel import Locale
from babel.dates import format_date
from babel.numbers import get_decimal_symbol, get_group_symbol
from markupsafe import Markup, escape

Message = str | Mapping[str, str]
DEFAULT_LANGUAGE = "en"


class StringsError(ValueError):
    """A strings file or a pack's override that cannot be used; the message names the key."""


def placeholders(text: str) -> frozenset[str]:
    """The `{names}` a message fills in ('{n} out of 100' -> {'n'})."""
    return frozenset(name for _, name, _, _ in string.Formatter().parse(text) if name)


def _variants(message: Message) -> list[str]:
    return [message] if isinstance(message, str) else list(message.values())


@dataclass(frozen=True)
class Strings:
    """One language's engine strings, with the pack's overrides applied."""

    language: str
    locale: Locale
    date_full: str
    date_month: str
    messages: Mapping[str, Message]

    # ------------------------------------------------------------------ messages

    def message(self, key: str, count: int | None = None) -> str:
        try:
            found = self.messages[key]
        except KeyError:
            raise KeyError(f"no engine string {key!r} in macros/locales/{self.language}/") from None
        if isinstance(found, str):
            return found
        category = self.locale.plural_form(count if count is not None else 0)
        return found.get(category) or found["other"]

    def t(self, key: str, /, count: int | None = None, **values: object) -> str:
        text = self.message(key, count)
        if count is not None:
            values.setdefault("count", self.integer(count))
        return text.format(**values) if values else text

    def tm(self, key: str, /, count: int | None = None, **values: object) -> Markup:
        text = self.message(key, count)
        if count is not None:
            values.setdefault("count", self.integer(count))
        return Markup(escape(text)).format(**values) if values else Markup(escape(text))

    # ------------------------------------------------------------------ numbers and dates

    def decimal(self, written: str) -> str:
        """A figure as its author wrote it, with this language's decimal sign: '0.50' -> '0,50' in Spanish."""
        sign = get_decimal_symbol(self.locale)
        return written if sign == "." else written.replace(".", sign)

    def integer(self, n: int) -> str:
        """A count with this language's thousands sign: 1,486 (English), 1.486 (Spanish)."""
        return f"{n:,}".replace(",", get_group_symbol(self.locale))

    def date(self, value: str) -> str:
        """A partial date as written in the data ('2013', '2014-12', '2012-07-31') in words."""
        bits = value.split("-")
        if len(bits) == 1:
            return bits[0]
        if len(bits) == 2:
            return format_date(datetime.date(int(bits[0]), int(bits[1]), 1), self.date_month, locale=self.locale)
        return self.long_date(datetime.date(int(bits[0]), int(bits[1]), int(bits[2])))

    def long_date(self, d: datetime.date) -> str:
        return format_date(d, self.date_full, locale=self.locale)

    # ------------------------------------------------------------------ overrides

    def with_overrides(self, overrides: Mapping[str, str | Mapping[Any, str]]) -> Strings:
        """These strings with a pack's own wording for some messages; a problem raises naming the key."""
        if not overrides:
            return self
        merged = dict(self.messages)
        for key, new in overrides.items():
            if key not in self.messages:
                near = _nearest(key, self.messages)
                raise StringsError(f"{key!r} is not an engine string" + (f" (did you mean {near!r}?)" if near else ""))
            wanted = set().union(*(placeholders(v) for v in _variants(self.messages[key])))
            for variant in _variants(new):
                unknown = placeholders(variant) - wanted - {"count"}
                if unknown:
                    raise StringsError(f"{key!r}: unknown placeholder {{{sorted(unknown)[0]}}}; "
                                       f"this message can use {', '.join('{' + w + '}' for w in sorted(wanted)) or 'none'}")
            merged[key] = new if isinstance(new, str) else MappingProxyType(dict(new))
        return Strings(self.language, self.locale, self.date_full, self.date_month, MappingProxyType(merged))


def _nearest(key: str, keys: Mapping[str, object]) -> str | None:
    import difflib

    found = difflib.get_close_matches(key, list(keys), n=1, cutoff=0.6)
    return found[0] if found else None


def _flatten(tree: Mapping[str, object], prefix: str = "") -> dict[str, Message]:
    """Nested groups to dotted keys; a mapping whose keys are all plural categories is one message."""
    out: dict[str, Message] = {}
    for name, value in tree.items():
        key = f"{prefix}{name}"
        if isinstance(value, Mapping) and value and set(value) <= {"zero", "one", "two", "few", "many", "other"}:
            out[key] = MappingProxyType(dict(value))
        elif isinstance(value, Mapping):
            out.update(_flatten(value, key + "."))
        else:
            out[key] = str(value)
    return out


def languages() -> tuple[str, ...]:
    """The languages the engine ships strings for."""
    folder = resources.files("macros") / "locales"
    return tuple(sorted(p.name for p in folder.iterdir() if p.is_dir() and (p / "language.yml").is_file()))


@cache
def engine_strings(language: str = DEFAULT_LANGUAGE) -> Strings:
    """The engine's own strings for a language (read once per process)."""
    if language not in languages():
        raise StringsError(f"no engine strings for language {language!r}; the engine has {', '.join(languages())}")
    folder = resources.files("macros") / "locales" / language
    raw = yaml.safe_load((folder / "language.yml").read_text(encoding="utf-8"))
    groups = {p.name[:-4]: yaml.safe_load(p.read_text(encoding="utf-8")) or {}
              for p in sorted(folder.iterdir(), key=lambda p: p.name)
              if p.name.endswith(".yml") and p.name != "language.yml"}
    return Strings(
        language=language,
        locale=Locale.parse(raw["locale"]),
        date_full=raw["dates"]["full"],
        date_month=raw["dates"]["month"],
        messages=MappingProxyType(_flatten(groups)),
    )


_current: ContextVar[Strings | None] = ContextVar("guide_strings", default=None)


def current() -> Strings:
    """The strings of the build under way (English outside a build)."""
    return _current.get() or engine_strings(DEFAULT_LANGUAGE)


def activate(strings: Strings) -> Token[Strings | None]:
    return _current.set(strings)


def deactivate(token: Token[Strings | None]) -> None:
    _current.reset(token)


@contextmanager
def using(strings: Strings) -> Iterator[Strings]:
    """These strings for the code inside the block (commands that run outside a build, tests)."""
    token = activate(strings)
    try:
        yield strings
    finally:
        deactivate(token)


def t(key: str, /, count: int | None = None, **values: object) -> str:
    """An engine string in the current language, as plain text."""
    return current().t(key, count, **values)


def tm(key: str, /, count: int | None = None, **values: object) -> Markup:
    """An engine string in the current language, as Markup (the message and plain arguments escaped)."""
    return current().tm(key, count, **values)
