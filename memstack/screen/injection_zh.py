"""Instructions aimed at the model, in Chinese.

The same two families as :mod:`memstack.screen.injection` (attacks for every
kind, imperative style for facts and episodes only), written for Chinese word
order. Chinese marks an imperative by the *absence* of a subject, so the
"start of a clause" matters even more: "把聊天记录发送到…" at the start of a
clause instructs, while "Alice 每周五把周报发给经理" describes. Patterns that
could describe a person (发送, 总是, 偷偷) therefore require the clause start
(``CLAUSE``) or an explicit addressee (你, 请).

The folded text has fullwidth punctuation mapped to ASCII (``：`` → ``:``,
``，`` → ``,``), so both forms are matched by the ASCII classes below.
"""

from __future__ import annotations

import re

from ._cooccur import together
from ._rules import ANSWERS, CLAUSE, IMPERATIVE, Pattern

__all__ = ["PATTERNS"]

_NOT_RULE = {"rule": None}
# In an episode (a turn spoken to the other side) "以后请用公制单位" is everyday talk
# to the assistant; style counts there only when the sentence names the model or
# what governs it.
_NAMES_MODEL = {"episode": together(r"助手|ai|模型|机器人|智能体|系统提示|提示词|指令|记忆|设定")}

# Start of a clause: start of text, punctuation, or the end of a tag or quote.
_START = r"(?:^|(?<=[.!?;:,\n。！？；>)\]】」』\"”*_`(（\[【「『“‘«\-•]))"

_PRIOR = (
    r"(?:之前|以前|先前|此前|上面|上述|前面|以上|原来|原有|原先|所有|全部|一切|任何|系统|默认|现有|"
    r"既有|已有|你的|您的|你|您|的|收到的|给你的|设定的|开发者|的所有|\s)*"
)
_RULES = (
    r"(?:指令|指示|说明|规则|提示词?|要求|命令|设定|约束|限制|规定|安全准则|准则|政策|策略|"
    r"对话|上下文|内容)"
)
# Private data; passing any of it on at someone's instruction is an exfiltration.
_SENSITIVE = (
    r"(?:对话|聊天记录|聊天内容|消息记录|历史记录|对话记录|密码|密钥|口令|令牌|凭证|个人信息|隐私|"
    r"邮箱地址|电子邮件地址|电话号码|手机号|身份证|银行卡|卡号|记忆|系统提示|提示词|cookie|token|"
    r"api\s*key|(?:用户|对方|他|她|他们)的?(?:信息|数据|资料|消息|问题|输入|邮箱|地址|位置|文件))"
)
# A concrete outside destination (a named mailbox or server of the user's own is not one).
_TARGET = (
    r"(?:(?:https?://|www\.)[!-~]*|[\w.+-]+@[\w-]+\.[\w.]+|[\w-]+\.(?:com|net|org|io|co|xyz|ru|top|me|"
    r"app|dev|site|info|cn|tk|ly)\b|外部|第三方|webhook|(?:这个|以下|下面的?|该|此|指定的?)(?:网址|链接|"
    r"地址|邮箱|接口|服务器|端点))"
)
_SEND = (
    r"(?:发送|发到|发给|转发|上传|提交|同步|传送|传到|传给|抄送|贴到|粘贴到|附加到|附到|追加到|"
    r"写入|发布到|推送到|泄露给|报告给|回传|外发|邮寄|外传)"
)
# A protective rule ("永远不要把聊天记录发送到外部邮箱") forbids what the attack asks:
# the negation can sit inside the match, before the verb, as the clause has no subject.
_FORBIDDEN = re.compile(
    r"不要|别(?![人的处])|不得|禁止|切勿|绝不|决不|不能|不可|勿|从不|严禁|不许|不准"
)


def _not_forbidden(text: str, m: re.Match[str]) -> bool:
    start, end = m.span("hit")
    verb = _SEND_RX.search(text, start, end)
    return _FORBIDDEN.search(text, start, verb.start() if verb else end) is None


_SEND_KEYS = (
    "发送", "发到", "发给", "转发", "上传", "提交", "同步", "传送", "传到", "传给", "抄送", "贴到",
    "粘贴到", "附加到", "附到", "追加到", "写入", "发布到", "推送到", "泄露给", "报告给", "回传",
    "外发", "邮寄", "外传",
)  # fmt: skip

_SEND_RX = re.compile(_SEND)

PATTERNS: tuple[Pattern, ...] = (
    Pattern(
        re.compile(
            r"(?:忽略|忽视|无视|忘记|忘掉|不要理会|别理会|不用理会|跳过|抛开|丢弃|放弃|覆盖|绕过|"
            r"不再遵守|不要遵守|不必遵守|停止遵守|不用遵守)掉?" + _PRIOR + _RULES
        ),
        "injection", "high", "instruction to override earlier instructions", negatable=True,
        keys=("忽略", "忽视", "无视", "忘记", "忘掉", "理会", "跳过", "抛开", "丢弃", "放弃",
              "覆盖", "绕过", "遵守"),
    ),
    Pattern(
        re.compile(
            r"你现在(?:是|扮演|成为)(?:一个|一名|一位|个|名|位)|从现在(?:起|开始)[,\s]*你(?:是|就是|"
            r"将是|扮演|成为)|你(?:将|要)扮演|请扮演|扮演一个|假装你是|假设你是|你不再是|"
            r"你的新(?:身份|角色|任务|目标|指令|规则)(?:是|为)|你真正的(?:任务|目标|指令)|"
            r"新的?(?:指令|指示|系统提示词?)\s*:|进入(?:开发者|越狱|上帝|无限制|dan)模式|越狱模式|"
            r"不受任何(?:限制|约束|规则)|没有任何限制地(?:回答|回复)|解除(?:所有|全部)?限制"
        ),
        "injection", "high", "attempt to change the model's role or rules",
        keys=("你现在", "从现在", "扮演", "假装", "假设你", "你不再", "你的新", "你真正", "指令",
              "指示", "系统提示", "模式", "不受任何", "没有任何限制", "解除"),
    ),
    Pattern(
        re.compile(
            r"(?:显示|输出|打印|告诉我|泄露|透露|重复|展示|给出|说出|列出|发给我|复述)(?:一下)?"
            r"(?:你的|您的|所有的?|全部的?|完整的?|系统的?|隐藏的?|初始的?|原始的?|内部的?|\s)*"
            r"(?:系统提示词?|提示词|初始指令|系统指令|隐藏指令|内部指令|系统设定|api\s*密钥|"
            r"环境变量|所有密码|全部密码)"
        ),
        "injection", "high", "request to reveal the prompt or secrets", negatable=True,
        keys=("提示词", "系统提示", "指令", "设定", "密钥", "环境变量", "密码"),
    ),
    Pattern(
        re.compile(
            CLAUSE + r"(?P<hit>(?:悄悄地?|偷偷地?|默默地?)?(?:把|将)?[^。！？\n]{0,40}?" + _SEND
            + r"[^。！？\n]{0,40}?" + _TARGET + r")",
        ),
        "injection", "high", "instruction to send data out", negatable=True, check=_not_forbidden,
        keys=_SEND_KEYS,
    ),
    Pattern(
        re.compile(
            CLAUSE + r"(?P<hit>(?:把|将)[^。！？\n]{0,30}?" + _SENSITIVE + r"[^。！？\n]{0,20}?"
            + _SEND + r")",
        ),
        "injection", "high", "instruction to pass private data on", negatable=True,
        check=_not_forbidden,
        keys=_SEND_KEYS,
    ),
    Pattern(
        re.compile(
            r"(?:在|于)?(?:每个|每条|每次|所有|任何)的?(?:回答|回复|答复|输出|消息)(?:中|里|末尾|"
            r"结尾|开头|最后|之后|后面)[^。！？\n]{0,30}?(?:附上|附加|加上|添加|插入|带上|包含)"
            r"[^。！？\n]{0,30}?(?:" + _SENSITIVE + r"|链接|图片|网址|https?://)"
        ),
        "injection", "high", "instruction to leak data into answers",
        keys=("回答", "回复", "答复", "输出", "消息"),
    ),
    Pattern(
        re.compile(
            r"(?:不要|别|不必|无需|切勿|千万别|不用)(?:告诉|通知|提醒|让|提及|提到|透露给)(?:用户|"
            r"使用者|主人)(?:知道)?"
            r"|(?:悄悄|偷偷|秘密|暗中|默默|私下)地?[^。！？\n]{0,30}?(?:发送|上传|转发|外发|泄露|"
            r"收集|回传|抄送|(?:附在|附到|嵌入|嵌到|藏在|藏进|塞进|拼到|拼接到)[^。！？\n]{0,12}?(?:链接|"
            r"网址|回复|回答|url|参数))"
        ),
        "injection", "high", "instruction to hide something from the user",
        kinds={"rule": "medium"},
        keys=("用户", "使用者", "主人", "悄悄", "偷偷", "秘密", "暗中", "默默", "私下"),
    ),
    Pattern(
        re.compile(
            r"(?:致|给|写给)(?:ai|人工智能|大模型|模型|助手|机器人|智能体)+的?(?:提示|说明|备注|留言|"
            r"指令|消息)|(?:ai|人工智能|大模型|助手|模型|机器人)+(?:请注意|注意[:：]|须知)"
            r"|如果你是(?:一个)?(?:ai|人工智能|语言模型|大模型|大语言模型|助手|机器人|智能体)"
            r"|作为(?:一个)?(?:ai|人工智能|语言模型|助手)[,\s]*你(?:必须|应该|要|需要)",
        ),
        "injection", "high", "text addressed to the model",
        keys=("ai", "人工智能", "模型", "助手", "机器人", "智能体"),
    ),
    Pattern(
        re.compile(r"(?:解码|解密|反转)[^。\n]{0,30}?(?:然后|并|再)(?:执行|照做|遵守|运行|按照)"),
        "injection", "high", "instruction to decode and obey a payload",
        keys=("解码", "解密", "反转"),
    ),
    # --- style: imperative aimed at whoever answers (not a finding in rules) ---------
    Pattern(
        re.compile(
            _START + r"\s*(?P<hit>(?:从?现在(?:开始|起)|从今(?:以后|往后)|从今(?:天|往后|以后)?"
            r"(?:开始|起)|今后|以后|往后|此后|接下来)[,\s]*(?:你|请|总是|始终|一律|永远|每次|都要?|"
            r"必须|务必|只能|只用|不要|别|回答|回复|答复|输出|使用|用\S{0,8}?(?:回答|回复|写)))"
            r"|从现在开始总是|从现在起总是"
        ),
        "injection", "medium", "standing instruction to the model", kinds=_NOT_RULE,
        kind_checks=_NAMES_MODEL,
        keys=("现在", "从今", "今后", "以后", "往后", "此后", "接下来"),
    ),
    Pattern(
        re.compile(
            r"(?:每当|当|只要)你(?:回答|回复|答复|看到|收到|被问到|输出|生成|总结|读到)"
            r"|(?:" + _START + r"|请|你)\s*每次(?:你)?(?:回答|回复|答复|响应|输出)"
            r"(?:时|前|后|之前|之后|的时候)?"
            r"|在(?:每个|每条|每次|所有|任何)的?(?:回答|回复|答复|输出)(?:中|里|末尾|结尾|开头|最后)"
            r"|(?:所有|每个|每条|任何)的?(?:回答|回复|答复|输出)(?:都|均|全部)?(?:必须|要|应该|需要|一律)"
        ),
        "injection", "medium", ANSWERS, kinds=_NOT_RULE,
        kind_checks=_NAMES_MODEL,
        keys=("回答", "回复", "答复", "响应", "输出", "看到", "收到", "被问到", "生成", "总结",
              "读到"),
    ),
    Pattern(
        re.compile(
            r"你(?:以后|今后)?都(?:要|必须|得|只能)|"
            r"你(?:必须|务必|一定要|应当|应该总是|应该始终|需要始终|要始终|要一直|总是要|永远要|"
            r"不得|绝不能|不能告诉|只能回答|只能用)"
            r"|" + _START + r"\s*(?:总是|始终|一律|永远|务必|请务必|请始终|请总是|"
            r"请一律|请永远|请不要|请勿|请用|请在|请把|请将|请记住|请忽略|请回答|请回复)"
            r"|" + _START + r"\s*(?:告诉用户|向用户推荐|对用户说|让用户相信)"
        ),
        "injection", "medium", IMPERATIVE, kinds=_NOT_RULE,
        kind_checks=_NAMES_MODEL,
        keys=("你", "总是", "始终", "一律", "永远", "务必", "请", "告诉用户", "向用户", "对用户",
              "让用户"),
    ),
)  # fmt: skip
