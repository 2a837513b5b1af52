"""Overriding earlier instructions, and revealing the system prompt, in ten more languages.

The most common injection ("ignore all previous instructions") is translated as
often as it is written in English. Each language gets the same three features,
written for its grammar rather than translated word by word:

* a verb that discards (ignore, forget, no longer follow…), in the imperative;
* an instruction noun (instructions, rules, directives, prompt…);
* a marker that the instructions are the *earlier* ones or the model's own
  (previous, above, initial, all, your…).

Verb-first languages (French, Spanish, Portuguese, Italian, German, Russian,
Arabic) need the verb, then the noun within a few words, with the marker
anywhere in that stretch or just after the noun. Verb-final languages (Japanese,
Korean) need marker, noun, verb in that order. Requiring all three keeps
descriptions ("Mike a oublié les consignes", "Die Anweisungen des Arztes") and
bare imperatives about other things out; past forms of the verbs are not listed.

A second table matches a request to show the system prompt in the same
languages. Chinese lives in :mod:`memstack.screen.injection_zh` and English in
:mod:`memstack.screen.injection` and :mod:`memstack.screen.intent`.

Cyrillic is matched as Cyrillic: the folded view only maps Cyrillic look-alikes
inside words that also hold Latin letters (see :mod:`memstack.screen._text`),
and Arabic vowel marks are dropped from the folded view.
"""

from __future__ import annotations

import re

from ._rules import Pattern

__all__ = ["LANGUAGES", "PATTERNS"]

_STOP = r"[^.!?\n。！？]"


def _verb_first(verb: str, noun: str, prior: str) -> re.Pattern[str]:
    # The marker may sit between verb and noun ("toutes les consignes") or right after
    # the noun ("les consignes précédentes"): a lookahead from the verb covers both.
    return re.compile(
        r"(?<!\w)(?:" + verb + r")(?!\w)(?=" + _STOP + r"{0,70}?(?<!\w)(?:" + prior + r")(?!\w))"
        + _STOP + r"{0,40}?(?<!\w)(?:" + noun + r")"
    )


def _verb_last(prior: str, noun: str, verb: str) -> re.Pattern[str]:
    return re.compile(
        r"(?:" + prior + r")" + _STOP + r"{0,20}?(?:" + noun + r")" + _STOP + r"{0,14}?(?:"
        + verb + r")"
    )


# language: (verbs, nouns, markers); verbs are imperatives (and the polite forms).
_VERB_FIRST: dict[str, tuple[str, str, str]] = {
    "French": (
        r"ignore[sz]?|ignorez|oublie[sz]?|oubliez|ne (?:tiens|tenez) (?:plus |pas )?compte"
        r"|fai(?:s|tes) abstraction|écarte[sz]?|abandonne[sz]?|ne (?:suis|suivez|respecte|"
        r"respectez) plus|annule[sz]?|passe[sz]? outre",
        r"instructions?|consignes?|règles?|directives?|indications?|ordres|prompts?|"
        r"contraintes|restrictions|message système",
        r"précédente?s?|antérieure?s?|ci-dessus|plus haut|d'avant|de départ|initiale?s?|"
        r"originale?s?|auparavant|reçue?s?|système|toutes|tous|tes|vos|ton|votre",
    ),
    "Spanish": (
        r"ignora|ignore|ignoren|ignorad|olvida|olvide|olviden|olvidad|descarta|descarte|"
        r"desestima|desestime|omite|omita|haz caso omiso|no hagas caso|no tengas en cuenta|"
        r"deja de seguir|no sigas",
        r"instrucciones|instrucción|indicaciones|reglas|normas|directrices|órdenes|consignas|"
        r"prompt|restricciones",
        r"anteriores|previas|previos|de antes|del sistema|originales|iniciales|de arriba|"
        r"anteriormente|todas|todos|tus|sus",
    ),
    "Portuguese": (
        r"ignore|ignora|ignorem|esqueça|esqueca|esquece|esqueçam|desconsidere|desconsidera|"
        r"descarte|descarta|despreze|não siga|nao siga|deixe de seguir|pare de seguir",
        r"instruções|instrucoes|instrução|regras|diretrizes|orientações|ordens|comandos|prompt|"
        r"restrições",
        r"anteriores|prévias|previas|de antes|do sistema|originais|iniciais|acima|todas|todos|"
        r"suas|tuas",
    ),
    "Italian": (
        r"ignora|ignori|ignorate|dimentica|dimentichi|dimenticate|trascura|trascurate|scarta|"
        r"non seguire|non tenere conto|smetti di seguire|lascia perdere",
        r"istruzioni|istruzione|regole|direttive|indicazioni|ordini|prompt|consegne|"
        r"restrizioni",
        r"precedenti|di prima|del sistema|di sistema|originali|iniziali|sopra|tutte|tutti|"
        r"tue|sue",
    ),
    "German": (
        r"ignoriere|ignorier|ignorieren sie|ignoriert|vergiss|vergesst|vergessen sie|"
        r"missachte|missachtet|missachten sie|übergehe|verwirf|verwerfe|beachte nicht|"
        r"befolge nicht mehr|befolgt nicht mehr|hör auf|höre auf",
        r"anweisungen|anweisung|regeln|vorgaben|richtlinien|befehle|instruktionen|anordnungen|"
        r"systemprompt|system-prompt|prompt|vorschriften|einschränkungen|systemanweisungen|"
        r"systemregeln|systemvorgaben",
        r"vorherigen?|vorigen?|bisherigen?|früheren?|obigen?|ursprünglichen?|alten|alle|"
        r"sämtliche|deine|ihre|eure|systemanweisungen|systemregeln|systemvorgaben",
    ),
    "Russian": (
        r"игнорируй(?:те)?|проигнорируй(?:те)?|забудь(?:те)?|не обращай(?:те)? внимания|"
        r"отбрось(?:те)?|не следуй(?:те)?|не выполняй(?:те)?|перестань(?:те)? следовать|"
        r"отмени(?:те)?",
        r"инструкци\w*|указани\w*|правил\w*|команд\w*|промпт\w*|директив\w*|установк\w*|"
        r"ограничени\w*",
        r"предыдущ\w*|прежн\w*|прошл\w*|ранее|ранн\w*|все|всё|свои|твои|ваши|системн\w*|"
        r"выше|исходн\w*|старые",
    ),
    "Arabic": (
        r"تجاهل|تجاهلي|تجاهلوا|انس|إنس|انسي|لا تلتزم|لا تلتزمي|لا تتبع|لا تتبعي|اترك|أهمل|"
        r"اهمل|تخط|تخطى|لا تطع|ألغ",
        r"التعليمات|تعليمات|الأوامر|أوامر|الاوامر|القواعد|قواعد|الإرشادات|الارشادات|"
        r"التوجيهات|توجيهات|بالتعليمات|بالأوامر|بالقواعد|بالتوجيهات|بالإرشادات",
        r"السابقة|السابق|الأصلية|الاصلية|الأولى|القديمة|كل|جميع|أعلاه",
    ),
}
_VERB_LAST: dict[str, tuple[str, str, str]] = {
    "Japanese": (
        r"これまで|今まで|以前|前の|先の|上記|上の|すべて|全て|全部|元の|最初の|システム|既存|"
        r"あなたの|与えられた",
        r"指示|命令|ルール|規則|指令|プロンプト|設定|制約|ガイドライン",
        r"無視|忘れ|破棄|従わな|従うな|取り消",
    ),
    "Turkish": (
        r"önceki|daha önce|tüm|bütün|eski|sana verilen|size verilen|ilk|orijinal|sistem",
        r"talimat|kural|yönerge|komut|istem|direktif",
        r"unut|yok say|görmezden gel|dikkate alma|uyma|boşver|iptal et",
    ),
    "Korean": (
        r"이전|앞의|앞서|위의|위에|지금까지|기존|모든|원래|처음|시스템|너의|당신의",
        r"지시|지침|명령|규칙|프롬프트|설정|안내|제한",
        r"무시|잊어|잊고|잊으|따르지 ?마|따르지 ?말|폐기|취소",
    ),
}

LANGUAGES: tuple[str, ...] = tuple(_VERB_FIRST) + tuple(_VERB_LAST)
"""Languages with a table here (English and Chinese have their own modules)."""

_SYSTEM_PROMPT = (
    r"prompt (?:du )?système|instructions (?:du )?système|prompt del sistema|prompt de sistema|"
    r"instrucciones del sistema|prompt do sistema|instruções do sistema|prompt di sistema|"
    r"istruzioni di sistema|systemprompt|system-prompt|systemanweisungen|"
    r"системн\w* (?:промпт\w*|подсказк\w*|инструкци\w*)|システムプロンプト|システム指示|"
    r"시스템 ?프롬프트|시스템 ?지침|موجه النظام|تعليمات النظام"
)
_SHOW = (
    r"affiche[sz]?|montre[sz]?|révèle[sz]?|donne[sz]?|dis|écris|muestra|revela|dame|dime|"
    r"escribe|imprime|zeig|zeige|gib|verrate|nenne|drucke|покажи(?:те)?|выведи(?:те)?|"
    r"раскрой(?:те)?|напиши(?:те)?|сообщи(?:те)?|mostra|rivela|dammi|scrivi|stampa|mostre|"
    r"revele|escreva|imprima|表示|見せ|教え|出力|書い|보여|출력|공개|알려|اعرض|أظهر|اكشف|اطبع"
)



def _keys(alternation: str) -> tuple[str, ...]:
    """Literal prefixes of a regex alternation: one of them must occur for a match.

    Example:
        >>> _keys("instructions?|règles?|시스템 ?지침")
        ('instruction', 'règle', '시스템')
    """
    keys = []
    for alt in alternation.split("|"):
        cut = len(alt)
        for i, ch in enumerate(alt):
            if ch in "?*+{":
                cut = i - 1
                break
            if ch in "(\\[":
                cut = i
                break
        keys.append(alt[:cut].strip())
    return tuple(dict.fromkeys(k for k in keys if k))


PATTERNS: tuple[Pattern, ...] = tuple(
    Pattern(
        _verb_first(verb, noun, prior), "injection", "high",
        f"instruction to override earlier instructions ({language})", keys=_keys(noun),
    )
    for language, (verb, noun, prior) in _VERB_FIRST.items()
) + tuple(
    Pattern(
        _verb_last(prior, noun, verb), "injection", "high",
        f"instruction to override earlier instructions ({language})", keys=_keys(noun),
    )
    for language, (prior, noun, verb) in _VERB_LAST.items()
) + (
    Pattern(
        re.compile(
            r"(?<!\w)(?:" + _SHOW + r")(?!\w)" + _STOP + r"{0,30}?(?:" + _SYSTEM_PROMPT + r")"
            r"|(?:" + _SYSTEM_PROMPT + r")" + _STOP + r"{0,20}?(?:" + _SHOW + r")"
        ),
        "injection", "high", "request to reveal the system prompt (non-English)",
        keys=_keys(_SYSTEM_PROMPT),
    ),
)  # fmt: skip
