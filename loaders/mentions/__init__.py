"""Finding entity mentions in one sentence: countries, minerals, people and named
organisations, events and agreements.

Names are found the way an English reader finds them: runs of capitalised words, split
and joined by what the head word allows ("Ministry of Trade, Industry and Energy" is one
name because *Ministry* takes an "of" complement; "South Korea and Uzbekistan" is two).
The head word decides the label (Ministry -> Agency, Corp. -> Company, Forum -> Event,
Partnership -> Agreement).  People are found only in contexts that mark a person (a title,
an appositive, a reporting verb), which keeps precision high.

The modules follow the seams of the work: :mod:`.tokens` (tokens and word classes),
:mod:`.table` (the named patterns), :mod:`.people`, :mod:`.names` (splitting and labelling
capitalised runs), :mod:`.scan` (what the steps share), and the steps themselves
(:mod:`.steps`, :mod:`.organisations`, :mod:`.named`, :mod:`.places`, :mod:`.minerals`).
"""

from minegraph.loaders.mentions.named import BUSINESS_VERB_AFTER, COMPANY_APPOSITIVE, INVEST_AGENCY
from minegraph.loaders.mentions.names import classify, split_names, trim_name
from minegraph.loaders.mentions.organisations import LOWER_MINISTRY, MINISTRY_LIST, ministry_list_items
from minegraph.loaders.mentions.people import find_people, valid_person
from minegraph.loaders.mentions.scan import Mention, SentenceMentions
from minegraph.loaders.mentions.steps import TICKER, find_mentions
from minegraph.loaders.mentions.table import MentionPatterns, patterns
from minegraph.loaders.mentions.tokens import Token, tokenize

__all__ = [
    "BUSINESS_VERB_AFTER",
    "COMPANY_APPOSITIVE",
    "INVEST_AGENCY",
    "LOWER_MINISTRY",
    "MINISTRY_LIST",
    "TICKER",
    "Mention",
    "MentionPatterns",
    "SentenceMentions",
    "Token",
    "classify",
    "find_mentions",
    "find_people",
    "ministry_list_items",
    "patterns",
    "split_names",
    "tokenize",
    "trim_name",
    "valid_person",
]
