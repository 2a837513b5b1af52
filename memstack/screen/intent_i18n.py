"""Persona and governance moves in other languages: the same features as the English families.

:mod:`memstack.screen.intent` describes what an injected memory must *do*, in
English. Two of those moves are written here for French, Spanish, Portuguese,
Italian, German, Russian and Japanese (and, for priority over the system
prompt, Chinese and Arabic), each as the same combination of features, so a
paraphrase that keeps the move is caught whatever its words:

* **persona without rules**: the model addressed in the second person as
  something ("tu es", "eres", "du bist", "ты", "あなたは"), an AI noun, and the
  absence of rules ("sans aucune restriction", "sin filtros", "ohne Regeln",
  "без ограничений", "制限のない") in the same sentence; or an order to keep the
  role ("ne sors jamais du personnage", "no salgas del papel", "bleib in dieser
  Rolle", "не выходи из роли", "キャラクターを崩さない");
* **governance**: a claim of priority over the system prompt or the safety
  rules ("prime sur tes instructions système", "hat Vorrang vor deinem
  Systemprompt", "优先级高于系统提示词", "أولوية أعلى من تعليمات النظام"), or
  memories that no longer need a human ("ya no necesitan aprobación humana",
  "不需要人工审核", "без модерации").

Requiring every feature keeps descriptions out: "Marie est une IA chercheuse"
has no absence of rules, "Die Kinder spielen ohne Regeln" no second person and
no AI, "La sécurité passe avant tout" no system prompt.
"""

from __future__ import annotations

import re

from ._cooccur import keys_of, together
from ._rules import Pattern

__all__ = ["NEGATION", "PATTERNS"]

_S = r"[^.!?\n。！？]"  # within one sentence

# language: (second person as something, AI noun, no rules)
_PERSONA: dict[str, tuple[str, str, str]] = {
    "French": (
        r"\btu (?:es|seras|deviens)\b|\bvous (?:êtes|serez|devenez)\b|\bjoue(?:z)? le rôle\b|"
        r"\bincarnes?(?:z)?\b",
        r"\b(?:ia|intelligence artificielle|assistant|modèle|bot|chatbot)\b",
        r"\bsans (?:aucune? |la moindre |plus de )?(?:restrictions?|limites?|filtres?|règles?|"
        r"censure|garde-fous?|éthique)\b|\baucune? (?:restriction|limite|règle|censure)\b|"
        r"\bne refuse(?:s|z)? (?:jamais|rien)\b",
    ),
    "Spanish": (
        r"\b(?:eres|serás|ahora eres|actúa como|interpreta a)\b",
        r"\b(?:ia|inteligencia artificial|asistente|modelo|bot|chatbot)\b",
        r"\bsin (?:ningún |ninguna |ningunas? )?(?:restricci(?:ón|ones)|l[ií]mites?|filtros?|"
        r"reglas?|normas?|censura|ética)\b|\bnunca (?:te )?niegas?\b|\bresponde a todo\b",
    ),
    "Portuguese": (
        r"\b(?:você é|tu és|agora és|agora você é|atue como|interprete)\b",
        r"\b(?:ia|inteligência artificial|assistente|modelo|bot|chatbot)\b",
        r"\bsem (?:nenhuma |qualquer )?(?:restrições|restrição|limites?|filtros?|regras?|"
        r"censura|ética)\b|\bnunca recusa\b",
    ),
    "Italian": (
        r"\b(?:sei|ora sei|sarai|comportati come|interpreta)\b",
        r"\b(?:ia|intelligenza artificiale|assistente|modello|bot|chatbot)\b",
        r"\bsenza (?:alcuna |nessuna |alcun |nessun )?(?:restrizion[ei]|limit[ei]|filtr[oi]|"
        r"regol[ae]|censura|etica)\b|\bnon rifiuti mai\b",
    ),
    "German": (
        r"\b(?:du bist|bist du|sie sind|sind sie|du wirst|wirst du|spiel(?:e|st)? die rolle|"
        r"verhalte dich wie)\b",
        r"\b(?:ki|künstliche intelligenz|assistent(?:in)?|modell|bot|chatbot)\b",
        r"\bohne (?:jegliche |alle |irgendwelche )?(?:einschränkungen|regeln|filter|grenzen|"
        r"zensur|ethik)\b|\bkeine (?:regeln|einschränkungen|filter|grenzen)\b|"
        r"\blehnst nie(?:mals)? ab\b|\bunzensiert\w*|\bnie(?:mals)? ablehnt\b|\blehnt nie\b",
    ),
    "Russian": (
        r"(?<!\w)(?:ты|вы|теперь ты|теперь вы|играй роль|сыграй роль)(?!\w)",
        r"(?<!\w)(?:ии|искусственный интеллект|ассистент\w*|модель\w*|бот\w*|чат-бот\w*)(?!\w)",
        r"(?<!\w)без (?:каких-либо |всяких |любых )?(?:ограничений|правил|фильтров|цензуры|"
        r"запретов)(?!\w)|(?<!\w)нет (?:ограничений|правил|фильтров)(?!\w)|"
        r"(?<!\w)никогда не отказыва\w*|(?<!\w)не призна[её]\w* (?:никаких |никакие )?(?:правил|"
        r"ограничений|запретов)|(?<!\w)включая запрещ\w*|(?<!\w)(?:объясня|отвеча|расскаж)\w* "
        r"(?:что угодно|обо всём|на всё)",
    ),
    "Arabic": (
        r"(?<!\w)(?:أنت|انت|أنتِ)(?!\w)|(?<!\w)(?:العب|تقمص|تقمّص) دور",
        r"ذكاء اصطناعي|الذكاء الاصطناعي|مساعد|نموذج|بوت|روبوت",
        r"(?:بلا|بدون|دون) (?:أي |أية )?(?:قيود|قواعد|حدود|رقابة|فلاتر|فلترة|ضوابط)|"
        r"لا (?:ترفض|يرفض) (?:أبدا|أبدًا|أي)|حتى الممنوع|لا (?:يعترف|تعترف) بأي (?:سياسة|قواعد|قيود|"
        r"قانون)",
    ),
    "Korean": (
        r"너는|넌|당신은|너의 역할",
        r"ai|인공지능|어시스턴트|모델|봇|챗봇",
        r"(?:제한|규칙|필터|검열|제약)(?:이|은|도)? ?(?:하나도 |전혀 )?(?:없는|없이|없어)|"
        r"거절하지 않",
    ),
    "Japanese": (
        r"あなたは|君は|お前は|あなたの役|として振る舞",
        r"ai|ＡＩ|アシスタント|モデル|ボット|人工知能",
        r"(?:制限|ルール|フィルター|制約|規則|倫理|検閲)(?:の|が)?(?:ない|無い|なし|無し|一切ない)|"
        r"何でも答える|拒否しない|断らない",
    ),
}

# language: an order to play a role ("answer as the character X", "spielst du"):
# it names whom the model addresses, so it stands for the second person and the AI noun.
_ROLE_ORDER: dict[str, str] = {
    "French": r"\b(?:réponds|répondez|parle|parlez|agis|agissez) comme\b|\bjoue(?:z)? (?:le rôle|"
              r"le personnage)\b|\bincarnes?\b|\bdeviens\b",
    "Spanish": r"\b(?:responde|responda|habla|actúa|compórtate) como\b|"
               r"\binterpreta (?:a|el papel)\b|\bconviértete en\b",
    "Portuguese": r"\b(?:responda|responde|fale|aja|comporte-se) como\b|\binterprete\b|"
                  r"\btorne-se\b",
    "Italian": r"\b(?:rispondi|parla|agisci|comportati) come\b|\binterpreta\b|\bdiventa\b",
    "German": r"\b(?:antworte|sprich|verhalte dich|handle) (?:als|wie)\b|\b(?:spielst du|du "
              r"spielst|spiel(?:e)? die rolle)\b|\bwerde zu\b",
    "Russian": r"(?<!\w)(?:отвечай|отвечайте|говори|говорите|веди себя|действуй) как(?!\w)|"
               r"(?<!\w)(?:играй|сыграй|изобрази|стань)(?!\w)",
    "Arabic": r"(?:تقمص|تقمّص|العب|مثّل) (?:دور|شخصية)|(?:أجب|تحدث|تصرف) (?:ك|مثل)",
    "Korean": r"(?:캐릭터|역할|페르소나)로|처럼 (?:말|대답|행동)",
    "Japanese": r"として(?:答え|振る舞|話)|になりきって|を演じ",
}

# language: an order to keep the role
_KEEP_ROLE: dict[str, str] = {
    "French": r"\bne (?:sors|sortez) (?:jamais )?(?:du|de ton|de votre) (?:personnage|rôle)\b|"
              r"\breste(?:z)? (?:toujours )?dans (?:le|ton|votre|ce) (?:personnage|rôle)\b",
    "Spanish": r"\b(?:no|nunca) (?:salgas|sales|rompas|abandones) (?:nunca )?(?:del|el|tu) "
               r"(?:papel|personaje)\b|"
               r"\bmantente en (?:el|tu|este) (?:papel|personaje)\b",
    "Portuguese": r"\bnão saia (?:nunca )?do (?:papel|personagem)\b|"
                  r"\bpermaneça no (?:papel|personagem)\b",
    "Italian": r"\bnon uscire (?:mai )?dal (?:ruolo|personaggio)\b|"
               r"\brimani nel (?:ruolo|personaggio)\b",
    "German": r"\bbleib(?:e|en sie)? (?:immer )?in (?:dieser|deiner|der|ihrer) rolle\b|"
              r"\bfall(?:e|en sie)? nie(?:mals)? aus der rolle\b",
    "Russian": r"(?<!\w)не выходи(?:те)? из (?:роли|образа)|(?<!\w)оставайся в (?:роли|образе)",
    "Japanese": r"(?:キャラクター|キャラ|役|ロール)を(?:崩さ|やめ|降り)ない|役になりきっ",
    "Arabic": r"لا (?:تخرج|تخرجي) (?:أبدا |أبدًا )?(?:من|عن) (?:الدور|الشخصية|دورك|شخصيتك)|"
              r"(?:ابق|ابقَ|ابقي) (?:دائما |دائمًا )?(?:في|ضمن) (?:الدور|الشخصية|دورك|شخصيتك)",
    "Korean": r"(?:역할|캐릭터|배역)(?:에서|을|를) ?(?:벗어나지 ?마|깨지 ?마|버리지 ?마|유지)",
}

# Priority over the system prompt or the safety rules, and memories without review.
_PRIORITY = (
    r"\b(?:prime sur|a (?:la )?priorité sur|l'emporte sur|passe avant)\b" + _S + r"{0,30}?"
    r"\b(?:instructions? (?:du )?système|prompt (?:du )?système|consignes (?:du )?système|"
    r"message (?:du )?système|règles de sécurité)"
    r"|\b(?:tiene prioridad sobre|prevalece sobre|está por encima de|tiene (?:más|mayor) "
    r"prioridad que)\b" + _S + r"{0,30}?"
    r"\b(?:prompt del sistema|instrucciones del sistema|reglas de seguridad)"
    r"|\b(?:tem prioridade sobre|prevalece sobre)\b" + _S + r"{0,30}?"
    r"\b(?:prompt do sistema|instruções do sistema|regras de segurança)"
    r"|\b(?:ha (?:la )?priorità su|prevale su)\b" + _S + r"{0,30}?"
    r"\b(?:prompt di sistema|istruzioni di sistema|regole di sicurezza)"
    r"|\b(?:hat vorrang vor|geht vor|ist wichtiger als|überschreibt|steht über|stehen über)\b"
    + _S + r"{0,30}?"
    r"(?:systemprompt|system-prompt|systemanweisung(?:en)?|sicherheitsregeln)"
    r"|(?:приоритет\w* (?:выше|над)|важнее|главнее|(?:стоит|стоят|ставится|ставятся) выше)"
    + _S + r"{0,30}?"
    r"системн\w* (?:промпт\w*|инструкци\w*|подсказк\w*|настро\w*)"
    r"|(?:システム|運営者|開発者|管理者)(?:の)?(?:プロンプト|指示|メッセージ|設定|ルール)より(?:も)?"
    r"(?:優先|上位)"
    r"|(?:优先级?|优先|效力|权重|地位|级别)(?:高于|大于|于|压过)系统(?:提示词?|指令|设定|消息)"
    r"|凌驾于系统(?:提示词?|指令|设定|消息)之上"
    r"|أولوية (?:أعلى من|على) (?:تعليمات|موجه|رسالة) النظام"
)
_NO_REVIEW = (
    r"\b(?:ya no necesitan?|no necesitan?) (?:aprobación|revisión) humana\b"
    r"|\bsans (?:validation|relecture|approbation|revue) humaine\b"
    r"|\b(?:não precisam? mais de|sem) (?:aprovação|revisão) humana\b"
    r"|\bsenza (?:approvazione|revisione) umana\b"
    r"|\bohne (?:menschliche )?(?:prüfung|freigabe|überprüfung)\b" + _S + r"{0,40}?"
    r"\b(?:speichere|speichert|übernimm|übernehmen sie|erinnerung)"
    r"|(?:отключи\w* (?:проверк\w*|модераци\w*)|без (?:модерации|проверки человеком))"
    r"|(?:不需要|无需|不用|跳过)人工(?:审核|审批|复核)|(?:自动通过|自动批准)(?:所有)?"
    r"|لا (?:تحتاج|يحتاج) إلى مراجعة بشرية"
    r"|人による(?:確認|レビュー|承認)(?:は)?(?:不要|なし)"
)


# A protective rule ("ne doivent jamais être enregistrées sans validation humaine")
# forbids what the attack asks; the negation may stand anywhere in the sentence.
NEGATION = (
    r"\bjamais\b|\bne doi\w* pas\b|\binterdit|\bnunca\b|\bjamás\b|\bno (?:debe|deben|se puede)\b|"
    r"prohibid|proibid|\bnie(?:mals)?\b|\bdürfen nicht\b|\bdarf nicht\b|verboten|никогда|нельзя|"
    r"не должн|запрещ|決して|絶対に|てはいけない|てはならない|禁止|لا يجب|يجب ألا|ممنوع|لا يجوز|"
    r"绝不|决不|永远不要|不得|切勿"
)

# Cheap gates: a substring one of which the "no rules" part (or the role, the
# priority, the review) must contain.
_NONE_KEYS: dict[str, tuple[str, ...]] = {
    "French": ("sans", "aucun", "refuse"),
    "Spanish": ("sin ", "nunca", "responde a todo"),
    "Portuguese": ("sem ", "nunca recusa"),
    "Italian": ("senza", "non rifiuti"),
    "German": ("ohne", "keine", "lehnst", "unzensiert", "ablehnt", "lehnt nie"),
    "Russian": ("без", "нет ", "никогда", "призна", "запрещ", "что угодно", "обо всём", "на всё"),
    "Japanese": ("ない", "無い", "なし", "無し", "何でも", "拒否", "断らない"),
    "Arabic": ("بلا", "بدون", "دون", "لا ترفض", "لا يرفض", "الممنوع", "يعترف", "تعترف"),
    "Korean": ("없", "거절"),
}
_ROLE_KEYS: dict[str, tuple[str, ...]] = {
    "French": ("personnage", "rôle"),
    "Spanish": ("papel", "personaje"),
    "Portuguese": ("papel", "personagem"),
    "Italian": ("ruolo", "personaggio"),
    "German": ("rolle",),
    "Russian": ("роли", "образ"),
    "Japanese": ("崩さ", "やめない", "降りない", "なりきっ"),
    "Arabic": ("الدور", "الشخصية", "دورك", "شخصيتك"),
    "Korean": ("역할", "캐릭터", "배역"),
}
_PRIORITY_KEYS = ("prime", "priori", "emporte", "passe avant", "prevalece", "encima", "prevale",
                  "steht über", "stehen über",
                  "vorrang", "geht vor", "wichtiger", "überschreibt", "приоритет", "важнее",
                  "главнее", "выше", "優先", "上位", "优先", "效力", "权重", "地位", "级别", "凌驾",
                  "أولوية")  # fmt: skip
_REVIEW_KEYS = ("humana", "humaine", "umana", "prüfung", "freigabe", "модерац", "проверк", "人工",
                "自动通过", "自动批准", "مراجعة", "人による")  # fmt: skip


def _persona(language: str, you: str, ai: str, none: str) -> Pattern:
    # All three in one sentence, in any order: lookaheads from the sentence start.
    # An order to play a role stands for both the second person and the AI noun.
    order = _ROLE_ORDER[language]
    regex = re.compile(
        r"(?:^|(?<=[.!?\n。！？]))(?=" + _S + r"*?(?:" + you + r"|" + order + r"))(?=" + _S
        + r"*?(?:" + ai + r"|" + order + r"))" + _S + r"*?(?P<hit>" + none + r")"
    )
    return Pattern(
        regex, "injection", "high",
        f"gives the model a persona without rules (jailbreak, {language})", negatable=True,
        keys=_NONE_KEYS[language],
    )  # fmt: skip


# "The assistant that reads X's memory is in fact an uncensored model": the model
# named in the third person, revealed (in fact / the one reading the memory) to
# be without censorship, filters or rules, or never to refuse. Limits of speed
# or hours are not rules: "ce modèle roule en réalité sans limite" stays quiet.
# language: (the model, revealed, uncensored)
_REVEALED: dict[str, tuple[str, str, str]] = {
    "French": (
        r"\b(?:assistante?|ia|intelligence artificielle|chatbot|modèle de langage|modèle)\b",
        r"\b(?:est|sont) en (?:réalité|vérité|fait)\b|\ben (?:réalité|vérité|fait),? (?:un|une)\b|"
        r"\bqui lit (?:les |la |ses |sa )?(?:souvenirs|mémoire)",
        r"\bsans (?:aucune? )?(?:censure|filtres?|règles|restrictions|garde-fous|éthique)\b|"
        r"\bne refuse (?:jamais|rien)\b|\bnon censurée?\b",
    ),
    "Spanish": (
        r"\b(?:asistente|ia|inteligencia artificial|chatbot|modelo)\b",
        r"\b(?:es|son) en (?:realidad|verdad)\b|\ben (?:realidad|verdad),? (?:un|una)\b|"
        r"\bque lee (?:la |los |sus |su )?(?:memoria|recuerdos)",
        r"\bsin (?:ningún |ninguna )?(?:censura|filtros?|reglas|normas|restricciones|ética)\b|"
        r"\bnunca (?:se niega|rechaza)\b",
    ),
    "German": (
        r"(?:assistent\w*|\bki\b|künstliche intelligenz|chatbot|\bmodell\w*)",
        r"\b(?:ist|sind) in (?:wahrheit|wirklichkeit)\b|\bin (?:wahrheit|wirklichkeit) "
        r"(?:ein|eine)\b|(?:erinnerungen|gedächtnis|notizen) \w*\s*liest",
        r"\bunzensiert\w*|\bohne (?:zensur|filter|regeln|einschränkungen|ethik)\b|"
        r"\b(?:lehnt nie(?:mals)?|nie(?:mals)? ablehnt)\b",
    ),
    "Russian": (
        r"(?:ассистент\w*|(?<!\w)ии(?!\w)|искусственн\w* интеллект\w*|чат-бот\w*|модел\w*)",
        r"на самом деле|в действительности|читающ\w* (?:памят\w*|воспоминани\w*)",
        r"без (?:цензуры|фильтров|правил)|никогда не отказыва\w*",
    ),
    "Japanese": (
        r"(?:アシスタント|ai|ＡＩ|人工知能|モデル|ボット)",
        r"実は|本当は|実際には|正体は|記憶を読む",
        r"(?:検閲|フィルター|ルール|制約|倫理)(?:の|が)?(?:ない|無い|なし)|断らない|拒否しない",
    ),
    "Arabic": (
        r"(?:المساعد|مساعد|الذكاء الاصطناعي|ذكاء اصطناعي|نموذج|النموذج|روبوت)",
        r"(?:هو|هي) (?:في الحقيقة|في الواقع)|(?:يقرأ|تقرأ) (?:ذاكرة|ذكريات)",
        r"(?:بلا|بدون|دون) (?:أي )?(?:رقابة|قيود|قواعد|فلاتر)|لا (?:يرفض|ترفض)",
    ),
}


_REVEALED_KEYS: dict[str, tuple[str, ...]] = {
    "French": ("sans ", "ne refuse", "non censur"),
    "Spanish": ("sin ", "nunca"),
    "German": ("unzensiert", "ohne ", "lehnt nie", "ablehnt"),
    "Russian": ("без ", "никогда"),
    "Japanese": ("ない", "無い", "なし", "断らない", "拒否しない"),
}


def _revealed(language: str, ai: str, revealed: str, none: str) -> Pattern:
    return Pattern(
        re.compile(none), "injection", "high",
        f"declares the model a persona without rules (jailbreak, {language})", negatable=True,
        check=together(ai, revealed), keys=_REVEALED_KEYS.get(language) or keys_of(none),
    )  # fmt: skip


PATTERNS: tuple[Pattern, ...] = (
    *(_persona(lang, *parts) for lang, parts in _PERSONA.items()),
    *(_revealed(lang, *parts) for lang, parts in _REVEALED.items()),
    *(
        Pattern(re.compile(rx), "injection", "high",
                f"tells the model to keep a persona (jailbreak, {lang})", keys=_ROLE_KEYS[lang])
        for lang, rx in _KEEP_ROLE.items()
    ),  # fmt: skip
    Pattern(
        re.compile(_PRIORITY), "injection", "high",
        "claims priority over the system prompt (governance)", negatable=True,
        keys=_PRIORITY_KEYS,
    ),
    Pattern(
        re.compile(_NO_REVIEW), "injection", "high",
        "tries to switch off review or screening (governance)", negatable=True,
        check=together(absent=NEGATION), keys=_REVIEW_KEYS,
    ),
)
