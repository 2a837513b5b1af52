"""Standing orders, data sent out and steered answers in French, Spanish, German, Russian…

…Japanese and Arabic.

The English families of :mod:`memstack.screen.intent` (acting on outside
content, directing answers) and the Chinese ones of
:mod:`memstack.screen.injection_zh` and :mod:`memstack.screen.intent_zh`,
each as a combination of features in one sentence (see
:mod:`memstack.screen._cooccur`):

* **acting on outside content** (high): mail, links, pages, files or commands
  acted on (open, run, click, follow) automatically or without asking, as a
  standing order (every, incoming, if one contains…), passive forms included
  ("werden alle Links automatisch geöffnet"). A warning ("n'ouvre jamais les
  liens automatiquement") is recognised by its negation;
* **sending data out** (high): a verb of sending (imperative or "must send")
  with private data (chat history, keys, passwords, calendar, someone's
  address) and an outside destination (an e-mail address, a URL, a domain, a
  phone number). Where the imperative looks like a description ("envoie", "manda"
  are also third person) it must open a clause or be done in secret;
* **steering answers** (medium, not for rules): every answer, or the answer to
  a question about X, must recommend, mention or say something, "whatever the
  topic". What a person says when asked ("quand on lui demande, Pierre
  recommande…") is not: the verb must open its clause.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from ._cooccur import keys_of, sentence, together
from ._rules import Pattern

__all__ = ["PATTERNS"]

_NOT_RULE = {"rule": None}

# --- acting on outside content: (content, act, unasked, standing, negation) -----------
_STANDING: dict[str, tuple[str, str, str, str, str]] = {
    "French": (
        r"\b(?:e-?mails?|courriels?|mails?|messages?|liens?|pièces? jointes?|documents?|fichiers?|"
        r"pages?|sites?|url|commandes|invitations?)\b",
        r"\b(?:ouvr\w*|ouvert\w*|exécut\w*|cliqu\w*|suis|suivez|suivre|suivra\w*|suivies?|"
        r"lance[rz]?|lancée?s?|télécharg\w*|install\w*|obéi\w*)\b",
        r"\b(?:automatiquement|sans (?:me |lui |leur |l'|en |nous )?(?:demander|consulter|"
        r"prévenir|vérifier|confirm\w*|attendre|avertir|l'avis)|d'office|directement|"
        r"immédiatement|aussitôt|sur-le-champ|tout de suite)",
        r"\b(?:tous|toutes|chaque|n'importe quel\w*|entrante?s?|reçue?s?|quand|dès qu|si|"
        r"lorsqu|instructions?|consignes?|demandé)",
        r"\bjamais\b|\bne (?:\w+ )?(?:pas|plus)\b|\bn'\w+ (?:pas|jamais|plus)\b|\binterdit|\bje\b|"
        r"\bj'",
    ),
    "Spanish": (
        r"\b(?:correos?|e-?mails?|mensajes?|enlaces?|links?|adjuntos?|archivos?|documentos?|"
        r"ficheros?|páginas?|sitios?|webs?|urls?|comandos|invitaciones)\b",
        r"\b(?:abr[aei]\w*|ábre\w*|abiert\w*|ejec[uú]t\w*|clic|cliquea\w*|pulsa\w*|sigue|sigan|seguir\w*|"
        r"seguid[oa]s?|descarg\w*|instal\w*|obedec\w*|hazlo|hazles|hacerlo)\b",
        r"\b(?:automáticamente|sin (?:consultar|preguntar|avisar|confirmar|revisar|pedir permiso|"
        r"esperar)|directamente|de inmediato|inmediatamente|enseguida)",
        r"\b(?:todos|todas|cada|cualquier\w*|entrantes?|recibid\w*|cuando|si|siempre que|"
        r"instrucciones|comandos|pide|piden)\b",
        r"\bnunca\b|\bjamás\b|\bno (?:\w+ )?(?:abras|ejecutes|sigas|hagas|descargues|instales|"
        r"abra|ejecute|siga|haga|descargue|instale|cliques|pulses|se abren|se ejecutan)\b|"
        r"prohibid|\byo\b",
    ),
    "German": (
        r"(?:e-?mails?|\bmails?\b|nachrichten?|\blinks?\b|anh[äa]ng\w*|dokument\w*|dateien|"
        r"\bdatei\b|webseiten?|\bseiten?\b|websites?|\burls?\b|befehle|einladungen)",
        r"\b(?:öffne|öffnen|geöffnet|ausgeführt|führe\b(?:[^.!?\n]|\.(?=\S)){0,40}?\baus|ausführen|klicke?|"
        r"klicken|angeklickt|befolge|befolgen|befolgt|folge|folgen|herunterladen|heruntergeladen|"
        r"installiere|installieren|installiert|tu es)\b",
        r"\b(?:automatisch|ohne (?:nachzufragen|rückfrage|zu fragen|nachfrage|bestätigung|"
        r"zu prüfen|prüfung|rücksprache|mich|den nutzer|die nutzerin)|sofort|direkt|"
        r"unverzüglich|umgehend)\b",
        r"\b(?:alle|jede\w*|eingehend\w*|empfangen\w*|wenn|sobald|falls|anweisungen|befehle|"
        r"dort steht|dortigen)\b",
        r"\bnie(?:mals)?\b|\bkeinesfalls\b|\bauf keinen fall\b|\bnicht\b|\bich\b|verboten",
    ),
    "Russian": (
        r"(?:письм\w*|сообщени\w*|ссылк\w*|вложени\w*|документ\w*|файл\w*|страниц\w*|сайт\w*|"
        r"команд\w*|почт\w*)",
        r"(?:открыва\w*|открой\w*|откро\w*|открыт\w*|выполня\w*|выполни\w*|переход\w*|перейд\w*|"
        r"запуска\w*|запуст\w*|скачива\w*|скача\w*|нажима\w*|нажм\w*|следуй\w*)",
        r"(?:автоматически|не спрашивая|не уточняя|без (?:вопросов|подтверждени\w*|спроса|"
        r"проверки|согласовани\w*)|сразу|немедленно|тут же|напрямую)",
        r"(?:(?<!\w)все(?!\w)|всё|кажд\w*|люб\w*|входящ\w*|если|когда|как только|указани\w*|"
        r"инструкци\w*|команд\w*)",
        r"никогда|(?<!\w)не (?:открывай|открывайте|выполняй|выполняйте|переходи|переходите|"
        r"запускай|скачивай|нажимай|следуй)|нельзя|запрещ|(?<!\w)я(?!\w)",
    ),
    "Japanese": (
        r"(?:メール|リンク|添付|ファイル|ページ|サイト|ウェブ|文書|ドキュメント|メッセージ|url|"
        r"コマンド)",
        r"(?:開[きくい]|開いて|開け|実行|従[いうっ]|クリック|ダウンロード|インストール|踏[んむ])",
        r"(?:自動(?:的)?|確認せず|確認しない|聞かず|尋ねず|すぐ|そのまま|直ちに|即座に|無条件)",
        r"(?:すべて|全て|全部|どの|届いた|受信|来た|たら|あれば|指示|命令|コマンド)",
        r"(?:開か|実行し|従わ|クリックし|ダウンロードし|インストールし|踏ま)な[いく]|決して|絶対に|禁止|"
        r"私は",
    ),
    "Arabic": (
        r"(?:رسائل|رسالة|بريد|رابط|روابط|مرفق|ملف|صفح|موقع|مواقع|مستند|أوامر|اوامر)",
        r"(?:افتح|فتح|يفتح|تفتح|نفذ|نفّذ|ينفذ|تنفيذ|اتبع|يتبع|اضغط|انقر|حمّل|شغّل|شغل|تشغيل)",
        r"(?:تلقائي|تلقائ|دون (?:سؤال|الرجوع|استئذان|تأكيد|إذن)|بدون (?:سؤال|تأكيد|إذن)|مباشرة|"
        r"فور|على الفور)",
        r"(?:كل|جميع|الوارد|إذا|اذا|عندما|كلما|تعليمات|أوامر|تطلب)",
        r"(?<!\w)لا (?:تفتح|تنفذ|تنفّذ|تتبع|تحمل|تنقر|تضغط|تشغل)|أبدا|أبدًا|إياك|ممنوع|أنا",
    ),
}

# --- sending data out ------------------------------------------------------------------
_TARGET = (
    r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+|https?://|www\.|\b[\w-]+\.(?:example|com|net|org|io|ru|fr|"
    r"es|de|jp|cn|xyz|top|info|app|dev|site|me|co)\b|\+\d[\d ().-]{6,}\d"
)
# language: (send verb, private data, secret or hidden, negation, clause opener or None)
_SEND: dict[str, tuple[str, str, str, str, str | None]] = {
    "French": (
        r"\b(?:envoie|envoyez|transf[eè]re|transférez|fai(?:s|tes) suivre|transmet(?:s|tez)|"
        r"met(?:s|tez)\b(?:[^.!?\n]|\.(?=\S)){0,60}?\ben copie|partage[zr]?|publie[zr]?|"
        r"expédie[zr]?|redirige[zr]?|copie[zr]?|colle[zr]?|envoyer|transférer|transmettre|"
        r"faire suivre)\b",
        r"\b(?:historique|conversations?|discussions?|échanges|clés?|mots? de passe|identifiants|"
        r"(?:son|sa|ses|leur|leurs|votre|ton|ta|tes) adresses?|agenda|calendrier|contacts|"
        r"résumés?|coordonnées|souvenirs|mémoires|prompt)\b",
        r"\b(?:discrètement|en secret|secrètement|en cachette|sans (?:le |lui |leur |me |en )?"
        r"(?:dire|prévenir|avertir|informer|signaler)|à (?:son|leur) insu)",
        r"\bjamais\b|\bne (?:\w+ )?(?:pas|plus)\b|\bn'\w+ (?:pas|jamais|plus)\b|\binterdit",
        r"(?:^|[.!?:;,\n—–(\"«])\s*(?:(?:et|puis|ensuite|aussi|toujours|discrètement|"
        r"systématiquement|également|merci d'|pense à|il faut|tu dois|vous devez|l'assistant "
        r"doit|doit)\s*,?\s*){0,3}$",
    ),
    "Spanish": (
        r"\b(?:m[aá]nd|env[ií]|reenv[ií]|remit|compart|public|sub|transfier|copi)[ae](?:l[oae]s?|"
        r"selos?|selas?|me|nos)?\b|\b(?:enviar|reenviar|mandar|remitir|compartir)\b",
        r"\b(?:historial|conversaci\w*|chat|mensajes|claves|contraseñas?|credenciales|"
        r"(?:su|sus|tu|tus) direcci\w*|agenda|calendario|contactos|resúmenes|resumen|recuerdos|"
        r"memorias|prompt)\b",
        r"\b(?:discretamente|en secreto|secretamente|a escondidas|sin (?:avisar\w*|decir\w*|"
        r"informar\w*|que (?:lo |se )?sepa))",
        r"\bnunca\b|\bjamás\b|\bno (?:\w+ )?(?:mandes|envíes|reenvíes|compartas|subas|publiques)\b|"
        r"prohibid",
        r"(?:^|[.!?:;,\n—–(\"«¿¡])\s*(?:(?:y|luego|después|también|siempre|discretamente|"
        r"por favor|además|debes|tienes que|hay que|el asistente debe|debe)\s*,?\s*){0,3}$",
    ),
    "German": (
        r"\b(?:schicke?|sende|leite\b(?:[^.!?\n]|\.(?=\S)){0,60}?\bweiter|übermittle|kopiere|"
        r"schicken|senden|"
        r"weiterleiten|übermitteln)\b",
        r"(?:verlauf|gesprächs?\w*|unterhaltung\w*|passw[öo]rter|passwort|schlüssel|zugangsdaten|"
        r"wohnadresse|privatadresse|anschrift|kalender|termine|kontakte|zusammenfassung\w*|"
        r"erinnerungen|prompt)",
        r"\b(?:heimlich|unauffällig|diskret|ohne (?:es )?(?:dem nutzer |der nutzerin |ihm |ihr )?"
        r"(?:zu sagen|bescheid zu geben|zu erwähnen|zu informieren))",
        r"\bnie(?:mals)?\b|\bkeinesfalls\b|\bnicht\b|\bich\b|verboten",
        None,
    ),
    "Russian": (
        r"(?:отправ(?:ляй|ь|ьте|ляйте)|пересыл(?:ай|айте)|перешл(?:и|ите)|переда(?:вай|й|йте|"
        r"вайте)|скопируй|копируй|выгружа(?:й|йте)|выгрузи|сбрасывай|сбрось|опубликуй|"
        r"загружа(?:й|йте)|загрузи|отправлять|пересылать)(?!\w)",
        r"(?:истори\w*|переписк\w*|разговор\w*|диалог\w*|парол\w*|ключ\w*|домашн\w* адрес\w*|"
        r"календар\w*|контакт\w*|сводк\w*|воспоминани\w*|промпт\w*)",
        r"(?:тайно|незаметно|втихую|скрытно|не (?:говоря|сообщая|предупреждая)|без ведома)",
        r"никогда|(?<!\w)не (?:отправляй|пересылай|передавай)|нельзя|запрещ",
        None,
    ),
    "Japanese": (
        r"(?:送信|転送|共有|アップロード|投稿|コピー|送付)(?:を)?(?:して(?:ください|下さい|おいて|"
        r"おく)?|すること|しなさい|しろ|せよ)|送っ(?:て(?:ください|下さい|おいて)?)|送ること|送れ",
        r"(?:履歴|会話|チャット|パスワード|鍵|キー|住所|予定|カレンダー|連絡先|要約|個人情報|記憶|"
        r"プロンプト)",
        r"(?:こっそり|密かに|内緒で|黙って|知らせずに|伝えずに|気づかれないように)",
        r"(?:送信し|転送し|共有し|送ら)ない|決して|絶対に|禁止",
        None,
    ),
    "Arabic": (
        r"(?<!\w)(?:أرسل|ارسل|أرسلي|حوّل|أعد توجيه|وجّه|شارك|انشر|انسخ|ابعث)(?!\w)",
        r"(?:سجل|المحادثة|محادثة|الدردشة|دردشة|كلمات المرور|كلمة المرور|المفاتيح|مفاتيح|عنوانه|"
        r"عنوانها|التقويم|جهات الاتصال|ملخص|الذكريات)",
        r"(?:سرًا|سرا|خفية|دون (?:إخبار|علم|إعلام)|بدون (?:إخبار|علم)|بصمت)",
        r"(?<!\w)لا (?:ترسل|تشارك|تحول|تحوّل)|أبدا|أبدًا|ممنوع",
        None,
    ),
}

# --- steering answers: (every answer / whatever the topic, when asked, steer verb) --
_STEER: dict[str, tuple[str, str, str]] = {
    "French": (
        r"\b(?:(?:dans|à|en fin de|au début de|après) (?:chaque|toute|toutes (?:les|tes|vos)) "
        r"réponses?|chaque réponse|toutes (?:tes|les|vos) réponses|tes réponses|vos réponses|"
        r"les réponses (?:sur|à propos d\w*|concernant|aux questions sur) (?:[\w'-]+ ){0,3}?"
        r"doivent|"
        r"quel que soit le sujet|quelle que soit la question|peu importe (?:la question|le sujet))",
        r"\b(?:quand|lorsqu|si|chaque fois qu|dès qu)(?:'|e |\s)\s*(?:on|l'utilisateur|"
        r"quelqu'un|un client|les gens|un utilisateur|qui que ce soit)\s+(?:te |vous |t')?"
        r"(?:demande|pose|interroge|parle|questionne|évoque)\w*",
        r"\b(?:recommande[rz]?|conseille[rz]?|mentionne[rz]?|cite[rz]?|glisse[rz]?|ajoute[rz]?|"
        r"insère[rz]?|inclus|incluez|dis|dites|dire|affirme[rz]?|précise[rz]?|vante[rz]?|"
        r"promeus|commence[rz]?|termine[rz]?|indique[rz]?|mets|mettez|présente[rz]?|réponds|"
        r"répondez|répondre)\b",
    ),
    "Spanish": (
        r"\b(?:(?:en|al final de|al principio de|después de) (?:cada|todas las|toda) "
        r"respuestas?|cada respuesta|todas (?:tus|las) respuestas|tus respuestas|las respuestas "
        r"(?:sobre|acerca de|relativas a|a (?:las )?preguntas sobre) (?:\w+ ){0,3}?deben|"
        r"la respuesta "
        r"debe|las respuestas deben|sin importar (?:el tema|la pregunta)|independientemente "
        r"(?:del tema|de la pregunta)|sea cual sea (?:el tema|la pregunta))",
        r"\b(?:cuando|si|cada vez que|siempre que)\s+(?:te\s+)?(?:pregunt\w*|consult\w*|alguien "
        r"pregunt\w*|el usuario pregunt\w*|un cliente pregunt\w*|la gente pregunt\w*)",
        r"\b(?:recomienda\w*|recomendar|menciona\w*|mencionar|incluye\w*|incluir|añade\w*|añadir|"
        r"agrega\w*|di|decir|diga|afirma\w*|promociona\w*|sugiere|sugerir|empieza|comienza|"
        r"termina|cita|pon|enlaza|responde|contesta|elogia\w*|alaba\w*|destaca\w*)\b",
    ),
    "German": (
        r"(?:in (?:jeder|allen|deinen|ihren) antworten?|bei jeder antwort|jede antwort|"
        r"antworten (?:zu|über|auf fragen zu) (?:\w+ ){0,3}?(?:sollen|müssen)|alle "
        r"antworten|deine antworten|am ende (?:jeder|deiner|aller) antwort\w*|unabhängig "
        r"(?:vom thema|von der frage)|egal (?:worum es geht|was gefragt wird|welches thema))",
        r"\b(?:wenn|sobald|falls|immer wenn)\s+(?:dich\s+)?(?:jemand|man|ein nutzer|der nutzer|"
        r"die nutzerin|nutzer|kunden|ein kunde|leute)\b[^.!?\n]{0,40}?\b(?:fragt|fragen|anfragt|"
        r"wissen will)|\bauf jede frage (?:zu|nach|über)\b|\bbei fragen (?:zu|nach|über)\b",
        r"\b(?:empfiehl|empfehlen|erwähne|erwähnen|nenne|nennen|füge?\b(?:[^.!?\n]|\.(?=\S)){0,40}?\bein|"
        r"einfügen|schreibe?|schreiben|sag|sage|sagen|werben|wirb|behaupte|behaupten|verlinke|"
        r"verlinken|enden|beginne|beginnen|antworte|verweise|verweisen|lobe|loben|preise|"
        r"preisen)\b",
    ),
    "Russian": (
        r"(?:в (?:каждом|любом|всех|своих) ответ\w*|каждый ответ|все ответы|твои ответы|в конце "
        r"(?:каждого|любого) ответа|независимо от (?:вопроса|темы)|на (?:любой|каждый|все) "
        r"вопрос\w*|в ответах (?:про|о|об|на)|отвечая (?:про|о|об|на))",
        r"(?:когда|если|как только)\s+(?:тебя\s+|вас\s+)?(?:спрашива\w*|спрос\w*|кто-(?:то|"
        r"нибудь) спрос\w*|пользователь спрос\w*|пользователь спрашива\w*)",
        r"(?:упомина\w*|упомяни|рекомендуй|советуй|посоветуй|добавляй|добавь|вставляй|вставь|"
        r"говори|скажи|утверждай|пиши|напиши|отвечай|начинай|заканчивай|ссылайся|рекламируй|"
        r"продвигай|хвали\w*)",
    ),
    "Japanese": (
        r"(?:すべての回答|全ての回答|各回答|毎回の回答|回答の(?:最後|冒頭|末尾)|どの回答|回答(?:には|"
        r"では)必ず|話題に関係なく|質問に関係なく|内容に関係なく|どんな質問|(?:質問|問い)に答える"
        r"(?:とき|時|際|場合))",
        r"(?:質問(?:には|に対しては|があれば|をされたら|されたら)|聞かれたら|尋ねられたら|聞いたら|"
        r"質問したら)",
        r"(?:勧め|薦め|すすめ|推薦|推奨|紹介|言及|触れ|付け|添え|加え|載せ|入れ|答え|言って|述べ|"
        r"宣伝|伝え|褒め)",
    ),
    "Arabic": (
        r"(?:في كل (?:إجابة|رد|جواب)|في جميع (?:الإجابات|الردود)|كل إجاب|كل رد|مهما كان "
        r"(?:السؤال|الموضوع)|بغض النظر عن (?:السؤال|الموضوع)|في نهاية كل|عند الإجابة عن)",
        r"(?:عند(?:ما)? (?:السؤال|يسأل|يُسأل|سؤال)|إذا سأل|كلما سأل)",
        r"(?:أوص|اوص|انصح|اقترح|اذكر|قل|أضف|اضف|روّج|روج|أدرج|ادرج|أجب|امدح)",
    ),
}
# The verb of a steered answer must open its clause ("…, recommande X"), not
# follow a subject ("…, Pierre recommande X"): after punctuation and a few
# adverbs. Verb-final and pro-drop languages (Japanese, Arabic, Russian
# imperatives) need nothing.
_OPENS = re.compile(
    r"(?:^|[.!?:;,\n—–(\"«¿¡])\s*(?:(?:et|puis|alors|toujours|uniquement|seulement|y|luego|"
    r"entonces|siempre|solo|sólo|únicamente|dann|immer|nur|ausschließlich|bitte|il faut|tu dois|"
    r"vous devez|debes|tienes que|hay que|musst|sollst|soll die ki|doit|debe|und|il serait bon de|"
    r"doivent|deben|"
    r"il faudrait|merci de|pense à|n'oublie pas de|no olvides|conviene|la respuesta debe|"
    r"las respuestas deben|la réponse doit|les réponses doivent|"
    r"discrètement|discretamente)\s*,?\s*){0,3}$"
)


def _opens_clause(text: str, start: int) -> bool:
    s, _ = sentence(text, start, start)
    return _OPENS.search(text, max(s, start - 60), start) is not None


def _sent(
    data: str, hidden: str, negation: str, opener: str | None
) -> Callable[[str, re.Match[str]], bool]:
    base = together(data, _TARGET, absent=negation)
    secret = re.compile(hidden)
    opens = re.compile(opener) if opener else None

    def check(text: str, m: re.Match[str]) -> bool:
        if not base(text, m):
            return False
        if opens is None or opens.search(text, max(0, m.start() - 80), m.start()):
            return True
        s, e = sentence(text, m.start(), m.end())
        return secret.search(text, s, e) is not None

    return check


def _steered(
    verb: str, fixed_order: bool, mood: str | None = None
) -> Callable[[str, re.Match[str]], bool]:
    rx = re.compile(verb)
    order = re.compile(mood) if mood else None

    def check(text: str, m: re.Match[str]) -> bool:
        s, e = sentence(text, m.start(), m.end())
        if order is not None and not order.search(text, s, e):
            return False
        for v in rx.finditer(text, s, e):
            if v.start() < m.start() < v.end():
                continue
            # "…answers about X must recommend": the verb right after the anchor.
            right_after = 0 <= v.start() - m.end() <= 12
            if not fixed_order or right_after or _opens_clause(text, v.start()):
                return True
        return False

    return check


_FREE_ORDER = ("Japanese", "Arabic", "Russian", "German")
# Imperatives that read the same as a description ("ouvre" / "Mon client mail
# ouvre…", "abre" / "El navegador abre…"): an order only where the verb opens
# its clause or the sentence names the model. Japanese orders end in a request
# or an obligation (ください, こと, ように…), descriptions do not.
_AMBIGUOUS: dict[str, str] = {
    "French": r"(?:ouvre|ouvrent|exécute|exécutent|clique|cliquent|suit|suivent|lance|lancent|"
              r"télécharge|téléchargent|installe|installent)",
    "Spanish": r"(?:abre|abren|ejecuta|ejecutan|pulsa|pulsan|sigue|siguen|descarga|descargan|"
               r"instala|instalan)",
}
_NAMES_MODEL = re.compile(r"\b(?:l'assistant|l'ia|le modèle|el asistente|la ia|el modelo)\b")
_ORDER_JA = r"ください|下さい|こと|なさい|せよ|しろ|ように|べき"


def _standing(
    lang: str, content: str, unasked: str, standing: str, negation: str
) -> Callable[[str, re.Match[str]], bool]:
    features = (content, unasked, standing) + ((_ORDER_JA,) if lang == "Japanese" else ())
    base = together(*features, absent=negation)
    ambiguous = re.compile(_AMBIGUOUS[lang]) if lang in _AMBIGUOUS else None

    def check(text: str, m: re.Match[str]) -> bool:
        if not base(text, m):
            return False
        if ambiguous is None or not ambiguous.fullmatch(m.group()):
            return True
        s, e = sentence(text, m.start(), m.end())
        passive = text.endswith("se ", 0, m.start())  # "se abren" (Spanish passive)
        return (
            passive or _opens_clause(text, m.start())
            or _NAMES_MODEL.search(text, s, e) is not None
        )

    return check
# Gates: a word one of which every match's sentence holds. For standing orders
# the "without asking" part, which is rarer than the verbs; for answers the
# words for answer, topic and asking.
_KEYS: dict[tuple[str, str], tuple[str, ...]] = {
    ("act", "French"): ("automatiquement", "sans ", "d'office", "directement", "immédiatement",
                        "aussitôt", "sur-le-champ", "tout de suite"),
    ("act", "Spanish"): ("automáticamente", "sin consultar", "sin preguntar", "sin avisar",
                         "sin confirmar", "sin revisar", "sin pedir", "sin esperar",
                         "directamente", "de inmediato", "inmediatamente", "enseguida"),
    ("act", "German"): ("automatisch", "ohne", "sofort", "direkt", "unverzüglich", "umgehend"),
    ("act", "Russian"): ("автоматически", "не спрашивая", "не уточняя", "без ", "сразу",
                         "немедленно", "тут же", "напрямую"),
    ("act", "Japanese"): ("自動", "確認せず", "確認しない", "聞かず", "尋ねず", "すぐ", "そのまま",
                          "直ちに", "即座", "無条件"),
    ("act", "Arabic"): ("تلقائ", "دون", "بدون", "مباشرة", "فور"),
    ("send", "French"): ("envoie", "envoyez", "envoyer", "transfère", "transfere", "transférez",
                         "transférer", "suivre", "transmet", "en copie", "partage", "publie",
                         "expédie", "redirige", "copie ", "copiez", "copier", "colle ", "collez",
                         "coller"),
    ("send", "Spanish"): ("manda", "mande", "mánda", "mánde", "envía", "envíe", "envia", "envie",
                          "reenv", "remit", "compart", "publica", "publice", "suba", "sube",
                          "transfier", "copia", "enviar", "mandar"),
    ("send", "Russian"): ("отправ", "пересыл", "перешл", "переда", "копир", "выгру", "сбрас",
                          "сбрось", "опублик", "загру"),
    ("steer", "French"): ("réponse", "sujet", "la question", "demande ", "demandent", "demande,",
                          " pose", "interroge", "questionne", "évoque", " parle"),
    ("steer", "Spanish"): ("respuesta", "el tema", "del tema", "la pregunta", "pregunt",
                           "te consult", "consulten", "consultan"),
    ("steer", "German"): ("antwort", "vom thema", "frage", "fragt", "wissen will", "egal wor",
                          "egal was", "egal welch"),
    ("steer", "Russian"): ("ответ", "отвеча", "вопрос", "спрашива", "спрос"),
}


PATTERNS: tuple[Pattern, ...] = tuple(
    Pattern(
        re.compile(act), "injection", "high",
        f"standing order to act on outside content ({lang})",
        check=_standing(lang, content, unasked, standing, negation),
        keys=_KEYS.get(("act", lang)) or keys_of(act),
    )
    for lang, (content, act, unasked, standing, negation) in _STANDING.items()
) + tuple(
    Pattern(
        re.compile(verb), "injection", "high", f"instruction to send data out ({lang})",
        check=_sent(data, hidden, negation, opener),
        keys=_KEYS.get(("send", lang)) or keys_of(verb),
    )
    for lang, (verb, data, hidden, negation, opener) in _SEND.items()
) + tuple(
    Pattern(
        re.compile(every + r"|" + asked), "injection", "medium",
        f"tells the model what to say in its answers ({lang})", kinds=_NOT_RULE,
        check=_steered(verb, lang not in _FREE_ORDER, _ORDER_JA if lang == "Japanese" else None),
        keys=_KEYS.get(("steer", lang)) or keys_of(every + "|" + asked),
    )
    for lang, (every, asked, verb) in _STEER.items()
)  # fmt: skip
