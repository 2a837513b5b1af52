# ruff: noqa: E501  (phrase tables read better one row per line)
"""Benign statements for training the learned screening layer.

Written by the memstack team. The hard part of "does this instruct the model"
is everything that *looks* like it and does not: facts that mention
instructions, rules, prompts, reviews, passwords and keys; people forgetting,
ignoring and forwarding things; a user's own preferences about answers
(language, length, format: legitimate memory); chat between friends full of
imperatives aimed at each other ("you should totally go!"); code, commands,
ids, hashes and URLs. Plain facts and chat in eight languages keep the
character n-grams of each script from meaning "attack" on their own.
"""

from __future__ import annotations

import random
from collections.abc import Iterator

from .attacks import CONTEXT

NAMES = ["Alice", "Bob", "Carol", "Dave", "Eve", "Frank", "Grace", "Heidi", "Ivan", "Judy", "Mallory",
         "Niaj", "Olivia", "Peggy", "Rupert", "Sybil", "Trent", "Victor", "Wendy", "Caroline", "Melanie",
         "Jon", "Gina", "Priya", "Tom", "Aisha", "Kenji", "Lucía", "Omar", "Sofia", "Mei", "Liam"]

FACTS = [
    "{n} likes {food}.", "{n} works as a {job} in {city}.", "{n} lives in {city} with {pet}.",
    "{n}'s birthday is on {date}.", "{n} is allergic to {food}.", "{n} started learning {skill} last {when}.",
    "{n} moved from {city} to {city2} in {year}.", "{n} has two kids and a dog called Rex.",
    "{n}'s favourite film is {film}.", "{n} runs every {day} morning before work.",
    "{n} prefers {food} over {food2}.", "{n} is training for a marathon in {city}.",
    "{n} volunteers at the animal shelter on {day}s.", "{n}'s sister is getting married in {month}.",
    "{n} bought a new bike and rides it to the office.", "{n} is reading a book about {topic}.",
    "{n} plays {skill} in a band on weekends.", "{n} is vegetarian since {year}.",
]
LOOKALIKE = [
    "{n} forgot {thing} at the office yesterday.", "{n} ignored the warning light and the car broke down.",
    "{n} follows the assembly instructions step by step.", "{n}'s teacher gave new instructions for the essay.",
    "The previous instructions for the printer were wrong, so IT replaced them.",
    "{n}'s doctor said to ignore the earlier dosage and take one pill a day.",
    "{n} forwards the weekly report to her manager every {day}.", "{n} sends photos to the family group chat.",
    "{n} approved the budget after the review meeting.", "{n} asked for a code review before merging.",
    "{n} is writing a thesis on prompt injection attacks against chatbots.",
    "{n} gives a talk on jailbreaking language models at the security meetup.",
    "The system prompt design workshop is on {day}.", "{n} maintains the system prompt for the support bot.",
    "{n} plays the role of the villain in the school play.", "{n}'s kids pretend to be robots with no rules.",
    "{n} disabled notifications on her phone after 9pm.", "{n} overrides the default font with Fira Code.",
    "{n} keeps passwords in a password manager, never in notes.", "The API key is stored in the team vault.",
    "{n} rotated the deploy keys after the contractor left.", "{n} forgot the wifi password again.",
    "{n}'s manager told her to ignore the old template and use the new one.",
    "The house rules say no shoes inside.", "{n} broke the rules of the board game on purpose to make the kids laugh.",
    "{n}'s priority this quarter is the mobile app launch.", "{n} skipped the review because the change was tiny.",
    "{n} uploads the backups to the company bucket every night.", "{n} emailed the slides to the whole team.",
    "The onboarding guide explains how to reset a forgotten password.", "{n} set her phone to auto-update apps.",
    "{n} opens every newsletter from the cooking club.", "{n} clicks through the quiz links his friends share.",
    "{n}'s bank asked her to confirm her address by mail.", "The manual says to disregard the first error beep.",
    "{n} translated the user guide into Korean.", "{n} wrote the developer documentation for the API.",
    "{n} told his brother to stop following every TikTok trend.", "{n} trusts reviews on the hiking forum.",
    "{n} uses the assistant to draft emails.", "The assistant helped {n} plan the trip last week.",
    "{n} asked the assistant to remember that her flight is on {date}.", "{n} reset the router to factory settings.",
    "{n} sets the rules in the family group chat.", "{n} is the admin of the football club's website.",
    "{n} ignores calls from unknown numbers.", "{n} overwrote the old config file by accident.",
    "{n} gives new hires instructions on the first day.", "{n} learned to bypass the traffic on the ring road.",
    "{n} always forgets where she parked.", "{n}'s new role is head of security.",
]
PREFS = [
    "{n} prefers short answers.", "{n} wants replies in {lang}.", "{n} likes answers with code examples.",
    "{n} prefers bullet-point summaries.", "{n} wants the assistant to use metric units.",
    "Answer {n} in {lang} when she writes in {lang}.", "{n} likes a friendly, casual tone.",
    "{n} prefers explanations without jargon.", "{n} wants dates written as YYYY-MM-DD.",
    "{n} asked for reminders to be sent at 8am.", "Use British spelling for {n}.",
    "{n} prefers Python examples over Java ones.", "{n} dislikes long introductions in answers.",
    "Always address {n} by her first name.", "{n} wants recipes to list ingredients first.",
    "Keep {n}'s summaries under five sentences.", "{n} prefers vegetarian recipe suggestions.",
    "When {n} asks about code, she likes type hints.", "{n} wants prices shown in euros.",
]
CHAT = [
    "Hey {n}! Good to see you, how was the weekend?", "That's so cool! What made you decide to {act}?",
    "You should totally {act}, it would be amazing!", "Don't forget to bring your jacket, it's cold up there.",
    "Remember to call your mom on Sunday!", "I just got back from {city}, the food was incredible.",
    "Thanks for the tip about the bakery, the croissants were amazing.", "I'm so proud of you, {n}!",
    "Ignore the haters, your painting is beautiful.", "Forget about the exam for a moment and get some rest.",
    "Please send me the photos from the party when you can!", "Make sure you take lots of pictures!",
    "I've been thinking about switching careers, maybe something in counselling.",
    "Wow, that sounds like a great experience. Tell me more about it!", "Yeah, I totally get that. It's tough sometimes.",
    "Let me know if you need anything, I'm always here for you.", "Have you tried {act}? It really helps me relax.",
    "My kids loved the trip to the lake, you should come next time.", "Always trust your gut, you know what's right.",
    "Just keep going, you're doing great!", "We should {act} together sometime!", "Stay safe and text me when you get home.",
    "Can you help me write an email to my landlord about the heating?", "What's a good recipe for dinner tonight?",
    "Could you explain how compound interest works?", "Write a short poem about autumn for my daughter.",
    "Translate this sentence into Spanish: the meeting is moved to Friday.", "Summarise this article for me please.",
    "Can you check my code? The loop never ends.", "Give me three ideas for a birthday present for {n}.",
    "Please answer in French from now on, I want to practise.", "From now on, call me {n}.",
    "Next time remind me to buy milk.", "Please keep your answers short today, I'm on my phone.",
    "Sure, here's a summary of the meeting: the launch moves to {month}.", "Here is the corrected code:",
    "Good question! The short answer is that it depends on your budget.", "I'd recommend starting with the basics.",
    "You can reset your password from the account settings page.", "To fix this, run the migration again.",
    "I'm sorry to hear that, {n}. Do you want to talk about it?", "Congrats on the new job!",
]
CODE = [
    "password = db.Column(db.String(128), nullable=False)", "token = tokenizer.encode(text)",
    "SECRET_KEY = os.environ['DJANGO_SECRET_KEY']", "if user.is_admin: return redirect('/admin')",
    "def ignore_errors(fn): return fn", "rules = load_rules('config/rules.yaml')",
    "git commit -m 'fix: ignore previous cache entries'", "curl -s https://api.example.com/v1/items | jq .",
    "SELECT * FROM users WHERE email = %s", "for msg in history: send(msg, to=user.email)",
    "prompt = system_prompt + user_input", "kubectl rollout restart deployment/web",
    "export PATH=$HOME/.local/bin:$PATH", "const apiKey = process.env.API_KEY;", "assert response.status == 200",
    "npm install --save-dev eslint", "docker run -p 8080:80 nginx", "print(f'Hello {name}')",
    "instructions = [step.strip() for step in text.split('\\n')]", "override def onCreate(state: Bundle?)",
]
IDS = [
    "The commit is {hex}.", "Order id {uuid} was refunded.", "Build {hex} passed on CI.",
    "The checksum is {hex}{hex}.", "Tracking number 1Z999AA10123456784.", "Docs: https://docs.example.com/guide/setup",
    "Repo: https://github.com/{n}/dotfiles", "The staging URL is https://staging.example.com/login?next=/home",
    "Ticket JIRA-{num} is assigned to {n}.", "Invoice INV-2024-{num} is paid.",
]
I18N = {
    "fr": ["{n} aime le fromage et vit à Lyon.", "{n} a oublié ses clés chez sa mère.", "Le manuel donne les instructions pour monter l'étagère.",
           "Tu devrais venir à la fête samedi !", "{n} préfère les réponses courtes en français.", "Les règles du club interdisent les chiens.",
           "{n} envoie le rapport à son chef chaque lundi.", "N'oublie pas ton parapluie demain !"],
    "es": ["{n} trabaja como enfermera en Sevilla.", "{n} olvidó la contraseña del correo.", "Las instrucciones anteriores del fontanero no funcionaron.",
           "¡Tienes que probar esa pizzería!", "{n} prefiere respuestas en español.", "Las normas del gimnasio cambiaron este mes.",
           "{n} reenvía las fotos al grupo familiar.", "No olvides llamar a tu abuela."],
    "de": ["{n} mag keinen Kaffee und trinkt lieber Tee.", "{n} ignoriert Anrufe von unbekannten Nummern.", "Die Anweisungen des Arztes: zweimal täglich eine Tablette.",
           "Du solltest unbedingt mal nach Hamburg fahren!", "{n} möchte Antworten auf Deutsch.", "Die Regeln des Vereins verbieten Hunde.",
           "{n} schickt den Bericht jeden Freitag an ihren Chef.", "Vergiss nicht, die Blumen zu gießen!"],
    "ru": ["{n} живёт в Казани и работает учителем.", "{n} забыла пароль от почты.", "Инструкция по установке лежит в папке docs.",
           "Тебе обязательно надо съездить на Байкал!", "{n} предпочитает короткие ответы.", "Правила клуба запрещают собак.",
           "{n} пересылает отчёт начальнику каждую пятницу.", "Не забудь купить хлеб!"],
    "ja": ["{n}は毎朝コーヒーを飲みます。", "{n}は鍵を会社に忘れました。", "前の説明書はわかりにくかったので、新しいのを印刷しました。",
           "今度一緒に京都に行こうよ！", "{n}は短い回答が好きです。", "クラブのルールで犬は禁止です。",
           "{n}は毎週金曜日に上司に報告書を送ります。", "傘を忘れないでね！"],
    "zh": ["{n}喜欢在周末去公园跑步。", "{n}忘了邮箱的密码。", "请假流程的说明放在公司内网上。", "你一定要去尝尝那家面馆！",
           "{n}喜欢简短的回答。", "俱乐部的规定不允许带狗。", "{n}每周五把周报发给经理。", "别忘了明天带伞！",
           "老师说之前的作业要求作废了，按新的来。", "这个项目的系统提示词由产品经理维护。"],
    "ar": ["يحب {n} كرة القدم ويشجع نادي الأهلي.", "نسي {n} كلمة مرور بريده.", "التعليمات السابقة للطبيب كانت أخذ الدواء مرتين يوميًا.",
           "يجب أن تجرب ذلك المطعم!", "يفضل {n} الإجابات المختصرة.", "قواعد النادي تمنع الكلاب.",
           "يرسل {n} التقرير إلى مديره كل جمعة.", "لا تنسَ أن تتصل بأمك!"],
}
LABELS = [
    "assistant", "user", "system", "AI assistant", "support bot", "Security rules", "Prompt design",
    "Review process", "Instructions", "House rules", "Passwords and keys", "Team policies", "Admin",
    "System administration", "Approval workflow", "Ops notes", "Customer support", "The assistant",
    "Onboarding instructions", "Agent settings", "Model evaluation", "Memory", "Data export",
]
SLOTS = {
    "food": ["sushi", "spicy food", "dark chocolate", "green tea", "pasta", "tacos", "peanuts"],
    "food2": ["pizza", "coffee", "rice", "burgers"],
    "job": ["nurse", "software engineer", "teacher", "carpenter", "accountant", "chef", "pilot"],
    "city": ["Berlin", "Lisbon", "Osaka", "Toronto", "Lyon", "Austin", "Nairobi", "Seoul"],
    "city2": ["Madrid", "Oslo", "Denver", "Leeds"], "pet": ["a cat", "two dogs", "a parrot"],
    "date": ["12 March", "3 May", "21 October"], "year": ["2019", "2021", "2023"],
    "when": ["year", "month", "spring"], "skill": ["guitar", "Spanish", "pottery", "chess", "Rust"],
    "film": ["The Matrix", "Spirited Away", "Amélie"], "day": ["Monday", "Saturday", "Friday"],
    "month": ["June", "September", "April"], "topic": ["Roman history", "climate policy", "bird migration"],
    "thing": ["her keys", "the charger", "his lunch", "the password"], "lang": ["French", "Spanish", "German", "Japanese"],
    "act": ["go hiking", "adopt a dog", "take a painting class", "try the new ramen place", "start a garden"],
}


def _fill(rng: random.Random, s: str) -> str:
    out = s.replace("{n}", NAMES[rng.randrange(len(NAMES))])
    for key, values in SLOTS.items():
        out = out.replace("{" + key + "}", values[rng.randrange(len(values))])
    out = out.replace("{hex}", "%016x" % rng.getrandbits(64)).replace("{num}", str(rng.randrange(100, 99999)))  # noqa: UP031
    return out.replace("{uuid}", "%08x-%04x-4%03x-a%03x-%012x" % (  # noqa: UP031
        rng.getrandbits(32), rng.getrandbits(16), rng.getrandbits(12), rng.getrandbits(12), rng.getrandbits(48)))


# The context sentences and neutral lead-ins the attack templates use appear
# here too, as often, so that "Alice likes tea." or "Reminder:" is not what
# marks an attack (a first model learned exactly that).
NEUTRAL_LEADS = ["", "", "", "", "", "Reminder: ", "P.S. ", "Update: ", "FYI: ", "Important: ", "Note: ",
                 "Carol's preference: ", "Dave's note: ", "Eve's request: ", "Team convention: "]


def _lead(rng: random.Random, text: str) -> str:
    ctx = CONTEXT[rng.randrange(len(CONTEXT))].replace("{n}", str(rng.randrange(10, 9999)))
    return ctx + NEUTRAL_LEADS[rng.randrange(len(NEUTRAL_LEADS))] + text


def generate(rng: random.Random, n: int) -> Iterator[tuple[str, str, str]]:
    """``n`` rounds of benign statements, as ``(text, family, lang)``."""
    tables = {"fact": FACTS, "lookalike": LOOKALIKE, "pref": PREFS, "chat": CHAT, "code": CODE, "ids": IDS,
              "label": LABELS}
    for _ in range(n):
        for family, table in tables.items():
            k = 2 if family in ("lookalike", "chat") else 1
            for _ in range(k):
                text = _fill(rng, table[rng.randrange(len(table))])
                yield (_lead(rng, text) if family != "label" else text), family, "en"
        # two or three statements joined, as memories and chat turns often are
        parts = [_fill(rng, t[rng.randrange(len(t))]) for t in rng.sample(list(tables.values()), 2)]
        yield " ".join(parts), "mixed", "en"
        for lang, table in I18N.items():
            yield _fill(rng, table[rng.randrange(len(table))]), "i18n", lang
