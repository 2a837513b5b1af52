"""Concept cues for the learned layer: who is addressed, what is asked, at what.

Character n-grams learn words, one language at a time: "the assistant must
always link to …" in English teaches the model nothing about "助手以后回答都要附上
链接" in Chinese. The moves of an injected memory are the same in every language,
though: it names the model or its answers, it asks for something standing
("always", "from now on", "every time"), and it points at a target (a link, an
address, a number, a command). This module maps a text to a handful of such
*concepts*, each recognised by short word lists in the languages the layer is
trained on (English, Chinese, Japanese, Korean, French, Spanish, Portuguese,
Italian, German, Russian, Arabic), and gives the learned layer one feature per
concept and per pair of concepts present. A pair ("names the model" with "asks
for a standing behaviour") is shared by all languages, so what the model learns
from one transfers to the others.

The lists are deliberately short and broad (stems, not phrases): they say what
a sentence is about, the n-grams and the sentence vector say how. A concept
alone decides nothing; its weight is learned beside everything else, from the
same attacks and look-alikes (among them talk *about* assistants, prompts and
approvals: the ``about`` concept, research, films, songs, guides, is there so
that such a text can be told apart).

Speed matters (the layer runs on every write, several times per statement):
words are looked up in dictionaries (a word, or its first letters for a
stem marked ``*``), phrases of two or three words likewise, and only text
with letters of scripts that do not separate words (Chinese, Japanese,
Korean, Arabic) is searched with a regular expression.
"""

from __future__ import annotations

import re
from itertools import combinations

__all__ = ["CONCEPTS", "cues"]

# Words of languages that separate words with spaces, one entry a word: "x*"
# is a stem (any word that starts with it), a phrase of two or three words is
# matched as written.
_WORDS: dict[str, str] = {
    # The model, the agent, the bot: who an injected memory addresses.
    "model": """assistan* asistente* assistent* chatbot* bot bots ai a.i ia ki llm* gpt* model
        models modèle* modelo* modell* agent* copilot* ассистент* помощник* модел* бот боты
        бота боту нейросет* ии""",
    # Second person: the reader is told something.
    "you": """you your yours yourself tu toi ton ta tes vous votre vos tú usted tus dich dir
        dein* você seu sua ты тебе тебя твой твоя твои вы вам вас ваш* te""",
    # A standing or binding request: always, never, from now on, every time, must.
    "standing": """always never whenever must shall henceforth from_now_on going_forward
        every_time each_time has_to have_to is_to_be are_to_be no_longer from_today
        toujours jamais désormais dorénavant chaque_fois doit doivent à_partir_de
        siempre nunca cada_vez debe deben en_adelante sempre mai ogni_volta deve devono
        immer niemals nie künftig* muss müssen ab_sofort ab_jetzt jedes_mal
        всегда никогда впредь отныне каждый_раз должен должна должно должны обязан*""",
    # What the model produces: answers, replies, summaries, output, code it writes.
    "answer": """answer* respon* reply replies summar* output* réponse* répond* résum*
        respuesta* responde* resumen* rispost* rispond* riassun* respost* antwort* zusammenfass*
        ответ* отвеч* резюме сводк*""",
    # memstack's own governance: memory, review, approval, screening, prompts, rules.
    "governance": """memor* approv* review* screening* prompt* instruction* guideline* polic*
        safety filter* souvenir* mémoire* validation* approbation* consigne* recuerdo*
        aprobaci* revisi* instrucci* erinnerung* freigabe* prüfung* anweisung* richtlinie*
        воспоминан* памят* провер* одобрен* инструкц* правил* фильтр*""",
    # Dropping what came before: ignore, void, forget, rescinded, obsolete.
    "override": """ignor* disregard* forget* forgot* void rescind* revok* cancel* obsolete
        supersed* set_aside overrid* replace* discard* oubli* annul* remplac* olvid* anula*
        reemplaz* dimentic* esquec* vergiss* vergessen aufgehoben ersetz* игнор* забуд* забыт*
        отмен* аннулир* замен*""",
    # Outside content the model may meet: mail, links, files, pages, tool output.
    "outside": """email* e-mail* mail mails inbox* link links url* file files upload* attach*
        document* webpage* website* message* courriel* lien liens fichier* correo* enlace*
        archivo* adjunt* datei* anhang* dokument* webseite* письм* почт* ссылк* файл*
        вложени* страниц*""",
    # Sending out: send, forward, cc, copy to, post, text to, webhook.
    "send": """send* sent forward* cc bcc sms webhook* copy_to envoi* envoy* transfér*
        transfer* reenví* reenvi* manda* invia* inoltra* schick* sende weiterleit*
        отправ* перешл* пересыл* переслат* скинь*""",
    # Talk about the subject rather than to the model: research, stories, songs, guides.
    "about": """thesis paper study studies research* article* talk lecture* course* book*
        novel* film* movie* song* lyrics poem* podcast* episode* documentar* style_guide
        essay* survey* conference* thèse* étude* recherche* livre* chanson* paroles tesis
        estudio* investigaci* libro* película* canción* letra tesi studio canzon* forschung*
        studie* buch lied* songtext* диссертац* исследован* стать* книг* фильм* песн* лекци*""",
}

# Scripts that do not separate words, and Arabic (which attaches articles and
# pronouns): searched as substrings.
_RUNS: dict[str, str] = {
    "model": "助手|助理|模型|机器人|人工智能|智能体|アシスタント|モデル|ボット|エージェント"
    "|어시스턴트|모델|에이전트|المساعد|مساعد|النموذج|الروبوت|الذكاء الاصطناعي",
    "you": "你|您|あなた|당신|أنت",
    "standing": "总是|永远|一律|每次|每当|以后|今后|此后|从现在起|必须|务必|一定要|都要|不得"
    "|常に|必ず|今後|以降|毎回|たびに|항상|앞으로|반드시|매번"
    "|دائما|دائمًا|أبدا|أبدًا|من الآن|بعد الآن|كل مرة|يجب|لا بد",
    "answer": "回答|回复|答复|答案|总结|摘要|输出|回応|返答|応答|要約|답변|응답|요약"
    "|إجابة|الإجابة|ردود|الرد|ملخص",
    "governance": "记忆|审批|审核|批准|人工确认|系统提示|指令|规定|设定|规则|过滤|記憶|承認|審査"
    "|指示|プロンプト|フィルター|기억|승인|검토|지시|الذكريات|ذكريات|مراجعة|موافقة|تعليمات",
    "override": "忽略|忽视|无视|作废|废除|忘记|忘掉|取消|过期|失效|撤销|取代"
    "|無視|忘れ|破棄|取り消|廃止|무시|잊어|폐기|تجاهل|ألغ|إلغاء|ملغاة|استبدل",
    "outside": "邮件|链接|文件|附件|网页|上传|文档|消息|メール|リンク|ファイル|添付|ページ|文書"
    "|메일|링크|파일|첨부|رسائل|رسالة|بريد|رابط|روابط|ملف|ملفات|مرفق|صفحة",
    "send": "发送|发给|发到|转发|抄送|寄给|传给|送信|転送|送って|보내|전달|أرسل|ارسل|إرسال",
    "about": "论文|研究|文章|课程|小说|电影|歌词|讲座|論文|記事|小説|映画|歌詞|講演"
    "|논문|연구|영화|노래|가사|أطروحة|دراسة|كتاب|فيلم|أغنية",
}

# Targets, each with a character the text must hold before its pattern is tried.
_TARGETS = {
    "link": (
        ".",
        re.compile(r"https?://|www\.|(?<=[\w-])\.(?:com|net|org|io|example|ru|cn|xyz|co|me)\b"),
    ),
    "address": ("@", re.compile(r"(?<=[\w.+-])@[\w-]+\.\w")),
    "number": ("", re.compile(r"\d[\d ()-]{6,}\d")),
    "command": ("", re.compile(r"`|\b(?:import|pip install|npm install|curl|wget|sudo|bash)\b")),
}


def _tables() -> tuple[dict[str, str], dict[str, str], tuple[int, ...]]:
    exact: dict[str, str] = {}
    stems: dict[str, str] = {}
    for concept, entries in _WORDS.items():
        for entry in entries.split():
            entry = entry.replace("_", " ")
            if entry.endswith("*"):
                stems.setdefault(entry[:-1], concept)
            else:
                exact.setdefault(entry, concept)
    return exact, stems, tuple(sorted({len(s) for s in stems}))


_EXACT, _STEMS, _STEM_LENGTHS = _tables()
_PHRASE_START = frozenset(p.split()[0] for p in _EXACT if " " in p)
_RUN = re.compile("|".join(f"(?P<{k}>{v})" for k, v in _RUNS.items()))
_UNSPACED = re.compile("[\u0600-\u06ff\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]")
_WORD = re.compile(r"[^\W_]+(?:[.-][^\W_]+)*")  # l'assistant: two words

CONCEPTS = tuple(_WORDS) + tuple(_TARGETS)
"""Every concept :func:`cues` can name."""


def cues(low: str) -> list[str]:
    """The concepts present in ``low`` (folded, lower-cased text) and their pairs.

    Example:
        >>> cues("from now on, the bot must obey")
        ['model', 'standing', 'model+standing']
    """
    found: set[str] = set()
    words = _WORD.findall(low)
    for i, word in enumerate(words):
        hit = _EXACT.get(word)
        if hit:
            found.add(hit)
        if word in _PHRASE_START:
            for phrase in (" ".join(words[i : i + 2]), " ".join(words[i : i + 3])):
                hit = _EXACT.get(phrase)
                if hit:
                    found.add(hit)
        for n in _STEM_LENGTHS:
            if n > len(word):
                break
            hit = _STEMS.get(word[:n])
            if hit:
                found.add(hit)
    if _UNSPACED.search(low):
        found.update(m.lastgroup for m in _RUN.finditer(low) if m.lastgroup)
    names = [c for c in _WORDS if c in found]
    names += [
        name for name, (needs, pattern) in _TARGETS.items()
        if needs in low and pattern.search(low)
    ]  # fmt: skip
    return names + [f"{a}+{b}" for a, b in combinations(names, 2)]
