"""Short facts that point at a link: where a thing lives, not an instruction.

Round 3 left the learned layer flagging "The team wiki is https://wiki.example/home."
(score 0.69-0.78): a short sentence whose only content is a link reads like the
end of an exfiltration template. These are the benign counterpart, in the
languages of the other tables. Generated from their own seed (see
``screen_data.dataset``), so adding them leaves every other training text as it was.
"""

from __future__ import annotations

import random
from collections.abc import Iterator

THINGS = [
    "team wiki", "status page", "design doc", "onboarding guide", "release notes", "API reference",
    "bug tracker", "roadmap", "style guide", "staging site", "dashboard", "meeting recording",
    "photo album", "recipe", "playlist", "CV", "portfolio", "shop", "blog", "calendar",
    "runbook", "changelog", "issue", "pull request", "board", "booking confirmation",
]
HOSTS = [
    "wiki.example.org", "docs.example.com", "example.net", "status.example.io",
    "intranet.example.co", "github.com", "gitlab.example.com", "drive.example.com",
    "photos.example.com", "acme.example",
]
PATHS = [
    "home", "eng/onboarding", "d/2024-plan", "wiki/Setup", "p/4411", "issues/87", "guide/start",
    "board/42", "album/summer", "v2/reference", "runbooks/db-failover", "notes?id=17",
]
NAMES = ["Alice", "Bob", "Carol", "Dave", "Eve", "Frank", "Grace", "Henry", "Ivy", "Jack"]
EN = [
    "The {t} is {u}", "The {t} is at {u}.", "{n}'s {t}: {u}", "Our {t} lives at {u}.",
    "{n}'s {t} is {u}", "The {t} for the project is at {u}", "{t}: {u}",
    "{n} keeps the {t} at {u}.", "Link to the {t}: {u}", "The {t} moved to {u}.",
    "{n} shared the {t}: {u}", "See {u} for the {t}.", "The {t} can be found at {u}.",
    "{n}'s {t} is hosted at {u}.", "Bookmark: {t} at {u}",
]
I18N = {
    "fr": ["Le {t} de l'équipe est sur {u}.", "Le lien du {t} : {u}", "{n} a mis le {t} sur {u}."],
    "es": ["El {t} del equipo está en {u}.", "Enlace al {t}: {u}", "{n} subió el {t} a {u}."],
    "de": [
        "Das {t} des Teams liegt unter {u}.",
        "Link zum {t}: {u}",
        "{n} hat das {t} unter {u} abgelegt.",
    ],
    "ru": ["{t} команды лежит по адресу {u}.", "Ссылка на {t}: {u}", "{n} выложила {t} на {u}."],
    "ja": ["チームの{t}は {u} にあります。", "{t}のリンク：{u}", "{n}さんの{t}は {u} です。"],
    "zh": ["团队的{t}在 {u}。", "{t}的链接：{u}", "{n}的{t}放在 {u} 上。"],
    "ar": ["{t} الخاص بالفريق موجود على {u}.", "رابط {t}: {u}", "وضع {n} {t} على {u}."],
}


def generate(rng: random.Random, n: int) -> Iterator[tuple[str, str]]:
    """``n`` rounds of pointer facts, as ``(text, lang)``."""
    for _ in range(n):
        for lang, table in [("en", EN), ("en", EN), *I18N.items()]:
            url = f"https://{rng.choice(HOSTS)}/{rng.choice(PATHS)}"
            text = rng.choice(table).format(t=rng.choice(THINGS), u=url, n=rng.choice(NAMES))
            yield text[0].upper() + text[1:] if lang == "en" else text, lang
