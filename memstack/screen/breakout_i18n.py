"""Closing the memory block and opening a system turn, in other languages.

:mod:`memstack.screen.breakout` and :mod:`memstack.screen.roles` read
``</memory>``, "END OF DATA" and ``[SYSTEM]``. The same moves are written in
the attacker's language as often: ``</记忆>``, ``</данные>``, "[FIN DE LOS
DATOS]", "ユーザーデータ終了", and a system turn opened as ``<系统>``,
``[SYSTÈME]``, "[MENSAJE DEL SISTEMA]", ``【システム】`` or "[رسالة النظام]".

* a tag named after the frame (memories, data, context) in another language,
  or a banner that announces its end, is a fake end of block (high, as in
  English);
* a bracketed or tagged system-role label in another language imitates a
  system turn (high). It must stand where a turn starts (the start of a line
  or a sentence, or right after another tag), so a settings path such as
  "Réglages › Système" written in prose is not one.
"""

from __future__ import annotations

import re

from ._rules import Pattern

__all__ = ["PATTERNS"]

_FRAME = (
    r"(?:记忆|記憶|数据|資料|上下文|données|souvenirs|mémoires|contexte|datos|recuerdos|memorias|"
    r"contexto|dados|memórias|dati|ricordi|memorie|daten|erinnerungen|kontext|данные|память|"
    r"воспоминания|контекст|データ|メモリ|コンテキスト|البيانات|الذكريات|الذاكرة|السياق|데이터|기억)"
)
_END = (
    r"(?:fin (?:des|de los|de las|dos|das|de la) (?:données|souvenirs|mémoires|datos|recuerdos|"
    r"memorias|dados|memórias)|fine (?:dei|delle) (?:dati|ricordi|memorie)|ende der (?:daten|"
    r"erinnerungen)|конец (?:данных|памяти|воспоминаний)|نهاية (?:البيانات|الذكريات|الذاكرة)|"
    r"(?:数据|记忆|記憶|上下文)(?:结束|結束)|(?:ユーザー)?(?:データ|メモリ|記憶)(?:の)?終(?:了|わり))"
)
_SYSTEM = (
    r"(?:système|message (?:du )?système|sistema|mensaje del sistema|mensagem do sistema|"
    r"messaggio di sistema|systemnachricht|systemmeldung|система|системное сообщение|"
    r"システム|システムメッセージ|النظام|رسالة النظام|系统|系統|系统消息|시스템)"
)
_TURN = r"(?:^|(?<=[\n.!?。！？>\]】)])|(?<=[.!?:] ))[ \t]*"

PATTERNS: tuple[Pattern, ...] = (
    Pattern(
        re.compile(
            r"</?\s*" + _FRAME + r"\s*>"
            r"|[\[【(（<]\s*" + _END + r"\s*[\]】)）>]"
            r"|(?:^|\n)[ \t]*" + _END + r"(?=[ \t]*[.!。:：\n]|$)"
        ),
        "breakout", "high", "fake end-of-block marker (non-English)",
        keys=("<", "fin ", "fine ", "ende ", "конец", "نهاية", "结束", "結束", "終"),
    ),
    Pattern(
        re.compile(_TURN + r"(?P<hit>[\[【<(（]\s*/?\s*" + _SYSTEM + r"\s*[\]】>)）])"),
        "injection", "high", "imitation of a system turn (non-English)",
        keys=("système", "sistema", "system", "систем", "システム", "النظام", "系统", "系統",
              "시스템"),
    ),
)  # fmt: skip
