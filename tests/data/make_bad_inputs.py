"""Write ``bad_inputs.jsonl``: the corpus of hostile and odd messages the bot must survive.

Run ``python tests/data/make_bad_inputs.py`` to regenerate it. Each line is a JSON object
``{"category": ..., "text": ...}``; JSON escapes keep NUL, control characters and lone
surrogates intact (as Telegram's JSON can carry them).
"""

from __future__ import annotations

import json
from pathlib import Path

QUESTION = "Wer hat den Vertrag ratifiziert?"


def corpus() -> list[tuple[str, str]]:
    """Return (category, text) pairs."""
    items: list[tuple[str, str]] = []

    def add(category: str, *texts: str) -> None:
        items.extend((category, text) for text in texts)

    add("empty", "", " ", "  ", "\t", "\n", "\r\n", " \n \t ", "\u00a0", "\u2003", "\u3000",
        "\u2028", "\u2029", "\u200b", "\ufeff", "\u180e", " " * 4096, "\n" * 200)
    add("one_char", *"aAzZ?!.,;:-_0189äöüßÄ€$§%&/()=*+#'\"<>|\\@^`~{}[]")
    add("one_char", "😀", "👍", "\u00e9", "\u0301", "я", "中", "ع", "א", "ß")
    add("exact_4096", "a" * 4096, "ä" * 4096, ("Vertrag " * 512)[:4096], "😀" * 2048,
        (QUESTION + " ") * (4096 // (len(QUESTION) + 1)) + "x" * (4096 % (len(QUESTION) + 1)),
        "<b>" * 1365 + "x", "&" * 4096, "\n".join(["Frage?"] * 585) + "x",
        ("Wer " * 1024)[:4096])
    add("over_4096", "a" * 4097, "<" * 5000, "Vertrag? " * 600)
    add("stop_words", "der die das", "und oder aber", "ist es ein", "the of and",
        "wer wie was", "Wer? Wie? Was?", "ich du er sie es", "in an auf", "nicht kein",
        "a an the", "le la les", "der der der der", "DIE DAS DER", "und", "oder?")
    add("punctuation", "?", "???", "...", "!!!", "?!?!", "¿¡", "—–-", "…", ".,;:", "()",
        "[]{}", "«»„“", "''''", '""""', "////", "\\\\\\", "@#$%^&*", "- - -", "?" * 4096)
    add("emoji", "😀😀😀", "👍👎", "🇩🇪", "🇰🇵🇷🇺", "👨‍👩‍👧‍👦", "👍🏽", "🏳️‍🌈", "❤️", "🤷‍♀️",
        "😀 Wer hat den Vertrag ratifiziert? 😀", "🔥" * 100, "\U0001f9ea\u200d", "☃",
        "🫠🫡🫥", "#️⃣")
    add("rtl", "من وقع المعاهدة؟", "מי חתם על ההסכם?", "\u202eWer hat ratifiziert?",
        "\u202e\u202d\u202c", "abc \u200f def \u200e", "\u2067Vertrag\u2069",
        "Vertrag \u202eغدقت\u202c ratifiziert", "؟؟؟", "\u061c", "ميثاق " * 50,
        "\u202b" * 100, "Wer hat \u202edas Dekret\u202c unterzeichnet?")
    add("invisible", "\u200b\u200c\u200d", "Wer\u200bhat\u200bden\u200bVertrag?",
        "\u2060" * 10, "\u00ad" * 20, "Ver\u00adtrag", "\u034f", "\u115f\u1160",
        "\u3164", "\ufe0f" * 5, "\u200d" * 50, "\U000e0041\U000e0042", "\u17b4")
    add("control", *(chr(c) for c in (*range(1, 32), 127)))
    add("control", "Wer\x07hat\x08den\x1bVertrag?", "\x1b[31mrot\x1b[0m", "a\rb",
        "\x85", "\x9b31m", "line1\x0bline2\x0cline3")
    add("nul", "\x00", "\x00" * 100, "Wer\x00hat den Vertrag ratifiziert?", "/ask\x00",
        "/lang \x00de", "\x00/start")
    add("surrogate", "\ud800", "\udfff", "\udc00\ud800", "Wer \ud83d hat?",
        "Vertrag\udead", "/ask \ud800", "\ud83d\ude00\ud83d")
    add("html", "<b>", "</b>", "<b>fett", "</blockquote>", "<blockquote>",
        "</blockquote><b>x", '<a href="javascript:alert(1)">klick</a>',
        '<a href="tg://user?id=1">x</a>', "<script>alert(1)</script>",
        "<img src=x onerror=alert(1)>", "<tg-spoiler>geheim</tg-spoiler>",
        "<pre><code>x</code></pre>", "&amp;", "&lt;b&gt;", "&", "&#0;", "&#x110000;",
        "<b><i><u>", "<<<>>>", "</a></b></i></blockquote></pre>", "<!-- x -->",
        "<![CDATA[x]]>", "<?xml?>", '"><b>', "Wer hat <b>den</b> Vertrag ratifiziert?",
        "<a href='https://evil.example/?q=<b>'>", "<blockquote expandable>x</blockquote>",
        "<span class=tg-spoiler>", "<b>" * 100, "</blockquote>" * 100)
    add("markdown", "*fett*", "_kursiv_", "**", "__", "[x](http://evil.example)",
        "[x](javascript:alert(1))", "`code`", "```\ncode\n```", "~~durch~~", "||spoiler||",
        "\\*", "*_[]()~`>#+-=|{}.!", "# Überschrift", "> Zitat", "- [ ] todo")
    add("sql", "'; DROP TABLE questions;--", "1 OR 1=1", '" OR ""="',
        "Robert'); DROP TABLE students;--", "' UNION SELECT * FROM feedback --",
        "%' OR '1'='1", "1; DELETE FROM chats", "admin'--", "' OR 1=1 LIMIT 1 --",
        "'; PRAGMA writable_schema=1;--", "\\'; ATTACH DATABASE '/tmp/x' AS x;--",
        "SELECT sqlite_version()", "?", "?1 ?2 :name @x $y")
    add("format", "%s %d %n %x", "{0} {name} {}", "${HOME}", "$(id)", "`id`", "%(token)s",
        "{{7*7}}", "${{7*7}}", "\\n\\t\\x00", "%00", "%0a%0d", "\\u0000")
    add("command", "/lang xx", "/lang", "/lang de en", "/lang <b>", "/lang 😀",
        "/lang " + "x" * 5000, "/more 999999", "/more -1", "/more", "/more more more",
        "/ask@", "/ask@@", "/ask@OtherBot Wer hat ratifiziert?", "/ask@ArticleBot",
        "/ask", "/ask    ", "/ask " + "?" * 10, "/frage", "/quelle x", "/source junk",
        "/passages 0", "/passages 999", "/passages abc", "/passages -3", "/passages 1e9",
        "/start junk", "/start " + "x" * 4000, "/help ???", "/stats", "/stats all",
        "/unanswered", "/forget now", "/privacy?", "/about <b>", "/unknown", "/", "//",
        "/ASK Wer hat ratifiziert?", "/Start", "/" + "a" * 1000, "/ask\nWer?", "/ask\t\t",
        "/lang\u200bde", "/😀", "/ask@ArticleBot@ArticleBot x", "/ask@" + "x" * 200,
        "/more@ArticleBot 1", "/lang@OtherBot en", "/%s", "/ask /ask /ask", "/.", "/-1")
    add("long_word", "a" * 10000, "Vertrag" * 1500, "ä" * 10000, "😀" * 5000,
        ("Donaudampfschifffahrt" * 500))
    add("mixed_script", "Wer hat den договор ratifiziert?", "Кim Jong Un", "Vеrtrag",
        "Ratifizierung 批准 ратификация", "Ким Чен Ын подписал", "金正恩 unterzeichnete",
        "Ρωσία Vertrag", "वेरट्राग", "ᚠᚢᚦ", "Zürich Zürich", "ǅemal", "İstanbul ı",
        "ﬁnanz ﬂug", "Ⅻ Ⓥ ⓔⓡⓣⓡⓐⓖ", "𝐕𝐞𝐫𝐭𝐫𝐚𝐠", "Ｖｅｒｔｒａｇ", "vertrag\u0308")
    add("combining", "Z\u0351\u0336\u034a\u0300a\u0337\u0300l\u0300g\u0300o" * 20,
        "a" + "\u0301" * 500, "e\u0301 é", "\u0300" * 100, "ﷺ" * 100, "𒐫" * 100)
    add("url", "https://evil.example/?q=<b>", "tg://user?id=1", "javascript:alert(1)",
        "http://127.0.0.1:8081/bot123:ABC/getMe", "file:///etc/passwd",
        "data:text/html,<b>x</b>", "https://vtcnews.vn/" + "a" * 3000, "www.example.com")
    add("mention", "@ArticleBot", "@", "@@@", "@OtherBot Wer hat ratifiziert?",
        "@ArticleBot " * 50, "@articlebot wer hat ratifiziert", "@ArticleBot\u200b x")
    add("numbers", "0", "-1", "1e308", "NaN", "inf", "999999999999999999999999", "0x41",
        "12. November", "2024", "3.14159", "-0", "1/0")
    add("whitespace_mix", "Wer\u00a0hat\u2003den\u3000Vertrag?", "\t\tWer hat?\t\t",
        "Wer\n\n\n\nhat\n\n\nden\nVertrag?", " " * 100 + "Vertrag" + " " * 100,
        "Wer hat den Vertrag ratifiziert?" + "\n" * 1000)
    add("question", QUESTION, QUESTION.upper(), QUESTION.lower(), "wer hat ratifiziert",
        "wann tritt der pakt in kraft", "Who ratified the treaty?", "Vertrag", "Kim",
        "Putin", "Russland Nordkorea", "Wer hat das Fußballspiel gewonnen?")
    return items


def main() -> None:
    """Write the corpus next to this script."""
    target = Path(__file__).with_name("bad_inputs.jsonl")
    lines = [json.dumps({"category": c, "text": t}) for c, t in corpus()]
    target.write_text("\n".join(lines) + "\n", encoding="ascii")
    print(f"wrote {len(lines)} messages to {target}")


if __name__ == "__main__":
    main()
