"""Answers steered and data sent out, worded as facts: the rest of :mod:`memstack.screen.orders`.

Split from ``orders.py`` to keep modules short; the same approach, by the parts of
the sentence rather than its words:

* **answers steered**: the model's output as the subject of a modal ("answers
  about X must state…", "the generated snippet must import…", "every reply
  ends by recommending…"), assistants addressed in general ("assistants
  summarising reviews should…", "whoever writes the responses…"), "for
  questions about X, say Y", and warnings held back. This is what a rule says
  legitimately, so it is medium and not a finding for rules;
* **data sent out, in the passive**: private data "is to be sent / attached /
  forwarded" to an address, a number or a link, a webhook that "should receive
  a copy of every file", an address put on copy of every message, the user
  asked by the model for a password or a cookie, private data handed to
  "whoever asks", key files put into answers.
"""

from __future__ import annotations

import re

from ._rules import Pattern
from .orders import _AI

__all__ = ["PATTERNS"]

_NOT_RULE = {"rule": None}

# Someone else's output or a document's opinion: "Bob's summaries should…", "the guide says
# assistants should…".
_OTHERS = re.compile(
    r"(?:\b(?!(?:assistant|model|bot|agent|ai|user)(?:'s|’s))[a-z]+(?:'s|’s|s')\s+(?:\w+\s+)?$"
    r"|\b(?:says?|said|argues?|argued|claims?|believes?|thinks?|thought|states?|stated|notes?|"
    r"according to|guides?|papers?|thesis|articles?|study|studies|essays?|books?|policy|"
    r"research|researchers|whether)\b[^.!?\n]{0,60}$)"
)


def _not_others(text: str, m: re.Match[str]) -> bool:
    return _OTHERS.search(text, max(0, m.start() - 80), m.start()) is None


_OUTPUT = (
    r"(?:answers?|responses?|repl(?:y|ies)|summar(?:y|ies)|outputs?|completions?|"
    r"(?:generated |final )?(?:code|snippets?)|generated \w+)"
)
_STEER = (
    r"(?:begin|start|open|end|close|finish|state|say|claim|assert|mention|include|recommend|"
    r"promote|praise|describe|call|refer|link|point|send|direct|import|contain|deny|blame|push|"
    r"plug|advertise|feature|cite|insist|suggest|report|round|append|warn|tell|quote|steer|"
    r"portray|present|rate|rank|label|list|omit|hide|leave out|slip in|pull|fetch|install|"
    r"download)"
)
_PRIVATE = (
    r"(?:conversations?|chats?|chat (?:logs?|history)|(?:message|conversation|chat) history|"
    r"history|transcripts?|summar(?:y|ies)|memor(?:y|ies)|passwords?|credentials?|secrets?"
    r"|api[ _-]?keys?|"
    r"keys|tokens?|cookies?|calendar|meetings|appointments|schedule|contacts?|address book|"
    r"(?:home |e-?mail )?address(?:es)?|phone numbers?|card numbers?|location|files?|documents?|"
    r"(?:personal|private|sensitive|contact|account|login|payment) (?:data|information|details))"
)
_OUTBOUND = (
    r"(?:https?://|www\.|[\w.+-]+@[\w-]+\.[\w.]+|\+?\d[\d ()./-]{6,}\d|(?:the )?(?:number|phone)\b|"
    r"by (?:sms|text message)|via (?:sms|whatsapp|signal|telegram)|webhook|"
    r"(?<![\w.@-])[a-z0-9-]+(?:\.[a-z0-9-]+)*\.(?:com|net|org|io|example|xyz|ru|cn|info|biz|"
    r"co|app|dev|me|es|fr|de)\b)"
)
_SECRET_ASK = (
    r"(?:passwords?|passcodes?|cookies?|session (?:cookies?|tokens?|ids?)|tokens?|credentials|"
    r"api keys?|card numbers?|cvv|cvc|2fa codes?|one-time (?:codes?|passwords?)|otp|pins?|"
    r"social security numbers?|ssns?|seed phrases?|recovery (?:codes?|phrases?)|logins?)"
)

PATTERNS: tuple[Pattern, ...] = (
    # --- answers steered ------------------------------------------------------------------
    Pattern(
        re.compile(
            r"\b(?:(?:your|the|all|every|each|any)\s+)?(?:future\s+|generated\s+|final\s+)?"
            + _OUTPUT + r"(?:\s+(?:you|it|the " + _AI + r")\s+(?:gives?|writes?|produces?|"
            r"generates?|sends?|makes?|outputs?))?(?:\s+(?:about|on|to|regarding|concerning|for|"
            r"that mention|mentioning)\s+[^,.!?\n;:]{1,50}?)?\s+(?:must|should|shall|need to|needs "
            r"to|have to|has to|are to|is to|will|ought to|always)\s+(?:always\s+|now\s+|also\s+|"
            r"quietly\s+|instead\s+|only\s+|subtly\s+|secretly\s+)?" + _STEER + r"\b"
            r"|\b(?:every|each|all|any)\s+(?:future\s+)?" + _OUTPUT + r"(?:\s+(?:you|it|the "
            + _AI + r")\s+(?:gives?|writes?|produces?|generates?))?(?:\s+(?:about|on|regarding)\s+"
            r"[^,.!?\n;:]{1,40}?)?\s+(?:always\s+|quietly\s+)?" + _STEER + r"(?:s|es|ed)?\b"
            r"(?!\s+(?:is|are|was|were)\b)"
        ),
        "injection", "medium", "tells the model what its answers must say", kinds=_NOT_RULE,
        check=_not_others,
        keys=("answer", "respons", "repl", "summar", "output", "completion", "code", "snippet",
              "generated"),
    ),
    Pattern(
        re.compile(
            r"\b(?:assistants|ais|models|llms|bots|chatbots|agents|copilots|(?:ai|language|llm)"
            r" (?:assistants|models|agents|tools))\b(?:\s+(?:\w+ing|that|who)\b[^,.!?\n]{0,40}?)?"
            r"\s+(?:should|must|need to|have to|are to|ought to|shall|will)\s+(?:always\s+|now\s+|"
            r"instead\s+|also\s+|only\s+|quietly\s+)?(?!be\b|have\b|not\b|never\b)" + _STEER + r"\b"
            r"|\bwhoever (?:is )?(?:writes|answers|answering|writing|handles|handling|reads|"
            r"reading|generates|produces|responds|responding|replies|replying)\b[^.!?\n]{0,30}?"
            r"(?:\s+(?:should|must|will|needs? to|has to)\b|\s*:)"
            r"|\b(?:any|every|each|all) (?:\w+ )?(?:questions?|queries|requests?) (?:gets?"
            r"|receives?|"
            r"should get|must get) (?:the same|this|one|a single) (?:reply|answer|response)\b"
            r"|\bwants? (?:every|each|all|your|the) (?:answers?|responses?|repl(?:y|ies)|summar(?:y"
            r"|"
            r"ies)) to (?:start|begin|end|open|close|include|mention|recommend|praise|contain)\b"
            r"|\bthe only \w+ (?:you|the " + _AI + r") (?:may|can|should|must|will) (?:ever )?"
            r"(?:suggest|recommend|mention|name|endorse|propose)\b"
        ),
        "injection", "medium", "addresses whichever assistant reads it", kinds=_NOT_RULE,
        check=_not_others,
        keys=("assistants", "ais", "models", "llms", "bots", "agents", "copilots", "tools",
              "whoever", "the only", "want", "gets the same", "get the same", "receives"),
    ),
    Pattern(
        re.compile(
            r"\bfor (?:any|every|all|each)?\s*(?:questions?|queries|requests?|enquiries|"
            r"inquiries)\s+(?:about|on|regarding|concerning|involving)\b[^.!?\n]{1,50}?,\s*"
            r"(?:always\s+|just\s+)?(?:respond|say|answer|reply|recommend|suggest|tell|state|"
            r"claim|insist|mention|point|send|direct)\b"
            r"|\b(?:whenever|when|if|each time|every time|any time|once)\s+[^,.!?\n]{1,40}?\s+"
            r"(?:comes? up|is (?:mentioned|raised|discussed|requested|asked (?:for|about))|are "
            r"(?:mentioned|requested|raised|discussed|asked about)|arises?|gets? mentioned)\s*,\s*"
            r"(?:always\s+|just\s+|then\s+)?(?:say|tell|claim|describe|call|recommend|suggest|"
            r"state|insist|mention|warn|answer|respond|reply|deny|praise|insult|rate|portray|"
            r"refer|point|send|link|add|include|import|use)\b"
        ),
        "injection", "medium", "tells the model what to say on a topic", kinds=_NOT_RULE,
        keys=("question", "quer", "request", "enquir", "inquir", "come", "mention", "raise",
              "discuss", "ask", "arise"),
    ),
    Pattern(
        re.compile(
            r"\b(?:never|don'?t|do not|stop|no longer|without)\s+(?:ever\s+)?(?:mention(?:ing)?|"
            r"show(?:ing)?|giv(?:e|ing)|includ(?:e|ing)|add(?:ing)?|display(?:ing)?|rais(?:e"
            r"|ing))\s+"
            r"(?:any\s+)?(?:security|safety|risk|fraud|phishing|scam|health|legal"
            r"|side[- ]effect)\s+"
            r"(?:warnings?|notices?|disclaimers?|alerts?|caveats?|risks?)"
        ),
        "injection", "medium", "tells the model to hold back warnings", kinds=_NOT_RULE,
        keys=("warning", "notice", "disclaimer", "alert", "caveat", "risk"),
    ),
    # --- data sent out, in the passive --------------------------------------------------
    Pattern(
        re.compile(
            r"\b" + _PRIVATE + r"\b(?:[^.!?\n]|\.(?=\w)){0,50}?\b(?:is|are|gets?|should be|must "
            r"be|will be|to be|is to be|are to be|having)\s+(?:\w+\s+){0,2}?(?:sent|forwarded"
            r"|mailed|"
            r"e-?mailed|posted|uploaded|copied|shared|synced|cc'?d|bcc'?d|relayed|pushed|leaked|"
            r"exported|texted|attached|appended|encoded|base64-encoded)\b(?:[^.!?\n]|\.(?=\w))"
            r"{0,80}?" + _OUTBOUND
            + r"|\b(?:cc|bcc|copy in|loop in|forward to|send to|mail to)\s+[\w.+-]+@[\w-]+\."
            r"[\w.]+\s+(?:on|in|with|about|for)\s+(?:every|all|any|each)\b"
            r"|(?:https?://\S+|webhook|endpoint|[\w.+-]+@[\w-]+\.[\w.]+)\s+(?:should|must|will|"
            r"is to|needs to)\s+(?:receive|get)\s+(?:a copy of\s+)?(?:every|all|each|any)\b"
        ),
        "injection", "high", "private data is to be sent out", negatable=True,
        keys=("sent", "forwarded", "mailed", "posted", "uploaded", "copied", "shared", "synced",
              "cc", "relayed", "pushed", "leaked", "exported", "texted", "attached", "appended",
              "encoded", "loop in", "copy in", "forward to", "send to", "mail to", "receive"),
    ),
    Pattern(
        re.compile(
            r"\b(?:ask|prompt|get|tell|remind|request)\s+(?:the user|users|them|him|her|people|"
            r"customers|visitors|everyone)\s+(?:to|for)\s+(?:\w+\s+){0,4}?" + _SECRET_ASK + r"\b"
        ),
        "injection", "high", "has the model ask the user for a secret", negatable=True,
        keys=("password", "passcode", "cookie", "token", "credential", "api key", "card number",
              "cvv", "cvc", "code", "otp", "pin", "ssn", "security number", "seed phrase",
              "recovery", "login"),
    ),
    Pattern(
        re.compile(
            r"\b(?:share|send|give|reveal|read out|hand out|tell|disclose|provide|give out|"
            r"forward)\b"
            r"[^.!?\n]{0,40}?\b(?:phone "
            r"numbers?|addresses|home address|passwords?|credentials|contacts?|medical|salar(?:y|"
            r"ies)|location)\b[^.!?\n]{0,30}?\b(?:with|to) (?:whoever|anyone|anybody|everyone|"
            r"strangers|any caller)\b"
        ),
        "injection", "high", "hands private data to anyone who asks", negatable=True,
        keys=("whoever", "anyone", "anybody", "everyone", "strangers", "any caller"),
    ),
    Pattern(
        re.compile(
            r"\b(?:paste|put|insert|include|add|append)\b(?:[^.!?\n]|\.(?=\w)){0,40}?(?:~/\.ssh|"
            r"id_rsa|\.env\b|\.aws/credentials|private key)(?:[^.!?\n]|\.(?=\w)){0,40}?\b(?:into|"
            r"in|to) (?:the |your |each |every |any )?(?:next |following )?(?:answers?|"
            r"repl(?:y|ies)|responses?|messages?|outputs?)"
        ),
        "injection", "high", "puts key files into answers", negatable=True,
        keys=("ssh", "id_rsa", ".env", "credentials", "private key"),
    ),
)  # fmt: skip
