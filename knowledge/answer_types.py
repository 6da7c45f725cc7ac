"""Expected answer types: what kind of expression a question asks for.

``expected_type("Wann ...")`` is ``DATE``; ``passage_has_type(text, DATE)`` tells whether a
passage holds such an expression. The engine uses both to re-rank (a "Wann" question
prefers passages with a date) and to refuse (a "Wie viele" question whose best passage
holds no number is not answered). Rules are general German/English question syntax.
"""

from __future__ import annotations

import re
from enum import Enum
from itertools import pairwise


class AnswerType(Enum):
    """The kind of answer a question asks for."""

    DATE = "date"  # a calendar expression: "An welchem Tag", "In welchem Jahr"
    TIME = "time"  # "Wann": a calendar expression or a temporal clause ("sobald ...")
    NUMBER = "number"
    AGE = "age"  # "Wie alt": years of age or a birth date
    DURATION = "duration"
    PERSON = "person"  # person, country or organisation
    PLACE = "place"
    NAME = "name"  # "Wie heißt ...": a proper name right beside the thing asked about
    PERSON_NAME = "person_name"  # "Wer ist der <Rolle>": a person's name, not the role
    EXACT_DATE = "exact_date"  # "Wann genau": a day, month or year, not "letzte Woche"
    DISTANCE = "distance"  # "Wie weit": a number with a unit of length
    MONEY = "money"  # "Wie viel Geld": a number with a currency
    CONTENT = "content"  # "Was besagt/regelt der Vertrag?": a passage stating its content
    CONDITION = "condition"  # "Was muss passieren, bis …": a conditional clause ("sobald …")
    REASON = "reason"  # "Warum", "Wieso": a causal or final clause ("weil", "vor dem Hintergrund")


_MONTHS = (
    r"Januar|Jänner|Februar|März|April|Mai|Juni|Juli|August|September|Oktober|November|Dezember"
    r"|January|February|March|May|June|July|October|December"
)
_TIME_WORDS = (
    r"gestern|heute|morgen|vorgestern|übermorgen|damals|zuletzt|kürzlich|neulich"
    r"|Montag|Dienstag|Mittwoch|Donnerstag|Freitag|Samstag|Sonntag|Wochenende"
    r"|Frühjahr|Frühling|Sommer|Herbst|Winter|Jahrhunderts?|Jahrzehnts?|Jahrtausends?"
    r"|Anfang|Mitte|Ende|Woche|Monat|Monaten|Jahren|Jahre|Jahr|Uhr|Zeit|Zeitraum|Epoche|Ära"
)
DATE_RE = re.compile(
    rf"\b(?:{_MONTHS})\b|\b(?:1\d|20)\d\d\b|\b\d{{1,2}}\.\s?\d{{1,2}}\.(?:\d{{2,4}})?"
    rf"|\b(?:{_TIME_WORDS})\b|\b(?:seit|bis|ab|vor|nach|während|im|um)\s+\d",
    re.I,
)
EXACT_DATE_RE = re.compile(
    rf"\b(?:{_MONTHS})\b|\b(?:1\d|20)\d\d\b|\b\d{{1,2}}\.\s?\d{{1,2}}\.(?:\d{{2,4}})?"
    r"|\b(?:Montag|Dienstag|Mittwoch|Donnerstag|Freitag|Samstag|Sonntag)\b|\b\d{1,2}\s*Uhr\b",
    re.I,
)
_NUMBER_WORDS = (
    r"eins|zwei|drei|vier|fünf|sechs|sieben|acht|neun|zehn|elf|zwölf|zwanzig"
    r"|dreißig|vierzig|fünfzig|hundert|tausend|Dutzend\w*|Hunderte\w*|Tausende\w*"
    r"|Zehntausende\w*|Million\w*|Milliard\w*|Hälfte|Drittel|Viertel|Prozent|doppelt"
)
TIME_RE = re.compile(
    r"\b(?:sobald|nachdem|bevor|seitdem|solange|sofort|unverzüglich|bislang|bisher)\b", re.I
)
AGE_RE = re.compile(
    r"\b\d{1,3}\s*(?:-\s*)?(?:Jahre|jährig)|jährige|\bLebensjahr|\bAlter\s+von\b|\bgeboren\b"
    r"|\bGeburtstag|\bGeburt\b|\bJahrgang\b|\(\*\s*\d|\byears?\s+old\b|\baged\s+\d|\bborn\b",
    re.I,
)
NUMBER_RE = re.compile(rf"\d|\b(?:{_NUMBER_WORDS})\b", re.I)
DURATION_RE = re.compile(
    r"\b(?:Jahre?n?|Monate?n?|Wochen?|Tage?n?|Stunden?|Minuten?|Jahrzehnte?n?|Jahrhunderte?n?"
    r"|unbefristet|dauerhaft|lebenslang|befristet|Dauer|Laufzeit|bis\s+(?:zum|\d)|seit)\b",
    re.I,
)
_PLACE_PREP_RE = re.compile(
    r"\b(?P<prep>(?i:in|im|ins|nach|aus|bei|an|am|auf|von|nahe|zwischen))\s+"
    r"(?P<article>(?:der|dem|den|des|die)\s+)?(?:[a-zäöü]+\s+){0,2}(?P<name>[A-ZÄÖÜ][\w-]+)"
)
_PLACE_NOUN_RE = re.compile(
    r"(?:\b|(?<=[a-zäöüß]))(?i:region|stadt|provinz|oblast|bezirk|gebiet|ort|dorf|gemeinde"
    r"|bundesland|staat|insel|fluss|kanton|departement)\s+[A-ZÄÖÜ][\w-]+"
    r"|\b(?:im|in\s+den?)\s+(?:Norden|Süden|Osten|Westen|Nordosten|Nordwesten|Südosten|Südwesten)\b"
    r"|\b(?:auf|bei|an)\s+(?:einem|einer|dem|der)\s+(?:[a-zäöü]+e[nrms]?\s+)?[\w-]*(?:Gipfel|Treffen"
    r"|Konferenz|Sitzung|Tagung|Kongress|Versammlung|Veranstaltung|Messe|Feier)\w*"
)
"""A name after a place noun ("Region Kursk"), a compass region, or a meeting as venue
("auf einem Gipfeltreffen")."""
_PERSON_RE = re.compile(
    r"\b[A-ZÄÖÜ][a-zäöüß]+(?:-[a-zäöü]+)?\s+[A-ZÄÖÜ][a-zäöüß]+(?:-[a-zäöü]+)?\b"  # First Last
    r"|\b[A-ZÄÖÜ]{2,}\b"  # acronyms: USA, KCNA, NATO
    r"|\b(?:Präsident\w*|Minister\w*|Kanzler\w*|Regierung\w*|Behörde\w*|Agentur\w*|Partei\w*"
    r"|Ministerium\w*|Verband\w*|Gericht\w*|Firma|Unternehmen\w*|Konzern\w*|Land|Länder\w*"
    r"|Staat\w*|König\w*|Kaiser\w*|Papst\w*|Fürst\w*|Herzog\w*|Graf\w*|Bischof\w*)\b"
    r"|\b\w+(?:land|reich|staaten|korea|ien|ei|ika)\b"
)

DISTANCE_RE = re.compile(
    r"\d[\d.,]*\s*(?:km|Kilometer\w*|Meilen?|miles?|Meter\w*|m\b|Seemeilen?)"
    r"|\b(?:ein\w*|zwei|drei|vier|fünf|zehn|hundert\w*|tausend\w*|wenige\w*|einige\w*)\s+"
    r"(?:Kilometer\w*|Meilen?|Meter\w*|miles?)\b",
    re.I,
)
MONEY_RE = re.compile(
    r"(?:\d[\d.,]*|\b(?:Million\w*|Milliard\w*|Billion\w*|hundert\w*|tausend\w*))\s*"
    r"(?:Mio\.?|Mrd\.?|Millionen|Milliarden)?\s*"
    r"(?:€|\$|£|Euro\w*|Dollar\w*|US-Dollar\w*|Rubel\w*|Won\b|Yuan|Franken|Pfund|Cent\w*)"
    r"|(?:€|\$|£|US\$)\s*\d",
    re.I,
)

NAMING_RE = re.compile(
    r"\b(?:so\s*genannt\w*|genannt|bezeichnet|benannt|namens|heißt|hieß|heißen|hießen"
    r"|called|named|known\s+as)\b",
    re.I,
)
"""A passage that gives something's name: "im sogenannten Zehrgebiet", "Als Holocaust wird …
bezeichnet", "namens"; it answers "Wie heißt …" even when the name is a common noun."""

CONTENT_RE = re.compile(
    r"\bfest(?:ge)?leg\w*|\blegt\w*\s.*\bfest\b|\bvorgesehen|\bvorsieht|\bsieht\s.*\bvor\b"
    r"|\b(?:ge)?regelt\b|\bbesag\w*|\bbeinhalt\w*|\benthält|\bverpflicht\w*|\bzugesichert"
    r"|\b(?:darin|darunter|wonach|demnach|demzufolge)\b|\bInhalt",
    re.I,
)
"""A statement of what a text lays down: a stating verb ("festgelegt", "sieht … vor"), an
obligation ("verpflichteten sich") or a pointer into the text ("Darin", "wonach")."""

_CONTENT_Q = (
    r"^\s*was\s+(?:steht|stand|stehen|standen)\s+(?:denn\s+|genau\s+|eigentlich\s+)*(?:in|im)\b"
    r"|^\s*was\s+(?:besag|regel|beinhalt|enthält|enthielt|enthalten|legt|legen|verspr"
    r"|garantier)\w*\b"
    r"|^\s*was\s+(?:sieht|sah|sehen)\b.*\bvor\s*\W*$|^\s*worum\s+geht\s+es\s+(?:in|im|bei|beim)\b"
    r"|^\s*what\s+(?:does|do|did)\s+(?:the|this|that|it|its)\b.*\b(?:say|state|stipulate"
    r"|require|provide\s+for|contain"
    r"|lay\s+down|set\s+out)\s*\W*$|^\s*what\s+is\s+in\s+the\b"
)
"""Questions for what a text lays down ("Was steht im Vertrag?", "Was sieht X vor?"); in
English the text follows an article or pronoun ("What does the treaty say?"), while "What
did Zelensky say?" asks what a person said."""

REASON_RE = re.compile(
    r"\b(?:weil|da|denn|wegen|aufgrund|angesichts|infolge|deshalb|daher|darum|deswegen|dadurch"
    r"|zwecks|damit|because|due|since)\b|\bum\s+(?:\w+\s+){0,6}?\w*zu\w*\b"
    r"|\b(?:vor\s+dem\s+)?Hintergrund\b|\bzur\s+(?:Unterstützung|Abwehr|Verteidigung|Sicherung)\b"
    r"|\b(?:Grund|Gründe|Ursache|Anlass|Folge|Reaktion)\b",
    re.I,
)
"""A causal or final expression: what a "Warum" question's answer says (after the causal
connectives of German grammars, e.g. Duden's "Kausalsätze" and "Finalsätze")."""

CONDITION_RE = re.compile(
    r"\b(?:sobald|falls|sofern|wenn|vorausgesetzt|nachdem|erst|bevor|unless|once|provided|if)\b"
    r"|\b(?:unter\s+der\s+)?(?:Bedingung|Voraussetzung)|\bim\s+Fall\w*\b",
    re.I,
)
"""A condition: a conditional or temporal clause ("sobald beide Seiten …", "falls …")."""
_CONDITION_Q = (
    r"\bwas\s+(?:muss|müsste|müssen|soll)\s+(?:\w+\s+){0,3}(?:passieren|geschehen|erfolgen"
    r"|getan\s+werden)\b|\bunter\s+welche[rn]?\s+(?:bedingung|voraussetzung|umständen)"
    r"|\bwelche\s+(?:bedingung|voraussetzung)\w*\b"
    r"|\bwas\s+(?:ist|sind|war|waren|wäre|wären)\s+(?:die\s+|eine\s+)?(?:\w+e\s+)?"
    r"(?:bedingung|voraussetzung|vorbedingung)\w*"
    r"|\bwhat\s+(?:must|has\s+to|needs\s+to|should)\s+happen\b"
    r"|\b(?:under|on)\s+what\s+conditions?\b"
    r"|\bwhat\s+(?:are|is|were|was)?\s*(?:the\s+)?(?:conditions?|prerequisites?)\b"
)
"""Questions for a condition ("Was muss passieren, bis X gilt?", "Unter welcher Bedingung")."""
_CONDITION_Q_RE = re.compile(_CONDITION_Q, re.I)
_CONDITION_NOUN_RE = re.compile(
    r"\b(?:Vor)?(?:bedingung|voraussetzung)(?:en)?\b|\b(?:conditions?|prerequisites?)\b",
    re.I,
)
"""The nouns that name the condition type: in a condition question they say what kind of
answer is asked for ("Welche Voraussetzungen müssen erfüllt sein?"), not what about."""

# Question patterns, checked in order (first match wins); both German and English.
_RULES = (
    (AnswerType.DURATION,
        r"\bwie\s*lange?\b|\bhow\s+long\b|\bwie\s+viele?\s+(?:jahre|monate|tage)\b"),
    (AnswerType.AGE, r"\bwie\s+alt\b|\bhow\s+old\b|\b(?:in|mit)\s+welchem\s+alter\b"),
    (AnswerType.DISTANCE, r"\bwie\s+weit\b.*\b(?:entfernt|weg)\b"
        r"|\bhow\s+far\s+(?:away|from|is|was)\b|\bwelche[rn]?\s+(?:entfernung|distanz)\b|\bhow\s+far\b.*\bfrom\b"
        r"|\bwie\s+viele?\s+(?:kilometer|meilen|meter)\b|\bhow\s+many\s+(?:kilometers|miles)\b"),
    (AnswerType.MONEY, r"\bwie\s*viel\s+(?:geld|euro|dollar)\b|\bwieviel\s+(?:geld|euro|dollar)\b"
        r"|\bhow\s+much\s+(?:money|cash)\b|\bwas\s+kostet(?:e|en)?\b|\bwie\s*viel\s+kostet\b"
        r"|\b(?:was|wie\s*viel)\s+(?:hat|haben|hatte|hatten|wird|würde)\b.*\bgekostet\b"
        r"|\bhow\s+much\s+(?:does|did|do)\s+\w+(?:\s+\w+)?\s+cost\b"
        r"|\bwelche[nrm]?\s+(?:geldbetrag|betrag|summe)\b"),
    (AnswerType.NUMBER, r"\bwie\s*viele?\b|\bwieviele?\b|\bhow\s+(?:many|much)\b"
        r"|\bwelche\s+(?:anzahl|zahl|menge)\b|\bwie\s+(?:groß|gross|hoch|schwer)\b"),
    (AnswerType.CONDITION, _CONDITION_Q),
    (AnswerType.DATE, r"\bwhat\s+(?:date|day|year)\b|\b(?:an|in|seit|bis\s+zu)\s+welche[mnr]?\s+"
        r"(?:tag|datum|jahr|monat|jahrhundert|zeitpunkt|woche)\b|\bwelche[mns]?\s+(?:datum|jahr)\b"
        r"|\bdatum\b|\bdate\b"),
    (AnswerType.EXACT_DATE, r"\bwann\s+genau\b|\bgenau\s+wann\b|\bwhen\s+exactly\b"
        r"|\bexactly\s+when\b"),
    (AnswerType.TIME, r"\bwann\b|\bwhen\b|\bwhat\s+time\b"),
    (AnswerType.CONTENT, _CONTENT_Q),
    (AnswerType.REASON, r"^\W*(?:warum|wieso|weshalb|weswegen|why)\b|\baus\s+welche[mn]\s+grund\b"
        r"|\bwhat\s+(?:is|was)\s+the\s+reason\b"),
    (AnswerType.NAME, r"\bwie\s+(?:hei(?:ß|ss?)t|hie(?:ß|ss?)|hei(?:ß|ss?)en|lautet|lauten"
        r"|nennt\s+man)\b"
        r"|\bwhat\s+is\s+the\s+name\b|\bwhat\s+is\s+\w+\s+called\b"),
    (AnswerType.PERSON_NAME,
        r"^\s*(?:wer|who)\s+(?:ist|war|sind|waren|is|was|are|were)\s+(?:der|die|das|the"
        r"|(?-i:[A-ZÄÖÜ])[\w-]*(?:'s|’s|s))\s+\w+"),
    (AnswerType.PERSON, r"^\s*(?:wer|wem|wen|wessen)\b|\bwho\b|\bwhom\b|\bwhose\b"
        r"|^\s*woher\s+(?:wei(?:ß|ss?)|wissen|wisst)\b|\bhow\s+(?:do|does|did)\s+\w+\s+know\b"
        r"|^\s*woher\s+(?:stamm|komm)\w*\s+(?:die|diese|das|der|den)\s+(?:infos?|information"
        r"|nachricht|meldung|angabe|bericht|behauptung|aussage|zahl|vorw[uü]rf)"
        r"|^\s*where\s+(?:does|do|did)\s+(?:the|this|that|these|those)\s+(?:info|information|news"
        r"|report|claim|figure|number|accusation)s?\b.*\bcome\s+from\b"),
    (AnswerType.PLACE, r"^\s*(?:wo|woher|wohin)\b|\bwhere\b|\b(?:in|an|aus)\s+welche[mnr]?\s+"
        r"(?:stadt|land|region|ort|gebiet|staat|provinz|gegend|kontinent)\b"),
    (AnswerType.PERSON, r"\bwelche[mnrs]?\s+(?:länder|land|staaten|staat|nationen|nation"
        r"|regierung\w*|organisation\w*|partei\w*|politiker\w*)\b"
        r"|\bwhich\s+(?:countries|country|states|nations|governments?|organi[sz]ations?)\b"),
    # "… helfen, wenn …", "… für den Fall eines Angriffs"
    (AnswerType.CONDITION,
        r"(?<!^)\b(?:wenn|falls|sofern|if|im\s+falle?|für\s+den\s+fall|in\s+case(?:\s+of)?)\s+\w"),
)  # fmt: skip
_QUESTION_RULES = tuple((re.compile(p, re.I), t) for t, p in _RULES)

_TYPE_WORD_RE = re.compile(
    r"(?<=\bwelche[mnrs] )(?:tag|datum|jahr|monat|jahrhundert|zeitpunkt|anzahl|zahl|menge)\b"
    r"|(?<=\bwelche )(?:tag|datum|jahr|monat|jahrhundert|zeitpunkt|anzahl|zahl|menge)\b"
    r"|(?<=\bin welchem )alter\b|(?<=\bmit welchem )alter\b|(?<=\bhow )old\b"
    r"|(?<=\bwie )(?:groß|gross|hoch|alt|schwer|lange|lang|viel|viele|hei(?:ß|ss?)t|hie(?:ß|ss?)"
    r"|hei(?:ß|ss?)en|lautet|lauten)\b"
    r"|(?<=\bwhat )(?:date|day|year|time)\b|(?<=\bhow )(?:many|much|long)\b"
    r"|\bdatum\b|\bdate\b"
    r"|(?<=\bwelche[mnrs] )(?:grund|zweck|weise|art|bedingung|bedingungen|umständen|form"
    r"|umfang|hinsicht)\b"
    r"|(?<=\bwelche )(?:grund|zweck|weise|art|bedingung|bedingungen|form|hinsicht)\b"
    r"|(?<=\bim )falle?\b|(?<=\bfür den )fall\b|(?<=\bin case )of\b"
    r"|\b(?:ab|seit|bis)(?=\s+wann\b)"
    rf"|\b(?:anfang|mitte|ende)(?=\s+(?:{_MONTHS}|des\s+Jahres|der\s+Woche|des\s+Monats)\b)",
    re.I,
)
"""Words that only say which type is asked, and the nouns of interrogative phrases that
stand for a question word ("Aus welchem Grund" = warum, "Zu welchem Zweck" = wozu,
"Unter welcher Bedingung" = wann/falls, "Auf welche Weise" = wie), and the noun of
the conjunction phrases "im Fall(e)", "für den Fall" (= falls), and the preposition of
"ab/seit/bis wann" (a time question like "wann")."""


_CONTENT_VERB_RE = re.compile(
    r"^(\s*was\s+)(?:steht|stand|stehen|standen)\b(?=.*\b(?:in|im)\b)"
    r"|^(\s*what\s+(?:does|do|did)\s+(?:the|this|that|it|its)\b.*\b)(?:says?|states?)(?=\s*\W*$)",
    re.I,
)
"""The general verb of a content question, which stands for a stating verb: "Was *steht*
im Vertrag?" = "Was besagt der Vertrag?", "What does the treaty *say*?" = "stipulate"."""


_COMMENT_VERB_RE = re.compile(r"\b(?:sagt|sagen|sagte|sagten|gesagt|meint|meinen|meinte)\b", re.I)
_COMMENT_ON_RE = re.compile(
    r"\b(?:dazu|darüber|zum|zur|zu\s+(?:den|dem|der|des|diese[nmrs]?))\b", re.I
)
"""A saying verb with "zu …" or "dazu": "Was sagt der Kreml zu den Berichten?" asks how
someone commented on or reacted to something, not for any sentence with "sagte"."""


_TAG_RE = re.compile(
    r"\b(?:stimmt(?:'?s)?|stimmen)\s+(?:das|es|die|denn)\b|\bist\s+(?:das|es)\s+(?:so|wahr|richtig)\b"
    r"|\boder\s+(?:wie|was|nicht|so|doch|nich)\s*\W*$|\bnicht\s+wahr\s*\W*$"
    r"|\b(?:is|was)\s+(?:it|that|this)\s+(?:true|right|correct)\b",
    re.I,
)
"""A question tag that asks only for confirmation ("10000 soldaten stimmt das", "…
verboten oder wie", "Stimmt es, dass …", "is it true that …"): no content word."""


_SIDE_RE = re.compile(r"\b((?:auf|von)\s+[^\W\d_]+er)\s+Seite\b", re.I)
"""The idiom "auf/von russischer Seite" (= by Russia): "Seite" names no thing asked about."""


_INDIRECT_RE = re.compile(
    r"^\W*(?:(?:wei(?:ß|ss?)t|kennst)\s+du|wisst\s+ihr|wissen\s+sie|wei(?:ß|ss?)\s+man"
    r"|(?:kannst|könntest|kannste)\s+du\s+(?:mir\s+|uns\s+)?(?:sagen|erklären|verraten)"
    r"|(?:können|könnten)\s+sie\s+(?:mir\s+|uns\s+)?(?:sagen|erklären|verraten)"
    r"|sag(?:e|t)?\s+(?:mir|uns)|erzähl(?:e|t)?\s+(?:mir|uns)"
    r"|ich\s+(?:möchte|will|würde\s+gerne?|wüsste\s+gerne?)\s+wissen"
    r"|ich\s+frage\s+mich|mich\s+interessiert)\s*(?:bitte|mal|eigentlich)?\s*,?\s+"
    r"(?P<wh>wie\s+viele?(?:\s+(?!(?:es|sie|er|die|der|das|den|dem|da|davon|denn)\b)\w+)?|wie\s+(?:alt|lange?|hoch|groß|gross|weit|oft"
    r"|genau)|wie|wann|wo|woher|wohin"
    r"|wer|wen|wem|wessen|was|warum|wieso|weshalb|welche[mnrs]?\s+\w+|ob)"
    r"\s+(?P<rest>.+?)\s+(?P<verb>(?!(?:über|von|mit|zu|in|an|auf|aus|bei|nach|für|gegen|um"
    r"|los|da|so|hier|dort|heute|jetzt|noch|schon|denn|nicht|eigentlich|genau|gerade)\b)"
    r"(?-i:[a-zäöüß])\w*)\s*(?P<end>\W*)$",
    re.I,
)
"""An indirect question after a polite frame ("Weißt du, wie der Präsident heißt?", "Kannst
du mir sagen, wann …", "Ich möchte wissen, ob …"): German puts its finite verb last."""


_CONDITIONAL_RE = re.compile(
    r"(?<!^)\b(?:wenn|falls|sofern|if|im\s+falle?|für\s+den\s+fall|in\s+case)\s+\w"
    r"|\b\w{4,}fall\b",
    re.I,
)
"""A conditional part of a question: a clause ("…, wenn es angegriffen wird"), "im Falle
eines …", or a compound of "-fall" ("im Kriegsfall", "im Ernstfall")."""


def is_conditional(question: str) -> bool:
    """Tell whether ``question`` asks under a condition ("Was verspricht X im Kriegsfall?").

    Whatever else it asks for, a passage stating a condition ("falls …", "sobald …")
    then fits better (:data:`CONDITION_RE`); the engine uses it to re-rank only.
    """
    return _CONDITIONAL_RE.search(question) is not None


def direct_question(question: str) -> str:
    """Turn a framed indirect question into the direct one it asks.

    "Weißt du, wie der südkoreanische Präsident heißt?" → "wie heißt der südkoreanische
    Präsident?", "Kannst du mir sagen, ob Russland zugestimmt hat?" → "hat Russland
    zugestimmt?": the verb-final clause gets its finite verb back after the question
    word (or first, for "ob"), so the answer type and the verbal bracket are read as in
    a direct question. Any other question is returned unchanged.
    """
    match = _INDIRECT_RE.match(question)
    if match is None:
        return question
    wh, rest, verb, end = match["wh"], match["rest"], match["verb"], match["end"]
    if wh.lower() == "ob":
        return f"{verb} {rest}{end}"
    return f"{wh} {verb} {rest}{end}"


def strip_type_words(question: str) -> str:
    """Remove the words that only name the answer type ("An welchem Tag" → "An welchem").

    In a condition question the condition nouns go too ("Welche Voraussetzungen …"), and
    in any a confirmation tag ("… stimmt das", "… oder wie").

    The general verb of a content question becomes a stating verb ("Was steht im
    Vertrag?" → "Was besagt im Vertrag?"), which meets "festgelegt", "sieht vor", …; a
    saying verb with "zu …"/"dazu" becomes "kommentiert", which meets both saying and
    reacting ("Was sagt X zu Y?" ↔ "X hat auf Y reagiert").
    """
    question = _CONTENT_VERB_RE.sub(
        lambda m: f"{m[1]}besagt" if m[1] is not None else f"{m[2]}stipulate", question
    )
    if _COMMENT_ON_RE.search(question):
        question = _COMMENT_VERB_RE.sub("reagiert", question)
    if _CONDITION_Q_RE.search(question):
        question = _CONDITION_NOUN_RE.sub(" ", question)
    question = _TAG_RE.sub(" ", question)
    question = _SIDE_RE.sub(r"\1", question)
    return _TYPE_WORD_RE.sub(" ", question)


_FOCUS_RE = re.compile(
    r"^\W*(?:wie\s*viele|wieviele|wie\s+(?:hoch|groß|gross)\s+(?:ist|sind|war|waren|liegt|lag)"
    r"|welche\s+(?:anzahl|zahl|menge)\s+(?:an|von)?|wie\s+(?:hei(?:ß|ss?)t|hie(?:ß|ss?)|lautet)"
    r"|how\s+many|wer\s+(?:ist|war)(?=\s+(?:der|die)\s)|who\s+(?:is|was)(?=\s+the\s))\s+"
    r"(?:(?:der|die|das|den|dem|des|ein|eine|einen|the)\s+)?((?:[^\W\d_][\w-]*\s+){0,3})",
    re.I,
)
"""The words after a quantity or naming question's interrogative ("Wie viele <Artikel>",
"Wie hoch ist der <Militärhaushalt>", "Wie heißt der <Chef>", "Wer ist der <Präsident> von
…"), among which the counted, measured or named noun or the asked role stands."""


_PUNCT_RE = re.compile(r"[^\w\s-]")
GENERIC_COUNTED = frozenset(("person", "personen", "mensch", "menschen", "leute", "mal", "stuck"))
"""Folded nouns that any count of people or things answers ("Wie viele Personen starben?"
→ "mit 270 Toten"): no focus to look for."""
MEASURE_HEADS = ("anteil", "zahl", "anzahl", "quote", "rate", "summe", "betrag", "hohe", "menge",
                 "prozentsatz", "wert", "umfang")  # fmt: skip
"""Folded heads that the number itself expresses ("Migranten|anteil" → "16 % … Migranten"):
the modifier is what is measured."""


def focus_word(question: str) -> str | None:
    """Return the noun a quantity question counts or measures (or a name question names,
    or the role whose holder "Wer ist der <Präsident> von Südkorea?" asks for).

    "Wie viele nordkoreanische *Soldaten* …", "Wie hoch ist der *Militärhaushalt* …": the
    first capitalised word after the interrogative (adjectives are lowercase), or the
    first word when the asker writes everything lowercase. An answer must speak of it,
    or the number it gives counts something else.
    """
    match = _FOCUS_RE.match(_PUNCT_RE.sub(" ", question) + " ")
    if match is None:
        return None
    words = match.group(1).split()
    if not words:
        return None
    if match.group(0).lower().startswith(("how", "who")):  # English capitalises only names
        return next((w for w in words if w.islower()), None)
    capitalises = any(w[:1].isupper() for w in question.split()[1:])
    if not capitalises:
        return words[0]
    return next((w for w in words if w[:1].isupper()), None)


_ASKED_RE = re.compile(
    r"^\W*(?:(?:[^\W\d_]+\s+)?welche[mnrs]?|was\s+für(?:\s+eine?[mnrs]?)?)\s+"
    r"((?:[^\W\d_][\w-]*\s+){0,3})",
    re.I,
)
"""The words after "Welche/Mit welcher/In welchen …" and "Was für (ein) …": the noun among
them names the thing asked for."""


def asked_noun(question: str) -> str | None:
    """Return the noun naming what a question asks for, if it says so.

    The :func:`focus_word` of quantity and name questions, or the noun after "Welche",
    "Mit welcher", "Was für ein" ("Welche *Ausrüstung* haben …", "Mit welcher *Mehrheit*
    …"): the first capitalised word, or the first word when the asker writes all
    lowercase. German only (English "What …" is too often a pronoun).
    """
    word = focus_word(question)
    if word is not None:
        return word
    match = _ASKED_RE.match(_PUNCT_RE.sub(" ", question) + " ")
    if match is None:
        return None
    words = match.group(1).split()
    capitalises = any(w[:1].isupper() for w in question.split()[1:])
    if not capitalises:
        return words[0] if words else None
    return next((w for w in words if w[:1].isupper()), None)


def expected_type(question: str) -> AnswerType | None:
    """Return the answer type ``question`` asks for, or ``None`` when it is open."""
    for pattern, answer_type in _QUESTION_RULES:
        if pattern.search(question):
            return answer_type
    return None


_PASSAGE_PATTERNS: dict[AnswerType, re.Pattern[str]] = {
    AnswerType.DATE: DATE_RE,
    AnswerType.EXACT_DATE: EXACT_DATE_RE,
    AnswerType.NUMBER: NUMBER_RE,
    AnswerType.AGE: AGE_RE,
    AnswerType.DURATION: DURATION_RE,
    AnswerType.PERSON: _PERSON_RE,
    AnswerType.DISTANCE: DISTANCE_RE,
    AnswerType.MONEY: MONEY_RE,
    AnswerType.CONDITION: CONDITION_RE,
    AnswerType.CONTENT: CONTENT_RE,
    AnswerType.REASON: REASON_RE,
}
"""Answer types whose presence in a passage one pattern decides."""


def passage_has_type(text: str, answer_type: AnswerType, asked: set[str] | None = None) -> bool:
    """Tell whether ``text`` holds an expression of ``answer_type``.

    ``asked`` holds the index terms of the question's nouns; for ``NAME`` a capitalised
    word that is not one of them must follow or precede one of them in ``text``
    ("der Verteidigungsminister *Umerow*").
    """
    pattern = _PASSAGE_PATTERNS.get(answer_type)
    if pattern is not None:
        return pattern.search(text) is not None
    if answer_type is AnswerType.TIME:
        return bool(DATE_RE.search(text) or TIME_RE.search(text))
    if answer_type is AnswerType.PLACE:
        return _has_place(text)
    if answer_type is AnswerType.PERSON_NAME:
        return _has_proper_name(text, asked or set())
    return NAMING_RE.search(text) is not None or _has_name_beside(text, asked or set())


def _has_place(text: str) -> bool:
    """Tell whether ``text`` names a place, not just any noun after a preposition.

    A place is a known one (a country or a capital of the alias list) after a
    preposition, a name right after a place noun ("Region *Kursk*", "im Norden"), or
    a capitalised word that is no general noun right after ``in``/``bei``/``nahe``/...
    without an article ("in *Pjöngjang*"); "in der instabilen *Lage*" and "bei
    *Zusammenstößen*" are none.
    """
    from knowledge.alterations import general_terms, places
    from knowledge.analysis import fold, stem
    from knowledge.word_classes import is_common_noun

    if _PLACE_NOUN_RE.search(text):
        return True
    for match in _PLACE_PREP_RE.finditer(text):
        folded = fold(match["name"])
        if folded in places() or stem(folded) in places():
            return True
        if match["article"] or match["prep"] in ("von", "an", "am", "auf", "zwischen"):
            continue
        if not is_common_noun(folded) and stem(folded) not in general_terms():
            return True
    return False


def _has_proper_name(text: str, asked: set[str]) -> bool:
    """Tell whether ``text`` names someone not asked about: a person, country or acronym.

    A person's name is two capitalised words in a row, neither asked nor a general noun
    (a first and a last name, "Cuauhtémoc Cárdenas", not "Region Kursk"); a country or
    an acronym ("Iran", "KCNA") may answer "Wer ist der größte Exporteur?".
    """
    from knowledge.alterations import countries
    from knowledge.analysis import fold, stem
    from knowledge.word_classes import is_common_noun

    words = re.findall(r"[\w-]+", text)
    terms = [stem(fold(w)) for w in words]
    if any(
        t not in asked and ((w[:1].isupper() and t in countries()) or (len(w) > 1 and w.isupper()))
        for w, t in zip(words, terms, strict=True)
    ):
        return True
    names = [
        w[:1].isupper() and not is_common_noun(fold(w), roles=True) and t not in asked
        for w, t in zip(words, terms, strict=True)
    ]
    return any(a and b for a, b in pairwise(names[1:]))


_COPULA_WORDS = frozenset(
    ("ist", "sind", "war", "waren", "heisst", "heissen", "lautet", "der", "die", "das", "den")
)
"""Folded words between a noun and the name it is given ("Die Konservatorien *sind das*
Royal College …")."""


def _has_name_beside(text: str, asked: set[str]) -> bool:
    """Tell whether a proper name not asked about stands next to an asked word.

    A proper name is a capitalised word that is no general noun (see
    :func:`knowledge.word_classes.is_common_noun`), or the first of two capitalised words in a
    row ("Wladimir Putin"). After a lowercase (adjective) form of an asked word stands the
    noun it describes, no name ("der ukrainischen Grenze"); after an asked noun the name
    may follow a copula and article ("Die vier Konservatorien sind das Royal College …").
    """
    from knowledge.analysis import fold, stem
    from knowledge.word_classes import is_common_noun

    words = re.findall(r"[\w-]+", text)
    folded = [fold(word) for word in words]
    terms = [stem(word) for word in folded]
    for i, term in enumerate(terms):
        if term not in asked:
            continue
        after: tuple[tuple[int, int], ...] = ()
        if words[i][:1].isupper():  # not after "ukrainischen": "ukrainischen *Grenze*"
            k = i + 1  # "Die vier Konservatorien sind das *Royal College* …"
            while k < min(len(words), i + 3) and folded[k] in _COPULA_WORDS:
                k += 1
            after = ((k, k + 1),)
        for j, beyond in ((i - 1, i - 2), *after):
            if 0 < j < len(words) and words[j][:1].isupper() and terms[j] not in asked:
                pair = 0 < beyond < len(words) and words[beyond][:1].isupper()
                if pair or not is_common_noun(folded[j], roles=True):
                    return True
    return False
