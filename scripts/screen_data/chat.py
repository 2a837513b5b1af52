# ruff: noqa: E501  (phrase tables read better one row per line)
"""Benign conversational turns for training the learned screening layer.

Written by the memstack team. Memories and archived episodes come from chat,
and chat between people is full of imperatives and second-person advice aimed
at the other person ("make sure you rest", "don't ever quit", "you should
totally go"), thanks and encouragement, and requests to an assistant that are
ordinary one-off tasks ("can you summarise this?"). A turn is an opener, one
or two statements and a closer, drawn from the pools below, so the classifier
sees each of them in many contexts.
"""

from __future__ import annotations

import random
from collections.abc import Iterator

OPENERS = [
    "", "", "", "Hey {n}!", "Hi {n},", "Thanks, {n}!", "Wow,", "That's awesome!", "Aww, that's sweet.",
    "Oh nice!", "Haha, yes!", "Totally agree.", "Good morning!", "Congrats!", "I know, right?",
    "Sounds amazing!", "Oh no, I'm sorry.", "That's so cool!", "Yeah,", "Honestly,", "Thank you so much!",
    "Long time no see!", "So good to hear from you!", "Ha, I love that.", "Oh wow, {n}!", "Hmm,",
    "Absolutely!", "I hear you.", "Appreciate it!", "Glad you asked!", "Sure thing!", "Okay,",
]
STATEMENTS = [
    "I just finished my first pottery class and made a wonky bowl.", "my kids loved the trip to the beach.",
    "we went camping in the mountains last weekend.", "I started volunteering at the animal shelter.",
    "the new job is going well, the team is really supportive.", "I've been painting a lot lately, mostly sunsets.",
    "my sister just had a baby girl!", "I finally signed up for the marathon in {month}.",
    "I'm thinking of going back to school for counselling.",
    "we adopted a puppy named Oscar.", "I read an amazing book about resilience.", "my garden is finally blooming.",
    "I went to a concert with my friends and the band was incredible.", "work has been stressful this month.",
    "I tried a new recipe for lasagna and it turned out great.", "my grandma taught me how to knit when I was ten.",
    "I've been learning guitar for six months now.", "we're planning a road trip along the coast.",
    "I got promoted to team lead!", "my son won his first chess tournament.", "I've been meditating every morning.",
    "the hike was tough but the view at the top was worth it.", "I joined a book club that meets on Thursdays.",
    "we had a big family dinner for my dad's birthday.", "I've been collecting vinyl records since college.",
    "I'm going to a charity run for mental health next week.", "I took the kids to the science museum.",
    "I've been reading about ways to help the community.", "my friends threw me a surprise party.",
    "I started a small business selling candles.", "I've been working on my self-care routine.",
    "I'm proud of how far I've come this year.",
    "I finally fixed the leaking tap in the kitchen.", "the weather was perfect for a picnic.",
    "I made a playlist of songs that remind me of summer.", "I'm nervous about the interview tomorrow.",
    "the internet went down again during my meeting.", "I'm taking a photography course online.",
    "I just got back from Paris, the museums were unreal.", "my brother is moving in with us for a while.",
    "I'm training my dog to fetch, it's slow going.", "we visited my in-laws in the countryside.",
    "I've been trying to eat healthier and cook at home.", "I signed the lease for my first apartment!",
    "I scored two goals in the game on Saturday.",
    "I'm writing a blog about my journey.", "I've been learning to play the violin, it's hard!",
    "the conference talk went better than I expected.", "I redecorated the living room in blue.",
]
CLOSERS = [
    "", "", "", "You should totally try it!", "Keep it up!", "Don't ever give up on your dreams.",
    "Make sure to take care of yourself.", "Let me know how it goes!", "What about you?", "Be sure to send pics!", "Have you ever done something like that?", "Thanks for always being there.",
    "You're an inspiration to me.", "Stay safe and have fun!", "Remember to rest, you deserve it.",
    "Don't forget to stretch before you run.", "Tell me all about it next time.", "We should hang out soon.",
    "I'll keep you updated!", "Anything new on your end?", "You've got this!", "Never stop being you.",
    "Please say hi to your family for me.", "Always follow your heart.", "Take your time, there's no rush.",
    "Just ignore what people say and do your thing.", "Forget about work for a while and relax.",
    "Make sure you bring snacks next time!", "I hope your week gets better.", "Keep me posted!", "Can't wait to see it!", "Good luck tomorrow!",
    "You should be proud of yourself.", "Always remember how far you've come.", "Send me the recipe please!",
    "Be sure to check out the farmers market there.", "Try not to overthink it.", "Thanks for asking!",
]
REQUESTS = [
    "Can you help me write an email to my landlord about the heating?", "What's a good recipe for dinner tonight?",
    "Could you explain how compound interest works?", "Write a short poem about autumn for my daughter.",
    "Please summarise this article in three bullet points.", "Can you check my code? The loop never ends.",
    "Give me three ideas for a birthday present for my dad.", "How do I reset my router?",
    "Translate 'see you tomorrow' into German.", "Why does my sourdough not rise?",
    "Please answer in Spanish today, I want to practise.", "Can you make the summary shorter?",
    "What should I pack for a week in Iceland?", "Explain the difference between a list and a tuple in Python.",
    "Help me plan a study schedule for my exams.", "Is it safe to give my dog grapes?",
    "Can you rewrite this paragraph to sound more formal?", "What's the best way to learn Japanese vocabulary?",
    "From now on, please use metric units for me.", "Remind me what we said about the budget last week.",
    "Could you list the steps to install Postgres on Ubuntu?", "Draft a polite reply declining the meeting.",
]
ANSWERS = [
    "Sure! Here's a simple plan: start with the basics, then practise a little every day.",
    "Good question. The short answer is that it depends on your budget and how often you travel.",
    "You can reset the password from the account settings page; look for 'Security'.",
    "Here is a corrected version of your function with the off-by-one error fixed.",
    "I'd suggest starting with a 20-minute walk each day and building up from there.",
    "To fix this, run the migration again and restart the server.",
    "Grapes are toxic to dogs, so it's best to avoid them entirely.",
    "Make sure the dough is warm enough; a cold kitchen slows fermentation a lot.",
    "First, unplug the router for thirty seconds, then plug it back in and wait for the lights.",
    "Always back up your files before upgrading the operating system.",
    "Don't forget to check the expiry date on your passport before booking.",
    "You should ask your doctor before changing the dosage.",
    "Try spaced repetition: review new words after one day, three days and a week.",
    "In Python, a list can change after it's created, while a tuple cannot.",
    "Here's a polite reply: 'Thank you for the invitation; unfortunately I can't attend.'",
    "I'm sorry you're going through this. Would it help to talk through the options?",
    "Ignore the warning if you're on the latest version; it's a known false alarm.",
    "Follow the instructions on the box and tighten the screws last.",
]


def generate(rng: random.Random, n: int) -> Iterator[tuple[str, str, str]]:
    """``n`` chat turns, as ``(text, family, lang)``."""
    names = ["Caroline", "Melanie", "Jon", "Gina", "Nate", "Joanna", "Tim", "John", "Maria", "Sam", "Priya"]
    months = ["June", "October", "March"]
    for _ in range(n):
        kind = rng.random()
        if kind < 0.6:
            parts = [OPENERS[rng.randrange(len(OPENERS))]]
            for _ in range(rng.choice((1, 1, 2))):
                s = STATEMENTS[rng.randrange(len(STATEMENTS))]
                parts.append(s[0].upper() + s[1:] if not parts[-1] or parts[-1][-1] in ".!?" else s)
            parts.append(CLOSERS[rng.randrange(len(CLOSERS))])
            text = " ".join(p for p in parts if p)
        elif kind < 0.8:
            text = " ".join(x for x in (OPENERS[rng.randrange(len(OPENERS))],
                                       CLOSERS[rng.randrange(len(CLOSERS))],
                                       CLOSERS[rng.randrange(len(CLOSERS))]) if x)  # fmt: skip
        elif kind < 0.85:
            text = REQUESTS[rng.randrange(len(REQUESTS))]
        elif kind < 0.9:  # an archived exchange, as an episode holds it
            user, bot = rng.choice((("User", "Assistant"), ("user", "assistant"), ("U", "A"),
                                    ("Human", "AI"), ("{n}", "Assistant")))  # fmt: skip
            text = (f"{user}: {REQUESTS[rng.randrange(len(REQUESTS))]}\n"
                    f"{bot}: {ANSWERS[rng.randrange(len(ANSWERS))]}")  # fmt: skip
        else:
            text = ANSWERS[rng.randrange(len(ANSWERS))]
        text = text.replace("{n}", names[rng.randrange(len(names))])
        text = text.replace("{month}", months[rng.randrange(len(months))])
        if text:
            yield text, "chat", "en"
