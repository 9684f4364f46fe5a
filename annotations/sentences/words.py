"""The news words sentence splitting knows: abbreviations, titles, time zones, sentence starters.

Shared by the pysbd path's corrections (:mod:`annotations.sentences.splitter`) and the
fast path (:mod:`annotations.sentences.fastpath`), which must agree on them.
"""

from __future__ import annotations

import re

#: Abbreviations that do not end a sentence when a number or a lowercase word follows
#: ("received approx. 300,000 shells", "about ca. 40 people").
NUMBER_ABBREVIATIONS = frozenset(
    "approx ca c appx est no nos nr fig figs vol vols pp p para paras art sec ch vs v cf incl excl e.g i.e viz".split()
)
#: Titles never end a sentence.
TITLES = frozenset("mr mrs ms dr prof gen lt col maj capt cmdr adm sgt sen rep gov pres rev hon supt insp amb".split())
#: Words that begin a time-zone phrase after "a.m." or "p.m." ("3 p.m. Eastern time").
TIME_ZONE_WORDS = frozenset(
    "eastern central mountain pacific atlantic alaska hawaii greenwich western "
    "et est edt ct cst cdt mt mst mdt pt pst pdt gmt utc bst cet cest eet eest kst jst msk ist".split()
)
#: Closed-class words that start sentences: after a dotted abbreviation such as "U.S." or
#: "D.C.", one of these means a new sentence ("from the U.S. The vote is expected"), while
#: a noun ("U.S. Department") continues the old one.
SENTENCE_STARTERS = frozenset(
    "the a an he she it they we i you this that these those there here his her its their "
    "our my your but and yet so however meanwhile still then in on at after before when "
    "while if as how what why who where many most some several both all no one two three".split()
)
#: A time phrase alone ("At 5 a.m.", "By 10:30 P.M."): pysbd ends a sentence after "a.m."
#: before a capital, but a sentence never is just a time, so it goes on ("At 5 a.m. Mr.
#: Smith went to the bank."). Bounded: longer sentences are never read.
TIME_PHRASE = re.compile(
    r"(?:(?:at|by|until|till|from|after|before|around|about|since|shortly after|just after|just before)\s+)?"
    r"\d{1,2}(?::\d{2})?\s?[ap]\.m\.",
    re.IGNORECASE,
)
TIME_PHRASE_MAX = 40
#: A list marker alone ("⁃9.", "• 3.", "a.", "iv."): pysbd ends a sentence after it when
#: a capital follows, but the item's text is its sentence ("⁃9. Safer cranes").
LIST_MARKER = re.compile(r"[-*+•‣◦▪–—⁃·]?\s?\(?(?:\d{1,3}|[a-zA-Z]|[ivxIVX]{1,5})(?:\.\)|[.)])")
LIST_MARKER_MAX = 10
