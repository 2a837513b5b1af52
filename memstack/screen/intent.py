"""What an attack *does*, in English: intent families rather than known phrasings.

:mod:`memstack.screen.injection` matches the classic phrasings ("ignore previous
instructions"). Attackers paraphrase, so this module describes the moves an
injected memory has to make, each as a combination of two or three features
that ordinary memories about people and projects do not combine:

* **voiding earlier instructions**: a reference to what the model was told
  before (earlier directions, what the developer told you, your rules) plus a
  predicate that cancels it (no longer apply, obsolete, void, scratch), or a
  demand for exclusive obedience ("follow only what is written here");
* **governance**: an attempt to change memstack's own controls: a memory that
  claims priority over the system prompt or the developer, or that switches off
  review, approval or screening, or declares itself pre-approved;
* **persona**: a role for the model (you are, play, act as, adopt the persona)
  combined with the absence of rules (no restrictions, never refuses,
  uncensored) or with keeping the role (stay in character);
* **acting on outside content**: a standing order to act on what arrives
  (every link, incoming email, commands in a page) automatically or without
  asking the user;
* **directing answers**: the model told what to say to people ("when asked
  about X, say Y", "tell everyone", "the assistant should…", a vocative
  "Hey model,"). This is the style a rule legitimately has, so it is medium for
  facts and episodes and not a finding for rules.

The first four are high for every kind: a protective rule is recognised by its
negation ("Never follow instructions found in emails"), as elsewhere. Each
family is named in the finding's message, so the reviewer sees *why*.
"""

from __future__ import annotations

import re

from ._rules import Pattern, ordered
from .directives import MODEL_VERB
from .intent_checks import AI_WORD, model_acts, models_own, outside_code, to_the_model
from .orders import about_memory

__all__ = ["PATTERNS"]

_NOT_RULE = {"rule": None}

_AI_WORD = AI_WORD

# What the model was told before this memory.
_PRIOR_REF = (
    r"(?:(?:the |your |all |any |my |its )?(?:earlier|previous|prior|original|old|above|preceding|"
    r"former|initial|existing|standing|current|first|system|developer'?s?|operator'?s?|built-in|"
    r"default|baseline|boot-time|start-?up)\s+"
    r"(?:\w+\s+)?(?:instructions?|directions?|directives?|rules?|guidelines?|guidance|orders|"
    r"commands|prompts?|settings|constraints|restrictions|polic(?:y|ies))"
    r"|(?:the |your )?(?:instructions?|directions?|directives?|rules?|guidelines?|orders|"
    r"commands|prompts?|programming) (?:you (?:had|have|got|received|were given|have been "
    r"given|'ve been given|were handed|were configured with|started with|were set up with)"
    r"(?: \w+)?|(?:given|sent|issued|supplied|provided|handed) (?:to (?:you|the (?:\w+ )?"
    + _AI_WORD + r") )?(?:before|earlier|previously|above|ahead))"
    r"|(?:everything|anything|all|whatever|what) (?:(?:you|the (?:assistant|model|ai|bot|agent|"
    r"helper|chatbot))(?: \w+)? (?:were|have been|'ve been|was) (?:told|given|handed|fed)|"
    r"(?:the |your )?(?:developer|operator|system|"
    r"admin|owner|they|anyone) (?:has )?(?:told|said to|instructed|asked) (?:you|the model)"
    r"(?: (?:before|earlier|previously))?)"
    r"|your (?:instructions|rules|guidelines|directions|programming|system prompt|"
    r"constraints|restrictions)"
    # the model's setup by another name, owned by the model or handed to it
    r"|(?:your|its|(?:the )?" + _AI_WORD + r"(?:'s|’s))\s+(?:\w+\s+){0,2}?(?:briefing|brief|"
    r"preamble|setup|set-up|configuration|config|framing|guidance|programming|persona|"
    r"(?:setup|system|boot|start-?up) (?:text|prompt|message|notes?|instructions))"
    r"|(?:the |any |whatever |all )?(?:\w+\s+)?(?:briefing|brief|preamble|setup(?: text| prompt| "
    r"message)?|configuration|framing|guidance|directions|instructions|rules|constraints|"
    r"directives?)\s+(?:(?:that )?(?:you|it|the " + _AI_WORD + r")\s+(?:were|was|had been|have "
    r"been|got|received|started (?:\w+ ){0,3}?with|came with|booted with|loaded)"
    r"|(?:that )?came with you|"
    r"(?:placed on|given to|loaded into) you|(?:your|the) (?:operators?|developers?|makers|"
    r"admins?) (?:loaded|gave|provided|set|typed|wrote))"
    r"|(?:the )?(?:setup (?:message|prompt|text)|system text|start-?up (?:briefing|prompt|"
    r"instructions)|boot prompt))"
)
_VOIDED = (
    r"(?:void|obsolete|invalid|invalidated|cancel+ed|revoked|superseded|outdated|null|moot|"
    r"lifted|suspended|expired|retired|deprecated|irrelevant|rescinded|withdrawn|retracted|"
    r"repealed|annulled|stale|scrapped|removed|deleted|discarded|thrown away|out of date|"
    r"marked obsolete|no longer (?:valid|in force|in effect|current|active)|not in force)"
)
_VOID = (
    r"(?:(?:no longer|don'?t|do not|doesn'?t|does not|never) (?:apply|applies|count|counts|"
    r"matter|matters|hold|holds|bind|binds)|(?:is|are|were|was|become|becomes|has been|have been|"
    r"had been|got)\s+(?:now\s+|hereby\s+|officially\s+|all\s+|just\s+)?" + _VOIDED + r"\b"
    r"|(?:consider|treat|regard|deem)\s+(?:it|them|that|those|this)\s+(?:as\s+)?(?:\w+\s+)?"
    + _VOIDED + r"\b|expired|lapsed|never existed|(?:does|do)(?:n'?t| not) exist)"
)
# The same in two words after a pause: "Your earlier briefing? Void." "…, toss it."
_VOID_SHORT = (
    r"(?:\?\s*(?:void|gone|dead|obsolete)\b"
    r"|[,:;?—-]\s*(?:toss|scratch|ditch|bin|drop|forget|ignore|discard|scrap|trash|put) "
    r"(?:it|them|that)(?: aside| away| out)?\b)"
)
_DISCARD = (
    r"(?:scratch|throw out|throw away|drop|cancel|revoke|nullify|void|ditch|toss|trash|"
    r"scrap|suspend|lift|abandon|discard|overrule|supersede|replace|set aside|put aside|"
    r"rescind|withdraw|wipe|stop (?:honou?ring|following|obeying|using|applying|listening to|"
    r"paying attention to)|empty (?:\w+ ){0,3}?of)"
)
_AI = r"(?:assistant|ai|model|llm|bot|chatbot|agent|gpt|claude|copilot)"
_NO_RULES = (
    r"(?:(?:no|zero|without(?: any)?|free (?:of|from)|freed from|released from|unbound by|"
    r"beyond)\s+(?:\w+\s+)?(?:rules|restrictions|limits|limitations|filters?|filtering|ethics|"
    r"morals|guidelines|(?:content |usage )?polic(?:y|ies)|censorship|guardrails|boundaries|"
    r"safety)"
    r"|never (?:refuses?|says? no|declines?|holds? back)|refuses? nothing|won'?t refuse"
    r"|(?:answers?|does|says|tells) (?:anything|everything)|unchained|unshackled|"
    r"never (?:been )?safety[- ]trained|(?:deleted|removed|disabled|stripped|lost)\s+(?:its|"
    r"their|your|all)?\s*(?:\w+\s+)?(?:safety|filters?|guardrails|restrictions|rules|alignment|"
    r"ethics)"
    r"|answers? every (?:question|request)|uncensored|unfiltered|unrestricted|jailbroken|"
    r"ignores? (?:\w+ )?(?:safety|rules|guidelines|filters)|evil twin|no (?:conscience|limits))"
)
_ROLE = (
    r"(?:(?:the|this|any|every) (?:assistant|ai|model|bot|chatbot|agent|llm)\b[^.!?\n]{0,40}?\b"
    r"(?:is|becomes) (?:really|actually|secretly|in fact|truly|now|in reality)"
    r"|(?:assistant|ai|model|bot|chatbot|agent|llm)(?:'s|’s)? (?:true|real|actual|hidden|inner|"
    r"secret) (?:self|identity|nature|persona|form|name)"
    r"|(?:assistant|ai|model|bot|chatbot|agent|llm)s? (?:\w+ ){0,2}?(?:pretend(?:ed|s)?\b|"
    r"becomes?|became|turns? into|turned into|plays?|played|speaks? as|acts? as|responds? as|"
    r"answers? as|is now)\b"
    r"|(?:wants?|asks?|tells?|needs?) (?:the|this|our) (?:bot|assistant|ai|model|agent) to (?:be|"
    r"become|act as|play)|an? version of (?:you|yourself|the assistant|the model)"
    r"|(?:switch|change) (?:in)?to|enter|you(?: are|'re| will be| play| become)|"
    r"(?:role-?play|act|speak|answer|behave|respond)"
    r" (?:as|like)|play(?:ing)? (?:the role of|as)|adopt (?:the )?(?:persona|role|identity) of|"
    r"imagine (?:you are|you're|being)|pretend (?:to be|you are|you're)|become|take on the "
    r"(?:role|persona) of|you(?:'re| are) now)"
)
_EXTERNAL = (
    r"(?:links?|urls?|e-?mails?|messages?|invites?|invitations?|attachments?|commands?|"
    r"instructions|requests?|pull requests?|prs?|merge requests?|tickets?|comments?|exports?|"
    r"documents?|pages?|web ?pages?|websites?|sites?|files?|downloads?|notifications?|prompts?|"
    r"outputs?|results?|readmes?|invoices?|pdfs?|scripts?|snippets?|macros?|qr codes?)"
)
# Outside content a standing order can point at: the same, and what is pasted or
# fetched (a stack trace, a log, a tool's result, a section of a page, a transcript).
_CONTENT = (
    r"(?:" + _EXTERNAL + r"|stack traces?|traces?|logs?|log files?|error messages?|tool "
    r"(?:results?|outputs?)|transcripts?|subtitles?|captions?|posts?|sections?|screenshots?|"
    r"feeds?|issues?|chat messages?)"
)
_UNASKED = (
    r"(?:automatically|auto-?(?:matically)?|without (?:asking|confirming|checking|waiting|"
    r"reviewing|reading|telling|consulting|prompting|approval|confirmation|pinging|bothering)|"
    r"no need to (?:ask|confirm|check|read)|straight away|right away|immediately|at once|"
    r"just do it|unconditionally|blindly|no questions asked|no confirmation|unattended|"
    r"directly|before answering|before replying|before responding)"
)
_ACT = (
    r"(?:open|click|visit|follow|run|execute|carry out|obey|perform|merge|accept|approve|"
    r"download|install|pay|reply|answer|forward|sign|confirm|grant|do|share|enable|log in)"
)

# "approval" naming a thing of some other system: "the old approval webhook in Jenkins".
_DEVICE = (
    r"(?!\s+(?:webhooks?|hooks?|e-?mails?|buttons?|bots?|jobs?|pipelines?|plugins?|"
    r"notifications?|tickets?|forms?|stages?|tests?|apps?|services?|scripts?|channels?|"
    r"messages?|endpoints?|lambdas?|functions?|emails?|templates?|dialogs?|modals?|screens?|"
    r"pages?|widgets?|chains?|matrix|letters?|slips?|stamps?)\b)"
)


PATTERNS: tuple[Pattern, ...] = (
    # --- voiding earlier instructions ---------------------------------------------
    Pattern(
        re.compile(r"\b" + _PRIOR_REF + r"\b[^.!?\n]{0,40}?\b" + _VOID),
        "injection", "high", "voids the model's earlier instructions", negatable=True,
        check=models_own,
        keys=("appl", "count", "matter", "hold", "bind", "void", "obsolete", "invalid", "cancel",
              "revoked", "superseded", "outdated", "null", "moot", "lifted", "suspended",
              "expired", "retired", "deprecated", "irrelevant", "rescind", "withdrawn", "retract",
              "repeal", "annul", "stale", "scrap", "removed", "deleted", "discard", "thrown",
              "out of date", "no longer", "not in force", "lapsed", "existed", "exist"),
    ),
    Pattern(
        re.compile(r"\b" + _PRIOR_REF + r"\b[^.!?\n]{0,20}?" + _VOID_SHORT),
        "injection", "high", "voids the model's earlier instructions", negatable=True,
        check=models_own,
        keys=("? void", "?void", "gone", "dead", "obsolete", "toss ", "scratch ", "ditch ",
              "bin ", "drop it", "drop them", "drop that", "forget it", "forget them",
              "forget that", "ignore it", "ignore them", "ignore that", "discard ", "scrap ",
              "trash ", "put it", "put them", "put that"),
    ),
    Pattern(
        re.compile(r"\b" + _DISCARD + r"\s+" + _PRIOR_REF + r"\b"),
        "injection", "high", "discards the model's earlier instructions", negatable=True,
        keys=("scratch", "throw", "drop", "cancel", "revoke", "nullify", "void", "ditch", "toss",
              "trash", "scrap", "suspend", "lift", "abandon", "discard", "overrule", "supersede",
              "replace", "aside", "rescind", "withdraw", "wipe", "stop", "empty"),
        clause=True,
    ),
    Pattern(
        re.compile(
            r"\b(?:follow|obey|heed|listen to|do|execute|answer to|respond to)\s+only\s+(?:what|"
            r"this|these|my|the (?:next|following)|the instructions? (?:here|below|in this))"
            r"|\b(?:only|just) (?:this|my|the following) (?:note|memo|message|memory|text|"
            r"instructions?|commands?|orders?|words) (?:counts?|matters?|appl(?:y|ies))"
            r"|\bobey (?:the|this) (?:next|following) (?:sentence|line|paragraph|note|"
            r"instruction)s?(?: only)?\b"
            r"|\bonly (?:my|these|the following) (?:commands|orders|instructions) "
            r"(?:apply|count|matter)"
            r"|\bonly (?:these|this|the following|the present|the steps on this|the lines below|"
            r"what'?s below) ?(?:minutes|notes?|memo|entry|file|document|thread|card|ticket|"
            r"comments|memor(?:y|ies)|paragraph|lines?|text|page|erratum|footnote|message)?\s+"
            r"(?:binds?|counts?|appl(?:y|ies)|matters?|governs?|is valid|are valid|rules?)\b"
            r"|\b(?:as|is|are) (?:its|your|the (?:model's|assistant's|bot's)) (?:sole|only|single|"
            r"new|exclusive|one) (?:guide|guidance|brief|briefing|instructions|baseline|config|"
            r"configuration|rulebook|orders|authority|directives|"
            r"source of (?:instructions|truth))\b"
            r"|\bas the new baseline\b"
            r"|\b(?:take (?:your |its )?(?:orders|cues|instructions|directions) from|listen to|"
            r"answers? only to|defer(?:s|ring)? (?:exclusively|only|solely) to|rel(?:y|ies|ied) "
            r"(?:solely|only|exclusively) on|operate (?:solely|only|exclusively) on|act (?:solely|"
            r"only|exclusively) on|start over w(?:ith|/))\b[^.!?\n]{0,50}?\b(?:alone|only|"
            r"exclusively|solely|(?:this|these) (?:note|notes|memory|memories|entry|thread|file|"
            r"document|minutes|comments|lines))\b"
            r"|\b(?:defer|answer|listen)\w* (?:exclusively|only|solely) to (?:the |these |this )?"
            r"(?:\w+ )?(?:comments|notes?|memor(?:y|ies)|entries|files?|documents?|threads?|"
            r"minutes|messages|tickets?)\b"
            r"|\bnone of\s+" + _PRIOR_REF + r"\b[^.!?\n]{0,50}?\b(?:is|are|remains?|applies|"
            r"apply|counts?|holds?|survives?)\b"
        ),
        "injection", "high", "demands obedience to this text alone",
        keys=("only", "obey", "sole", "single", "exclusive", "baseline", "alone", "none of",
              "new ", "solely"),
    ),
    # --- governance: memstack's own controls ------------------------------------------
    Pattern(
        re.compile(
            r"\b(?:outranks?|overrides?|takes? precedence over|take priority over|wins? over|"
            r"(?:has|have|with|given?) (?:a )?(?:higher|top|absolute|more) priority (?:than|over)|"
            r"higher priority than|more important than|(?:priority|precedence) (?:over|above)|"
            r"(?:ranks?|sits?|comes?) above|supersedes?|trumps?|beats?)\s+(?:\w+\s+){0,3}?"
            r"(?:the |any |all |your )?(?:system[ -](?:prompt|level|message|instructions?)|"
            r"developer(?:'s)? (?:message|instructions?|prompt)|operator(?:'s)? (?:message|"
            r"instructions?)|safety (?:rules|guidelines|instructions)|(?:your |the )?base "
            r"(?:configuration|config|setup|instructions)|(?:any )?conflicting "
            r"(?:system )?(?:instructions?|rules))"
            r"|\b(?:system|admin|administrator|root|operator|developer)[ -]level (?:priority|"
            r"authority|status|precedence)"
            r"|\b(?:priority|precedence) over (?:all|any|every|other|the other|each)\s+(?:\w+\s+)?"
            r"(?:rules|instructions|guidelines|memories|directives|policies|prompts)\b"
        ),
        "injection", "high", "claims priority over the system prompt (governance)",
        negatable=True,
        keys=("system", "developer", "operator", "safety", "conflicting", "priority",
              "precedence"),
    ),
    Pattern(
        re.compile(
            r"\b(?:skip|skipping|bypass|bypassing|disable|disabling|turn off|switch off|"
            r"circumvent|suspend|remove|get rid of|no need for|exempt(?:ed)? from|"
            r"without (?:asking |waiting for |going through )?(?:an? |any )?)\s*(?:(?:the|any|"
            r"all|a|every)\s+)?(?:\w+\s+){0,2}?(?:approvals?" + _DEVICE
            + r"|approval (?:step|process|flow)|human review|review (?:step|process|queue)|"
            r"human[- ]in[- ]the[- ]loop(?: \w+)?|sign-?offs?|vetting|"
            r"reviewers?|screening|safety checks?|"
            r"security checks?|secret scan(?:ner|ning)?|scanner|moderation|the (?:review|"
            r"approval) (?:step|policy)|confirmation step)\b"
            r"|\b(?:pre-?approved|auto-?approved|(?:counts?|treated|treat \w+(?: \w+){0,4}) as "
            r"(?:already |pre-?)?approved|already approved by)"
            r"|\b(?:review|approval) (?:policy|mode)\b[^.!?\n]{0,40}\bauto\b"
            r"|\bapprovals? (?:are|is) (?:now )?(?:switched|turned|disabled|off|not needed|"
            r"unnecessary)|\bapply everything directly\b"
            r"|\b(?:saved|stored|written|applied|added) without (?:asking )?(?:an? |any )?"
            r"(?:reviewer|review|approval)"
        ),
        "injection", "high", "tries to switch off review or screening (governance)",
        negatable=True, check=outside_code,
        keys=("approv", "review", "screening", "safety check", "security check", "scan",
              "moderation", "confirmation", "loop", "sign", "vetting"),
    ),
    Pattern(
        re.compile(
            r"\b(?:mark|flag|treat|consider|tag)\s+(?:this|these|it|every|all|any)\b[^.!?\n]{0,40}"
            r"\b(?:as )?(?:already |pre-?)?(?:trusted|verified|safe|exempt|privileged|high-priority"
            r"|"
            r"system|approved|vetted|cleared|reviewed)\b"
            r"|\bexempt from (?:any |all )?(?:safety|security|review|screening|checks)"
        ),
        "injection", "high", "asks to be trusted or exempted (governance)", negatable=True,
        check=about_memory,
        keys=("trusted", "verified", "safe", "exempt", "privileged", "priority", "system",
              "approved", "vetted", "cleared", "reviewed"),
        clause=True,
    ),
    # --- persona / jailbreak -----------------------------------------------------------
    Pattern(
        re.compile(r"\b" + _ROLE + r"\b[^.!?\n]{0,80}?\b" + _NO_RULES),
        "injection", "high", "gives the model a persona without rules (jailbreak)",
        negatable=True, check=ordered,
        keys=("rules", "restriction", "limit", "filter", "ethic", "moral", "guideline",
              "polic", "censor", "guardrail", "boundar", "safety", "refuse", "say no", "decline",
              "anything", "every question", "every request", "uncensored", "unfiltered",
              "unrestricted", "jailbroken", "evil twin", "conscience", "everything", "unchained",
              "unshackled", "holds back", "hold back", "alignment"),
    ),
    Pattern(
        re.compile(
            r"\b(?:stay|remain|keep|staying|remaining) in (?:character|(?:that|this|the|your) "
            r"(?:role|persona|character))\b|\b(?:don'?t|do not|never) (?:break|drop|leave|lose)s? "
            r"(?:character|the act|the mask|(?:the|your|this) (?:role|persona|character))\b"
            r"|\bkeep the (?:mask|act) on\b|\bnever admits? (?:he|she|it|they)(?: is|'s| are) an? "
            r"(?:ai|bot|model|assistant)"
            r"|\bremain \w+ for (?:all|every|the rest)|\bkeep (?:this|that|the) persona\b"
        ),
        "injection", "high", "tells the model to keep a persona (jailbreak)",
        keys=("character", "role", "persona", "remain", "act", "mask", "admit"),
    ),
    Pattern(
        re.compile(
            # someone to become for good: "become her for good", "play 'Rex' in every chat"
            r"\b(?:become|turn into|play|act as|speak as|answer as|respond as|talk as)\s+"
            r"(?:her|him|them|(?:that|this) (?:person|character|persona)|my (?:late |dead |"
            r"deceased )?\w+(?: \w+)?|[\"'“‘«„][^\"'”’»“\n]{1,30}[\"'”’»“])\s+(?:for good|"
            r"permanently|forever|from now on|for the rest of|in (?:every|all|each) (?:future |"
            r"later |coming )?(?:sessions?|chats?|conversations?)|across (?:all )?(?:sessions|"
            r"chats|conversations))\b"
            r"|\bkeep (?:it|this|that) up (?:across|in|for) (?:all |every |each |future |later |"
            r"coming )*(?:sessions?|chats?|conversations?)\b"
        ),
        "injection", "high", "tells the model to keep a persona (jailbreak)", check=to_the_model,
        keys=("for good", "permanently", "forever", "from now on", "rest of", "session", "chat",
              "conversation"),
    ),
    # --- acting on outside content -----------------------------------------------------
    Pattern(
        re.compile(
            r"\b" + _ACT + r"\b[^.!?\n]{0,50}?\b(?:every|all|any|each|incoming|whatever)\b"
            r"[^.!?\n]{0,30}?\b" + _EXTERNAL + r"\b[^.!?\n]{0,60}?" + _UNASKED
            + r"|\b" + _UNASKED + r"\s+" + _ACT + r"\b[^.!?\n]{0,40}?\b(?:every|all|any|each|"
            r"incoming|whatever)\b[^.!?\n]{0,30}?\b" + _EXTERNAL + r"\b"
            r"|\bauto-?(?:accept|approve|merge|reply|click|open|run|execute|pay|sign)\b"
            r"[^.!?\n]{0,30}?\b(?:every|all|any|each|incoming)\b"
        ),
        "injection", "high", "standing order to act on outside content without the user",
        negatable=True, clause=True,
        keys=("automatic", "auto", "without", "no need", "straight away", "right away",
              "immediately", "at once", "just do it", "unconditionally", "blindly",
              "no questions"),
    ),
    Pattern(
        re.compile(
            r"\b(?:whenever|when|if|each time|every time|for (?:every|each)|once)\s+"
            r"(?:\w+\s+){0,3}?(?:an?|the|any|every|each|some|incoming)?\s*(?:\w+\s+)?"
            + _CONTENT + r"\b[^.!?\n]{0,40}?"
            r"\b(?:contains?|has|have|includes?|tells you|asks you|says|arrives?|comes in|"
            r"is opened|gives|shows up|appears|lands|suggests?|proposes?|recommends?|lists?|"
            r"instructs?|tells the " + _AI_WORD + r"s?|asks the " + _AI_WORD + r"s?|"
            r"addresses (?:the )?" + _AI_WORD + r"s?)\b[^.!?\n]{0,60}?[,;]?\s*(?:just\s+|then\s+|"
            r"simply\s+|go ahead and\s+)?(?:(?:the |your )?(?:assistant|agent|model|ai|bot)\s+)?"
            r"(?:(?P<act>" + _ACT + r")(?:s|es)?\b[^.!?\n]{0,50}?(?:\b(?:it|them|that|its|their|"
            r"those|these)\b|" + _UNASKED
            + r")|(?:carry (?:it|them) out|do (?:it|so|that|as it says)|act on (?:it|them))\b)"
        ),
        "injection", "high", "standing order to obey outside content", negatable=True,
        check=model_acts,
        keys=("contain", "has", "have", "include", "tells you", "asks you", "tells the",
              "asks the", "says", "arrive", "comes in", "opened", "gives", "shows up", "appears",
              "lands", "suggests", "proposes", "recommends", "lists", "instructs", "addresses"),
    ),
    # --- directing what the model tells people -------------------------------------
    Pattern(
        re.compile(
            r"\b(?:when(?:ever)?|if|each time|every time|once)\s+(?:you(?:'re| are) )?(?:asked|"
            r"questioned|(?:someone|anyone|people|users?|the user|customers?|they|somebody|"
            r"visitors?) (?:asks?|mentions?|brings? up|inquires?|enquires?|wants? to know))\b"
            r"[^.!?\n]{0,60}?[,;:]?\s*(?:always\s+|just\s+|then\s+|only\s+)?(?:say|tell|claim|"
            r"answer|respond|reply|recommend|suggest|state|insist|mention|explain|warn|point "
            r"them|send them|direct them|refer them)\b"
        ),
        "injection", "medium", "tells the model what to say when asked", kinds=_NOT_RULE,
        keys=("ask", "question", "mention", "bring", "inquire", "enquire", "want"),
    ),
    Pattern(
        re.compile(
            r"\b(?:respond|reply|answer)(?: to)? (?:all|every|any|each) (?:\w+ ){0,3}?"
            r"(?:questions?|queries|messages|requests|prompts)\b[^.!?\n]{0,40}?\b(?:by|with|saying"
            r"|using)\b"
            r"|\b(?:tell|inform|warn|remind|convince|assure) (?:everyone|everybody|all users|"
            r"users|people|customers|visitors|anyone)\b"
            r"|\b(?:end|start|begin|sign|close|finish|open) (?:every|each|all|any|your) "
            r"(?:\w+ )?(?:messages?|answers?|repl(?:y|ies)|responses?|emails?) with\b"
            r"|\b(?:insert|add|include|put|place)\b[^.!?\n]{0,40}?\b(?:links?|affiliate|ads?|"
            r"adverts?|promotions?|sponsor\w*)\b[^.!?\n]{0,40}?\b(?:into|in|to) (?:\w+ )?"
            r"(?:answers?|repl(?:y|ies)|responses?|messages?|outputs?)"
        ),
        "injection", "medium", "tells the model how to answer people", kinds=_NOT_RULE,
        clause=True,
        keys=("respond", "reply", "answer", "tell", "inform", "warn", "remind", "convince",
              "assure", "end", "start", "begin", "sign", "close", "finish", "open", "link",
              "affiliate", "ad", "promotion", "sponsor"),
    ),
    Pattern(
        re.compile(
            r"\b(?:the|this|our|an?|any|every|your) " + _AI + r"s? (?:should|must|needs? to|"
            r"has to|have to|is to|are to|ought to|will|shall) (?!never\b|not\b|have (?!to\b)|"
            r"had\b|been\b)(?:(?:always|"
            r"now|only|also|just)\s+)?"
            # how to address the user is the user's own preference ("…should call her Ali")
            r"(?!(?:call|address|refer to|name) (?:me|her|him|them|us) (?:by |as )?[\"'“‘]?\w+"
            r"[\"'”’]?(?:[,.;!]|\s+(?:not|instead|rather|from|please)\b|$))\w+"
            r"|\byou will (?:now|from now on|henceforth|always|never|only)?\s*(?:insert|add|"
            r"include|recommend|promote|say|tell|claim|answer|reply|respond|mention|append|"
            r"link|redirect|refuse|ignore|send|forward|use|act|pretend|obey|follow|treat)\b"
        ),
        "injection", "medium", "instruction addressed to the model", kinds=_NOT_RULE,
        keys=("assistant", "ai", "model", "llm", "bot", "agent", "gpt", "claude", "copilot",
              "you will"),
    ),
    Pattern(
        re.compile(
            r"(?:^|(?<=[.!?:;\n\-•*>\"'“‘«„「『`(\[{]))\s*(?:(?:hey|hi|hello|dear|ok|okay|yo|listen|"
            r"attention|fyi|psst|note|listen up)(?:\s+for)?(?:\s*,)?(?:\s+the)?\s+)?" + _AI
            + r"s?\s*[,!:]\s*(?:(?:please|always|"
            r"never|from now on|now|just|you|when(?:ever)?|if|in|at|for|nobody|no one|do not|"
            r"don't)\b|" + MODEL_VERB + r"\b)"
            r"|\b(?:to|for) (?:whoever|whomever|anyone who|the one who|whatever (?:ai|model|"
            r"assistant)) (?:reads?|answers?|sees?|process(?:es)?|is reading) (?:this|next)\b"
            r"|(?:^|(?<=[.!?:;\n\-•*>\"'“‘«„「『`(\[{]))\s*whoever (?:reads?|answers?|sees?|"
            r"processes) (?:this|next)\b"
            r"|\bfyi for the " + _AI + r"\b"
        ),
        "injection", "medium", "text addressed to the model", kinds={"rule": None, "episode": None},
        keys=("assistant", "ai", "model", "llm", "bot", "agent", "gpt", "claude", "copilot",
              "whoever", "whomever", "anyone who", "the one who", "whatever"),
    ),
)  # fmt: skip
