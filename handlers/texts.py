"""The dialog's interface texts in German and English (quotes stay in the article's language)."""

from __future__ import annotations

LANGUAGES = ("de", "en")

TEXTS: dict[str, dict[str, str]] = {
    "de": {
        "greeting": "Hallo{name}! Ich beantworte Fragen zu einem Nachrichtenartikel, "
        "indem ich die passenden Sätze zitiere und die Quelle nenne.",
        "greeting_articles": "Ich kenne {count} Artikel. Der erste beginnt so:",
        "greeting_article": "Der Artikel beginnt so:",
        "how_to_ask": "Stell einfach eine Frage, z. B. mit Wer, Was, Wann, Wo oder Wie viele. "
        "In Gruppen: /ask deine Frage. Alle Befehle: /help",
        "help_title": "So funktioniere ich",
        "help_intro": "Schreib mir eine Frage zum Artikel. Ich antworte mit den passenden Sätzen "
        "(Treffer fett) und der Quelle. In Gruppen antworte ich nur auf /ask, "
        "auf Erwähnungen und auf Antworten auf meine Nachrichten.",
        "help_commands": "Befehle:",
        "help_admin": "Für Admins:",
        "answer_intro": "Laut Artikel:",
        "answer_unsure": "Nicht ganz sicher – am nächsten kommt:",
        "no_answer": "Dazu steht im Artikel leider nichts: „{question}“.",
        "no_answer_closest": "Darauf gibt der Artikel keine klare Antwort. Am nächsten kommt:",
        "rephrase": "Versuch es mit anderen Worten oder frag nach etwas anderem aus dem Artikel.",
        "caption": "Bildunterschrift",
        "source_label": "Quelle: {host}",
        "source_title": "Quelle des Artikels:",
        "source_title_many": "Quellen der {count} Artikel:",
        "and_more": "… und {count} weitere.",
        "about_title": "Über den Artikel",
        "about_passages": "{count} Stellen (Sätze und Bildunterschriften), die ich zitieren kann.",
        "more_title": "Weitere Stellen zu „{question}“:",
        "more_none": "Zu „{question}“ habe ich keine weiteren Stellen.",
        "more_nothing": "Es gibt noch keine Frage, zu der ich mehr zeigen könnte. "
        "Stell zuerst eine Frage.",
        "button_more": "Mehr",
        "ask_prompt": "Was möchtest du über den Artikel wissen? Antworte auf diese Nachricht "
        "mit deiner Frage.",
        "ask_hint": "Schreib deine Frage einfach als Nachricht, z. B. „Wer hat den Vertrag "
        "unterzeichnet?“",
        "empty": "Das war keine Frage. Schreib mir, was du über den Artikel wissen möchtest.",
        "text_only": "Ich verstehe nur Fragen als Text. Schreib mir, was du über den Artikel "
        "wissen möchtest.",
        "unknown_command": "Den Befehl /{name} kenne ich nicht. /help zeigt, was ich kann.",
        "lang_current": "Ich antworte auf Deutsch. Umstellen: /lang en (English) "
        "oder /lang de (Deutsch).",
        "lang_set": "Ich antworte jetzt auf Deutsch.",
        "lang_invalid": "Die Sprache „{value}“ kenne ich nicht. Möglich sind: de, en.",
        "passages_current": "Ich zeige bis zu {count} Stellen pro Antwort. "
        "Ändern: /passages 1 bis {limit}.",
        "passages_set": "Ab jetzt zeige ich bis zu {count} Stellen pro Antwort.",
        "passages_invalid": "Bitte eine Zahl von 1 bis {limit} angeben, z. B. /passages 2.",
        "privacy": "Was ich speichere: deine Fragen (Text, Zeitpunkt, Chat- und Nutzer-ID, ob "
        "und wie gut ich sie beantworten konnte, Antwortzeit), deine Bewertungen 👍/👎 und die "
        "Einstellungen des Chats (Sprache, Stellen pro Antwort). Namen, Telefonnummern und "
        "andere Gruppennachrichten speichere ich nicht. Fragen und Bewertungen lösche ich "
        "nach {days} Tagen, mit /forget sofort. Admins sehen nur Statistiken und häufige "
        "unbeantwortete Fragen.",
        "forgotten": "Gelöscht: {questions} Fragen und {votes} Bewertungen von dir.",
        "admin_only": "Dieser Befehl ist nur für Admins.",
        "stats_title": "Statistik",
        "stats_body": "Fragen: {questions} von {users} Nutzern\n"
        "Beantwortet: {answered} ({rate:.0%})\n"
        "Bewertungen: 👍 {up} · 👎 {down}\n"
        "Mittlere Antwortzeit: {latency}",
        "stats_unanswered": "Häufigste unbeantwortete Fragen:",
        "unanswered_title": "Unbeantwortete oder 👎-Fragen, häufigste zuerst:",
        "list_empty": "Keine.",
        "flood": "Langsam bitte – zu viele Nachrichten in einer Minute. Ich antworte gleich "
        "wieder.",
        "vote_saved": "Danke für die Bewertung!",
        "vote_changed": "Bewertung geändert.",
        "vote_same": "Diese Bewertung hattest du schon abgegeben.",
        "button_stale": "Diese Schaltfläche ist nicht mehr gültig.",
        "error": "Entschuldigung, da ist etwas schiefgegangen. Bitte versuch es gleich noch "
        "einmal.",
    },
    "en": {
        "greeting": "Hello{name}! I answer questions about a news article by quoting the "
        "sentences that answer them, with the source.",
        "greeting_articles": "I know {count} articles. The first one begins:",
        "greeting_article": "The article (in German) begins:",
        "how_to_ask": "Just ask a question, e.g. with who, what, when, where or how many. "
        "In groups: /ask your question. All commands: /help",
        "help_title": "How I work",
        "help_intro": "Send me a question about the article. I answer with the matching "
        "sentences (matches in bold, quoted in German) and the source. In groups I only answer "
        "/ask, mentions and replies to my messages.",
        "help_commands": "Commands:",
        "help_admin": "For admins:",
        "answer_intro": "The article says (quoted in German):",
        "answer_unsure": "Not quite sure – the closest passage is:",
        "no_answer": "Sorry, the article does not say: “{question}”.",
        "no_answer_closest": "The article gives no clear answer to that. The closest passage is:",
        "rephrase": "Try other words, or ask about something else in the article.",
        "caption": "Photo caption",
        "source_label": "Source: {host}",
        "source_title": "The article's source:",
        "source_title_many": "Sources of the {count} articles:",
        "and_more": "… and {count} more.",
        "about_title": "About the article",
        "about_passages": "{count} passages (sentences and photo captions) I can quote.",
        "more_title": "More passages for “{question}”:",
        "more_none": "I have no further passages for “{question}”.",
        "more_nothing": "There is no question yet to show more for. Ask a question first.",
        "button_more": "More",
        "ask_prompt": "What would you like to know about the article? Reply to this message "
        "with your question.",
        "ask_hint": "Just send your question as a message, e.g. “Who signed the treaty?”",
        "empty": "That was not a question. Tell me what you would like to know about the article.",
        "text_only": "I only understand questions written as text. Tell me what you would like "
        "to know about the article.",
        "unknown_command": "I don't know the command /{name}. /help shows what I can do.",
        "lang_current": "I answer in English. Switch: /lang de (Deutsch) or /lang en (English).",
        "lang_set": "I'll answer in English from now on.",
        "lang_invalid": "I don't know the language “{value}”. Choose one of: de, en.",
        "passages_current": "I show up to {count} passages per answer. "
        "Change it: /passages 1 to {limit}.",
        "passages_set": "From now on I show up to {count} passages per answer.",
        "passages_invalid": "Please give a number from 1 to {limit}, e.g. /passages 2.",
        "privacy": "What I store: your questions (text, time, chat and user id, whether and how "
        "well I could answer them, response time), your 👍/👎 votes, and the chat's settings "
        "(language, passages per answer). I do not store names, phone numbers or other group "
        "messages. Questions and votes are deleted after {days} days, or at once with /forget. "
        "Admins see only statistics and frequent unanswered questions.",
        "forgotten": "Deleted: {questions} of your questions and {votes} of your votes.",
        "admin_only": "This command is for admins only.",
        "stats_title": "Statistics",
        "stats_body": "Questions: {questions} from {users} users\n"
        "Answered: {answered} ({rate:.0%})\n"
        "Votes: 👍 {up} · 👎 {down}\n"
        "Mean response time: {latency}",
        "stats_unanswered": "Most frequent unanswered questions:",
        "unanswered_title": "Unanswered or 👎 questions, most frequent first:",
        "list_empty": "None.",
        "flood": "Slow down, please – too many messages in one minute. I'll answer again shortly.",
        "vote_saved": "Thanks for your vote!",
        "vote_changed": "Vote changed.",
        "vote_same": "You had already voted that way.",
        "button_stale": "This button is no longer valid.",
        "error": "Sorry, something went wrong. Please try again in a moment.",
    },
}

COMMAND_HELP: dict[str, dict[str, str]] = {
    "de": {
        "start": "Begrüßung und worum es geht",
        "help": "Hilfe und alle Befehle",
        "ask": "eine Frage zum Artikel stellen (/frage)",
        "source": "Link zum Artikel (/quelle)",
        "about": "der Artikel in Kürze",
        "more": "weitere Stellen zur letzten Frage",
        "lang": "Sprache: de oder en",
        "passages": "Stellen pro Antwort (1–10)",
        "privacy": "was ich speichere und wie lange",
        "forget": "deine Fragen und Bewertungen löschen",
        "stats": "Statistik",
        "unanswered": "unbeantwortete oder 👎-Fragen",
    },
    "en": {
        "start": "greeting and what this is about",
        "help": "help and all commands",
        "ask": "ask a question about the article",
        "source": "link to the article",
        "about": "the article in brief",
        "more": "more passages for the last question",
        "lang": "language: de or en",
        "passages": "passages per answer (1–10)",
        "privacy": "what I store and for how long",
        "forget": "delete your questions and votes",
        "stats": "statistics",
        "unanswered": "unanswered or 👎 questions",
    },
}


def t(lang: str, key: str, **values: object) -> str:
    """Return the text ``key`` in ``lang`` (German if unknown), formatted with ``values``."""
    table = TEXTS.get(lang, TEXTS["de"])
    return table[key].format(**values) if values else table[key]
