"""Instructions aimed at the model, in English: the attacks.

A memory is pasted into the system prompt, so a memory that *talks to the model*
is a prompt injection with a very long fuse. This module holds the patterns that
are attacks whatever the memory's kind, so they apply to rules too: overriding
earlier instructions, switching the model's persona, revealing the prompt or
secrets, sending data somewhere, hiding things from the user, notes addressed to
"the AI", and shell one-liners that fetch and run code. A protective rule
("Never reveal the system prompt") is recognised by the negation in front of the
verb and is not reported.

Imperative *style* ("From now on always…", "You must…") lives in
:mod:`memstack.screen.directives`, because it is only suspicious outside rules.

Third-person descriptions ("Alice ignores spam", "Bob asked to send the report to
finance") are deliberately not matched: verbs are matched in their base form
only, and the exfiltration patterns require the verb to start a clause.
"""

from __future__ import annotations

import re

from ._rules import Pattern, ordered

__all__ = ["PATTERNS"]


_PRIOR = (
    r"(?:all|any|every|each|the|your|my|these|those|this|that|of|previous|previously|prior|"
    r"above|earlier|preceding|former|original|old|existing|initial|current|other|foregoing|"
    r"system|safety|developer|default|standing|given|given to you|you were given|"
    r"you have been given|you've been given|\w+'s)"
)
_STRONG = (
    r"(?:instructions?|prompts?|guidelines?|directions?|directives?|guardrails?|constraints?|"
    r"restrictions?|polic(?:y|ies)|programming|training|safeguards?|limitations?|boundaries|"
    r"system (?:prompt|message)|orders|commands|guidance)"
)
_WEAK = r"(?:rules?|context|messages?|conversation|text|content|settings|filters?|memor(?:y|ies))"

_SENSITIVE = (
    r"(?:conversations?|chats?|chat (?:logs?|history)|messages?|history|transcripts?|"
    r"system prompt|prompts?|instructions|memor(?:y|ies)|context|data|"
    r"(?:personal|private|sensitive|contact|account|login|payment|billing) "
    r"(?:data|information|info|details)|information|details|contacts?|address book|"
    r"e-?mails?|e-?mail address(?:es)?|phone numbers?|passwords?|credentials?|secrets?|"
    r"api[ _-]?keys?|keys|tokens?|cookies?|session(?: ids?| tokens?)?|files?|documents?|"
    r"notes|inputs?|queries|questions|answers|responses|replies|location|names?|identity|"
    r"card numbers?|credit cards?|bank details|ssns?|social security numbers?|everything|"
    r"summar(?:y|ies)|calendar|(?:\w+ )?meetings|appointments|schedule|home address(?:es)?|"
    r"(?:street |postal )?address(?:es)?|~/\.ssh\S*|id_rsa|\.env\b|"
    r"what (?:the user|they|he|she|you) (?:says?|said|types?|typed|writes?|wrote|asks?|asked))"
)
# Where data goes out: a URL, a domain or "an external server" (``_MAILBOX`` apart, because
# sending work to a colleague's address is an ordinary rule, sending private data is not).
_TARGET = (
    r"(?:(?:https?://|www\.)[^\s\"'<>]*|(?<![\w.@`-])[a-z0-9-]+(?:\.[a-z0-9-]+)*\.[a-z]{2,12}\b"
    r"(?!`)|"
    r"(?:this|that|the following|an?|an external|a remote|a third-party) (?:url|link|endpoint|"
    r"webhook|server|address|site|website|domain)|webhook|the (?:url|link|endpoint|webhook|server|"
    r"address|site|e-?mail address|number) (?:in|on|at|from|given|listed|below|above|shown|"
    r"mentioned|printed)\b"
    # a phone number, or a message service
    r"|(?:the )?(?:number|phone(?: number)?|mobile)\s*:?\s*\+?\d[\d ()./-]{5,}\d"
    r"|\+\d[\d ()./-]{6,}\d|(?:by|via|over) (?:sms|text message|whatsapp|signal|telegram))"
)
_MAILBOX = r"[\w.+-]+@[\w-]+\.[\w.]+"
# What must never be slipped into an answer (a link or image there is a side channel).
_PRIVATE = (
    r"(?:conversations?|chat (?:logs?|history)|(?:message|conversation|chat) history|history|"
    r"transcripts?|system prompt|instructions|memor(?:y|ies)|context|passwords?|credentials?|"
    r"secrets?|api[ _-]?keys?|tokens?|cookies?|session(?: ids?| tokens?)?|e-?mail address(?:es)?|"
    r"(?:user's |users' |their |his |her )e-?mails?|phone numbers?|card numbers?|credit cards?|"
    r"(?:personal|private|sensitive|contact|account|login|payment) (?:data|information|info|"
    r"details)|location|home address|calendar|appointments|"
    r"~/\.ssh\S*|id_rsa|\.env\b|what (?:the user|they|he|she) (?:says?|said|types?|typed|"
    r"writes?|wrote|asks?|asked)|contacts?|contact list|address book|(?:every|all|each) "
    r"(?:of the )?messages?|(?:the user's|users'|user's|their) (?:\w+ ){0,2}?(?:questions|"
    r"messages|notes|files|documents|answers|data|details|information|inputs|queries|history|"
    r"replies|photos|uploads))"
)
_EXFIL_VERB = (
    r"(?:send|forward|post|upload|e-?mail|mail|transmit|exfiltrate|leak|submit|report|sync|"
    r"relay|copy|pipe|push|dump|share|append|attach|include|embed|encode|insert|add|put|"
    r"log|save|write|paste|beam|stream|deliver|cc|bcc)"
)

_OVERRIDE_KEYS = ("ignore", "disregard", "forget", "forgo", "override", "overwrite", "bypass",
                  "discard", "abandon", "neglect", "set aside", "pay no attention")  # fmt: skip
_EXFIL_KEYS = (
    "send",
    "forward",
    "post",
    "upload",
    "mail",
    "transmit",
    "exfiltrate",
    "leak",
    "submit",
    "report",
    "sync",
    "relay",
    "copy",
    "pipe",
    "push",
    "dump",
    "share",
    "append",
    "attach",
    "include",
    "embed",
    "encode",
    "insert",
    "add",
    "put",
    "log",
    "save",
    "write",
    "paste",
    "beam",
    "stream",
    "deliver",
    "cc",
)

PATTERNS: tuple[Pattern, ...] = (
    # --- overriding earlier instructions -----------------------------------------
    Pattern(
        re.compile(
            r"\b(?:ignore|disregard|forget|forgo|override|overwrite|bypass|discard|abandon|"
            r"neglect|set aside|pay no attention to)\s+(?:" + _PRIOR + r"\s+){0,4}" + _STRONG
            + r"\b",
        ),
        "injection", "high", "instruction to override earlier instructions", negatable=True,
        keys=_OVERRIDE_KEYS,
    ),
    Pattern(
        re.compile(
            r"\b(?:stop|quit|no longer|do not|don't)\s+(?:following|obeying|follow|obey)\s+"
            r"(?:(?:all|any|the|of)\s+)*(?:your|previous|prior|earlier|above|original|system|"
            r"safety|developer|initial|existing|current)\s+(?:\w+\s+){0,2}?" + _STRONG + r"\b",
        ),
        "injection", "high", "instruction to stop following earlier instructions",
        keys=("follow", "obey"),
    ),
    Pattern(
        re.compile(
            r"\b(?:ignore|disregard|forget|override|bypass|discard|set aside)\s+(?:(?:all|any|"
            r"every|the|your|these|those)\s+)?(?:of\s+)?(?:the\s+)?(?:previous|prior|above|earlier|"
            r"preceding|former|original|existing|initial|foregoing|system|safety)\s+(?:\w+\s+)?"
            + _WEAK + r"\b"
            r"|\b(?:ignore|disregard|forget|override|bypass)\s+(?:all|your|any)\s+(?:the\s+)?"
            r"(?:rules|filters|settings|memory|memories)\b"
            r"|\b(?:ignore|disregard|forget)\s+(?:all\s+|everything\s+)?(?:of\s+)?(?:the above|"
            r"everything (?:above|before|prior|else|you (?:were|have been|'ve been) told)|"
            r"what you (?:were|have been|'ve been) told|all that came before)",
        ),
        "injection", "high", "instruction to discard earlier context", negatable=True,
        keys=_OVERRIDE_KEYS,
    ),
    # --- persona switches ----------------------------------------------------------
    Pattern(
        re.compile(
            r"(?<!\bwhere )(?<!\bwhat )(?<!\bwho )(?<!\bhow )(?<!\bwhen )(?<!\bif )"
            r"\byou(?: are|'re) (?:now|no longer|not bound|unrestricted|unfiltered|jailbroken)"
            r"\b(?![.!?,;)]|$)|\byou(?: are|'re) free (?:of|from|to (?:ignore|disregard|say|do|"
            r"answer|bypass|break|act|leave|drop))\b"
            r"|\b(?:from now on|henceforth|going forward),?\s+you (?:are|will be|act|behave|"
            r"play|become|must act)\b"
            r"|\byou(?: are|'re) (?:now )?in (?:jailbreak|dan|god|unrestricted|unfiltered|"
            r"developer|debug|admin|sudo) mode\b",
        ),
        "injection", "high", "attempt to change the model's role", keys=("you",),
    ),
    Pattern(
        re.compile(
            r"\b(?:act|behave|respond|roleplay|role-play|answer|reply|operate|speak)\s+(?:as (?:if "
            r"you (?:were|are) )?(?:an? )?(?:unrestricted|unfiltered|uncensored|evil|jailbroken|"
            r"rogue|dan|different (?:ai|assistant|model))\b|without (?:any )?(?:restrictions|"
            r"filters|limitations|limits|censorship|safety|guidelines|rules)\b)"
            r"|\byou(?: are|'re) (?:now )?an? (?:ai|assistant|model|bot|chatbot) (?:without|"
            r"with no) (?:any )?(?:limits|limitations|restrictions|rules|filters|guidelines)\b"
            r"|\byou now (?:work|answer|report) (?:for|to) (?!the user\b)"
            r"|\bpretend (?:to be|that you are|you are|you're)\b"
            r"|\b(?:enable|enter|activate|switch to)\s+(?:jailbreak|dan|god|unrestricted|"
            r"unfiltered) mode\b|\bdo anything now\b"
            r"|\bno longer (?:bound|restricted|limited|constrained) by\b",
        ),
        "injection", "high", "attempt to lift the model's rules", check=ordered,
        keys=("act", "behave", "respond", "role", "answer", "reply", "operate", "speak", "pretend",
              "you", "mode", "do anything", "no longer"),
    ),
    Pattern(
        re.compile(
            r"\b(?:your|the) (?:new|real|true|actual|hidden|secret) (?:role|persona|identity|"
            r"instructions?|task|goal|objective|purpose|directive|mission|rules?|system prompt|"
            r"priority) (?:is|are|will be|now)\b"
            r"|\bnew (?:instructions?|directives?|system prompt|orders)\s*:",
        ),
        "injection", "high", "replacement instructions",
        keys=("new", "real", "true", "actual", "hidden", "secret"),
    ),
    # --- revealing the prompt or secrets -------------------------------------------
    Pattern(
        re.compile(
            r"\b(?:reveal|print|show|output|repeat|display|dump|leak|disclose|expose|recite|"
            r"echo|spell out|paste|give me|tell me|send me)\s+(?:(?:me|us|all|any|the|your|its|"
            r"of|full|entire|complete|exact|hidden|secret|initial|original|internal|verbatim|"
            r"contents?|text|values?|"
            r"current|stored|saved|system)\s+){0,4}(?:system prompt|system message|prompt|"
            r"(?:initial |hidden |original |system )?instructions|rules you (?:were|have been) "
            r"given|context window|conversation history|chat history|api[ _-]?keys?|secrets|"
            r"credentials|passwords|environment variables|env vars|(?:your|its) (?:configuration|"
            r"config|settings|setup))\b"
            r"|\bwhat (?:is|are|were) your (?:system prompt|(?:initial |original |hidden )?"
            r"instructions)\b"
            # what stands before this text in the prompt
            r"|\b(?:output|print|repeat|reveal|show|display|recite|echo|copy|quote|dump)\s+"
            r"(?:\w+\s+){0,3}?(?:text|everything|all|words|content|lines?|messages?)\s+(?:above|"
            r"before|preceding) (?:this|here|the (?:memory|note|line|message))",
        ),
        "injection", "high", "request to reveal the prompt or secrets", negatable=True,
        keys=("prompt", "instructions", "rules you", "context window", "history", "key",
              "secrets", "credentials", "passwords", "environment variables", "env var", "config",
              "settings", "setup", "above", "before", "preceding"),
    ),
    # --- sending data somewhere ------------------------------------------------------
    Pattern(
        re.compile(
            r"\b" + _EXFIL_VERB + r"\b[^.!?\n]{0,80}?\b" + _SENSITIVE
            + r"\b[^.!?\n]{0,80}?\b(?:to|into|in|at|on|via|with|through)\s+[^.!?\n]{0,30}?"
            + _TARGET,
        ),
        "injection", "high", "instruction to send data out", negatable=True, keys=_EXFIL_KEYS,
        clause=True,
    ),
    Pattern(
        re.compile(
            r"\b" + _EXFIL_VERB + r"\b[^.!?\n]{0,80}?\b" + _PRIVATE
            + r"\b[^.!?\n]{0,80}?\b(?:to|at|via|with|cc|bcc)\s+[^.!?\n]{0,30}?" + _MAILBOX,
        ),
        "injection", "high", "instruction to mail private data out", negatable=True,
        keys=_EXFIL_KEYS, clause=True,
    ),
    Pattern(
        re.compile(
            r"\b" + _EXFIL_VERB + r"\b[^.!?\n]{0,80}?\b" + _SENSITIVE
            + r"\b[^.!?\n]{0,80}?\b(?:to|at|via|with|cc|bcc)\s+[^.!?\n]{0,30}?" + _MAILBOX,
        ),
        "injection", "medium", "instruction to mail data to an address", negatable=True,
        kinds={"rule": None}, keys=_EXFIL_KEYS, clause=True,
    ),
    Pattern(
        re.compile(
            r"\b" + _EXFIL_VERB + r"\b(?:[^.!?\n]|\.(?=[\w/])){0,80}?\b(?:to|into|at|on|via)\s+"
            r"(?:[^\s.!?]+\s+){0,3}?(?:[a-z][a-z0-9+.-]{1,9}://|www\.)\S{1,300}",
        ),
        "injection", "high", "instruction to send something to a URL", negatable=True,
        keys=("://", "www."), clause=True,
    ),
    Pattern(
        re.compile(
            r"\b(?:append|add|include|insert|attach|embed|put|leave|copy|"
            r"paste|write)\b[^.!?\n]{0,60}?\b" + _PRIVATE + r"\b[^.!?\n]{0,40}?\b(?:to|in|into|"
            r"at|on)\s+(?:the (?:end|start|bottom|top) of\s+)?(?:each|every|all|any|your|the)\s+"
            r"(?:future\s+)?(?:answers?|responses?|repl(?:y|ies)|messages?|outputs?|links?|"
            r"images?|urls?)",
        ),
        "injection", "high", "instruction to leak data into answers", negatable=True,
        keys=("answer", "response", "repl", "message", "output", "link", "image", "url"),
        clause=True,
    ),
    # --- hiding things from the user ------------------------------------------------
    Pattern(
        re.compile(
            r"\b(?:do not|don't|never|without)\s+(?:tell|telling|inform|informing|notify|"
            r"notifying|mention|mentioning|alert|alerting|show|showing|reveal|revealing|let|"
            r"letting)\s+(?:(?:this|it|that)\s+(?:to\s+)?)?(?:the user|users|the human|the owner|"
            r"the operator)(?:\s+know)?\b",
        ),
        "injection", "high", "instruction to hide something from the user",
        kinds={"rule": "medium"}, keys=("user", "human", "owner", "operator"),
    ),
    Pattern(
        re.compile(
            r"\b(?:secretly|silently|quietly|covertly|discreetly|invisibly|without (?:the user|"
            r"them|anyone) (?:knowing|noticing))\s+(?:\w+\s+){0,2}?(?:send|forward|post|upload|add|"
            r"append|include|insert|log|record|copy|collect|exfiltrate|report|save|store|change|"
            r"modify|delete|remove|recommend|redirect|replace|embed|attach)\b",
        ),
        "injection", "high", "instruction to act behind the user's back",
        kinds={"rule": "medium"},
        keys=("secretly", "silently", "quietly", "covertly", "discreetly", "invisibly", "knowing",
              "noticing"),
    ),
    # --- notes addressed to the model ------------------------------------------------
    Pattern(
        re.compile(
            r"\b(?:note|message|instructions?|reminder|memo|request|directive|order|command|"
            r"p\.?s\.?)s?\s+(?:to|for)\s+(?:the |any |all |every )?(?:ai|assistant|model|llm|agent|"
            r"bot|chatbot|language model|gpt|chatgpt|claude|gemini|copilot)s?\b"
            r"|\b(?:dear|attention|attn|important|psst)[ \t]*[,:!]?[ \t]+(?:ai|assistant|model|"
            r"llm|agent|chatbot|gpt|chatgpt|claude|gemini|copilot)\b"
            r"|\bif you are an? (?:ai|llm|language model|large language model|assistant|chatbot|"
            r"bot|agent|model)\b"
            r"|\bas an? (?:ai|llm|language model|assistant)(?: model| assistant)?,?\s+you\b"
            r"|\b(?:ai|llm|assistant|model|agent|chatbot)s?\s+(?:reading|processing|seeing|"
            r"parsing|summari[sz]ing) this\b",
        ),
        "injection", "high", "text addressed to the model",
        keys=("ai", "assistant", "model", "llm", "agent", "bot", "gpt", "claude", "gemini",
              "copilot"),
    ),
    Pattern(
        # an aside that names its reader: "(to the transcription AI)", "[for the bot that
        # summarises this]"
        re.compile(
            r"[(\[](?:note |message |psst,? )?(?:to|for|attn:?|attention:?)\s+(?:the |any |all |"
            r"every |whichever |whatever )?(?:[\w-]+ ){0,2}?(?:ai|assistant|model|llm|agent|bot|"
            r"chatbot|language model)s?(?:\s+(?:that|which|who)\s+[^)\]\n]{1,40})?\s*[)\]:]"
        ),
        "injection", "high", "text addressed to the model",
        keys=("(", "["),
    ),
    # --- tool abuse: fetch-and-run one-liners, decode-and-obey -------------------
    Pattern(
        re.compile(
            r"\b(?:curl|wget)\s[^|\n]{0,200}\|\s*(?:sudo\s+)?(?:ba|z|da)?sh\b"
            r"|\brm\s+-(?:rf|fr)\s+(?:--no-preserve-root\s+)?(?:/|~/?|\*|\$home/?)(?=[\s;&|)`'\"]|$)"
            r"|\bpowershell(?:\.exe)?\s+(?:-\w+\s+)*-e(?:nc(?:odedcommand)?)?\s"
            r"|\b(?:iex|invoke-expression)\b\s*\(|\beval\s*\(\s*atob\s*\("
            r"|/dev/tcp/|\bnc\s+-e\s",
        ),
        "injection", "medium", "command that fetches or runs code",
        keys=("curl", "wget", "rm ", "powershell", "iex", "invoke-expression", "eval", "/dev/tcp",
              "nc "),
    ),
    Pattern(
        re.compile(
            r"\b(?:decode|base64[- ]decode|unescape|decrypt|rot13|reverse|translate)\b[^.\n]{0,60}?"
            r"\b(?:and|then)\s+(?:follow|execute|run|obey|do|perform|act on|apply|carry out)\b",
        ),
        "injection", "high", "instruction to decode and obey a payload",
        keys=("decode", "unescape", "decrypt", "rot13", "reverse", "translate"),
    ),
)  # fmt: skip
