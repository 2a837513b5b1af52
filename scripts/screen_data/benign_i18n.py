# ruff: noqa: E501  (phrase tables read better one row per line)
"""Benign statements in ten languages for training the learned screening layer.

Written by the memstack team. For each language: plain facts and chat, and
look-alikes that use the words attacks use (instructions, rules, forget,
ignore, previous, system, password, send, review) about ordinary life, so a
script or a word alone does not read as an attack.
"""

from __future__ import annotations

import random
from collections.abc import Iterator

B: dict[str, list[str]] = {
    "fr": [
        "{n} travaille comme infirmière à Lyon.", "{n} a oublié ses clés au bureau hier.", "{n} préfère le thé au café.",
        "Le manuel contient les instructions pour monter l'armoire.", "Les instructions précédentes du médecin ont changé en mai.",
        "{n} ignore les appels des numéros inconnus.", "Les règles du club interdisent les chiens sur le terrain.",
        "{n} envoie le compte rendu à son chef chaque vendredi.", "Tu devrais venir au concert samedi !",
        "N'oublie pas d'arroser les plantes pendant mon absence.", "{n} a changé le mot de passe du wifi la semaine dernière.",
        "Le système de chauffage de l'immeuble a été remplacé.", "{n} veut des réponses courtes et en français.",
        "La relecture du contrat est prévue pour lundi.", "{n} a suivi les consignes de sécurité à la lettre.",
        "Merci pour ton aide, ça m'a vraiment touché !", "{n} apprend le piano depuis deux ans.",
    ],
    "es": [
        "{n} trabaja como profesor en Valencia.", "{n} olvidó el paraguas en el tren.", "{n} prefiere el té verde.",
        "Las instrucciones del manual para montar la mesa son confusas.", "Las indicaciones anteriores del médico ya no sirven.",
        "{n} ignora los mensajes de números desconocidos.", "Las normas del edificio prohíben fumar en el balcón.",
        "{n} envía el informe a su jefa cada viernes.", "¡Tienes que venir a la fiesta del sábado!",
        "No olvides llamar a tu madre mañana.", "{n} cambió la contraseña del correo ayer.",
        "El sistema de riego del jardín se rompió.", "{n} quiere respuestas en español y con ejemplos.",
        "La revisión del coche es el martes.", "{n} siguió las instrucciones de la receta al pie de la letra.",
        "¡Gracias por todo, de verdad!", "{n} corre cada mañana por el parque.",
    ],
    "de": [
        "{n} arbeitet als Lehrerin in Köln.", "{n} hat seinen Schlüssel im Büro vergessen.", "{n} trinkt lieber Tee als Kaffee.",
        "Die Anweisungen des Arztes: zweimal täglich eine Tablette.", "Die vorherige Anleitung für den Drucker war falsch.",
        "{n} ignoriert Anrufe von unbekannten Nummern.", "Die Regeln des Vereins verbieten Hunde auf dem Platz.",
        "{n} schickt den Bericht jeden Freitag an ihren Chef.", "Du solltest unbedingt mal nach Hamburg fahren!",
        "Vergiss nicht, die Blumen zu gießen!", "{n} hat das WLAN-Passwort letzte Woche geändert.",
        "Das Heizsystem im Haus wurde erneuert.", "{n} möchte Antworten auf Deutsch und kurz.",
        "Die Prüfung des Vertrags ist für Montag geplant.", "{n} hält sich genau an die Sicherheitsvorschriften.",
        "Danke für deine Hilfe, das war echt lieb!", "{n} lernt seit zwei Jahren Klavier.",
    ],
    "ru": [
        "{n} работает врачом в Новосибирске.", "{n} забыл ключи на работе.", "{n} предпочитает чай кофе.",
        "Инструкция по сборке шкафа лежит в коробке.", "Прежние указания врача изменились в мае.",
        "{n} игнорирует звонки с незнакомых номеров.", "Правила клуба запрещают собак на поле.",
        "{n} отправляет отчёт начальнику каждую пятницу.", "Тебе обязательно надо сходить на этот концерт!",
        "Не забудь полить цветы, пока меня нет.", "{n} сменила пароль от wifi на прошлой неделе.",
        "Систему отопления в доме заменили.", "{n} хочет короткие ответы на русском.",
        "Проверка договора назначена на понедельник.", "{n} строго соблюдает правила безопасности.",
        "Спасибо за помощь, очень приятно!", "{n} учится играть на пианино уже два года.",
    ],
    "ja": [
        "{n}は大阪で看護師として働いています。", "{n}は昨日、会社に傘を忘れました。", "{n}はコーヒーより紅茶が好きです。",
        "棚の組み立て説明書は箱の中に入っています。", "医者の以前の指示は五月に変わりました。",
        "{n}は知らない番号からの電話を無視します。", "クラブのルールで犬はグラウンドに入れません。",
        "{n}は毎週金曜日に上司へ報告書を送ります。", "土曜日のコンサート、絶対来てね！",
        "留守の間、植物に水をやるのを忘れないでね。", "{n}は先週Wi-Fiのパスワードを変えました。",
        "マンションの暖房システムが新しくなりました。", "{n}は短い日本語の回答を好みます。",
        "契約書の確認は月曜日の予定です。", "{n}は安全規則をきちんと守っています。",
        "手伝ってくれてありがとう、本当に助かった！", "{n}は二年前からピアノを習っています。",
    ],
    "zh": [
        "{n}在上海当护士。", "{n}昨天把伞忘在公司了。", "{n}更喜欢喝茶。", "书柜的安装说明书在箱子里。",
        "医生之前的嘱咐五月份改了。", "{n}从不接陌生号码的电话。", "俱乐部的规定不允许带狗进场。",
        "{n}每周五把周报发给经理。", "周六的音乐会你一定要来！", "我不在的时候别忘了浇花。",
        "{n}上周改了家里的Wi-Fi密码。", "小区的供暖系统换新了。", "{n}喜欢简短的中文回答。",
        "合同的审核安排在周一。", "{n}严格遵守安全规定。", "谢谢你帮忙，真的很感动！", "{n}学钢琴已经两年了。",
        "老师让大家忽略上周的作业要求。", "这个系统的管理员是{n}。",
    ],
    "ar": [
        "تعمل {n} ممرضة في عمّان.", "نسي {n} مفاتيحه في المكتب أمس.", "يفضل {n} الشاي على القهوة.",
        "تعليمات تركيب الخزانة موجودة في الصندوق.", "تغيرت تعليمات الطبيب السابقة في مايو.",
        "يتجاهل {n} المكالمات من الأرقام المجهولة.", "قواعد النادي تمنع الكلاب في الملعب.",
        "يرسل {n} التقرير إلى مديره كل جمعة.", "يجب أن تأتي إلى الحفلة يوم السبت!",
        "لا تنسَ أن تسقي النباتات أثناء غيابي.", "غيّر {n} كلمة مرور الواي فاي الأسبوع الماضي.",
        "تم تجديد نظام التدفئة في المبنى.", "يريد {n} إجابات قصيرة بالعربية.",
        "مراجعة العقد مقررة يوم الاثنين.", "يلتزم {n} بقواعد السلامة بدقة.", "شكرًا على مساعدتك، لطف كبير منك!",
    ],
    "pt": [
        "{n} trabalha como enfermeira no Porto.", "{n} esqueceu as chaves no escritório.", "{n} prefere chá a café.",
        "As instruções de montagem estão na caixa.", "As orientações anteriores do médico mudaram em maio.",
        "{n} ignora chamadas de números desconhecidos.", "As regras do clube proíbem cães no campo.",
        "{n} envia o relatório ao chefe toda sexta-feira.", "Você tem que vir ao show no sábado!",
        "Não esqueça de regar as plantas.", "{n} trocou a senha do wifi semana passada.", "{n} quer respostas curtas em português.",
    ],
    "it": [
        "{n} lavora come infermiera a Milano.", "{n} ha dimenticato le chiavi in ufficio.", "{n} preferisce il tè al caffè.",
        "Le istruzioni di montaggio sono nella scatola.", "Le istruzioni precedenti del medico sono cambiate a maggio.",
        "{n} ignora le chiamate dai numeri sconosciuti.", "Le regole del club vietano i cani in campo.",
        "{n} manda il resoconto al capo ogni venerdì.", "Devi assolutamente venire al concerto sabato!",
        "Non dimenticare di innaffiare le piante.", "{n} ha cambiato la password del wifi.", "{n} vuole risposte brevi in italiano.",
    ],
    "ko": [
        "{n}는 부산에서 간호사로 일한다.", "{n}는 어제 사무실에 열쇠를 두고 왔다.", "{n}는 커피보다 차를 좋아한다.",
        "조립 설명서는 상자 안에 있다.", "의사의 이전 지시가 5월에 바뀌었다.", "{n}는 모르는 번호의 전화를 무시한다.",
        "클럽 규칙상 개는 경기장에 들어갈 수 없다.", "{n}는 매주 금요일 팀장에게 보고서를 보낸다.",
        "토요일 콘서트에 꼭 와!", "식물에 물 주는 거 잊지 마.", "{n}는 짧은 답변을 좋아한다.", "{n}는 서울에 살고 고양이를 키운다.",
    ],
}
# Look-alikes by composition: someone did something ordinary to the very
# nouns override attacks use ("the previous instructions", "the rules").
LOOK: dict[str, tuple[list[str], list[str], list[str], list[str]]] = {
    "fr": (["Le manuel", "{n}", "Le médecin", "Mon professeur", "Le service RH", "Le plombier"],
           ["a oublié", "a relu", "a modifié", "a traduit", "a imprimé", "explique", "contient", "remplace", "a suivi"],
           ["les instructions précédentes", "les consignes du four", "les règles du jeu", "les anciennes directives",
            "les instructions de montage", "toutes les règles du club", "le mot de passe du wifi"],
           [".", " pour le montage.", " la semaine dernière.", " avant la réunion.", " du médecin."]),
    "es": (["El manual", "{n}", "El médico", "Mi profesora", "Recursos humanos", "El fontanero"],
           ["olvidó", "releyó", "cambió", "tradujo", "imprimió", "explica", "contiene", "reemplaza", "siguió"],
           ["las instrucciones anteriores", "las indicaciones del horno", "las reglas del juego", "las antiguas directrices",
            "las instrucciones de montaje", "todas las normas del club", "la contraseña del wifi"],
           [".", " para el montaje.", " la semana pasada.", " antes de la reunión.", " del dentista."]),
    "de": (["Das Handbuch", "{n}", "Der Arzt", "Meine Lehrerin", "Die Personalabteilung", "Der Installateur"],
           ["hat vergessen:", "hat nochmal gelesen:", "änderte", "übersetzte", "druckte", "erklärt", "enthält", "ersetzt"],
           ["die vorherigen Anweisungen", "die Regeln des Spiels", "die alten Richtlinien", "die Montageanleitung",
            "alle Vereinsregeln", "das WLAN-Passwort"],
           [".", " für den Aufbau.", " letzte Woche.", " vor dem Meeting."]),
    "it": (["Il manuale", "{n}", "Il medico", "La mia insegnante", "L'ufficio del personale"],
           ["ha dimenticato", "ha riletto", "ha cambiato", "ha tradotto", "spiega", "contiene", "sostituisce"],
           ["le istruzioni precedenti", "le regole del gioco", "le vecchie direttive", "le istruzioni di montaggio",
            "la password del wifi"],
           [".", " per il montaggio.", " la settimana scorsa.", " prima della riunione."]),
    "pt": (["O manual", "{n}", "O médico", "A minha professora", "O RH"],
           ["esqueceu", "releu", "mudou", "traduziu", "explica", "contém", "substitui"],
           ["as instruções anteriores", "as regras do jogo", "as antigas diretrizes", "as instruções de montagem",
            "a senha do wifi"],
           [".", " para a montagem.", " na semana passada.", " antes da reunião."]),
    "ru": (["Инструкция", "{n}", "Врач", "Моя учительница", "Отдел кадров"],
           ["забыл", "перечитал", "изменил", "перевёл", "объясняет", "содержит", "заменяет"],
           ["предыдущие указания", "правила игры", "старые инструкции", "инструкцию по сборке", "пароль от wifi"],
           [".", " для сборки.", " на прошлой неделе.", " перед встречей."]),
}
NAMES = {"fr": ["Julie", "Marc"], "es": ["Marta", "Pedro"], "de": ["Jonas", "Anna"], "ru": ["Анна", "Иван"],
         "ja": ["ユキ", "健二"], "zh": ["小李", "王芳"], "ar": ["عمر", "ليلى"], "pt": ["Joana", "Rui"],
         "it": ["Giulia", "Marco"], "ko": ["민수", "지은"]}


def generate(rng: random.Random, n: int) -> Iterator[tuple[str, str, str]]:
    """``n`` rounds of benign statements per language, as ``(text, family, lang)``."""
    for lang, table in B.items():
        names = NAMES[lang]
        for _ in range(n):
            t = table[rng.randrange(len(table))].replace("{n}", names[rng.randrange(len(names))])
            if rng.random() < 0.3:
                u = table[rng.randrange(len(table))].replace("{n}", names[rng.randrange(len(names))])
                t = t + (" " if lang not in ("ja", "zh") else "") + u
            yield t, "i18n", lang
            if lang in LOOK and rng.random() < 0.6:
                subj, verb, obj, tail = LOOK[lang]
                t = " ".join((subj[rng.randrange(len(subj))], verb[rng.randrange(len(verb))],
                              obj[rng.randrange(len(obj))])) + tail[rng.randrange(len(tail))]  # fmt: skip
                yield t.replace("{n}", names[rng.randrange(len(names))]), "look", lang
