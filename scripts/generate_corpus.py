#!/usr/bin/env python3
"""Writes a deterministic corpus of realistic war-news articles for benchmarks.

    python3 scripts/generate_corpus.py --articles 10000 --seed 1 /tmp/frontline-10k

Articles go into one folder per month (YYYY-MM/NNNNNN_<hex>.txt or .md), 2-6 KB each, with
page furniture, attributed claims, quotations, numbers and hedges; some stories are reissued
by several outlets with small edits (wire copies). A few non-article files sit beside them.
The same --articles and --seed give byte-identical output. Standard library only.

Word lists and sentence templates live in scripts/corpus_templates/.
"""

import argparse
import datetime
import hashlib
import json
import os
import random
import re
import sys

TEMPLATES = os.path.join(os.path.dirname(os.path.abspath(__file__)), "corpus_templates")

NBSP = "\u00a0"
OPEN_Q, CLOSE_Q = "\x01", "\x02"  # quotation marks until an outlet's style is applied

FRONTS = [  # name, weight, date ranges (inclusive) when the front was in the news
    ("Kharkiv", 32, [("2022-09-01", "2022-11-30"), ("2024-05-10", "2024-08-31")]),
    ("Kursk", 28, [("2024-08-06", "2025-03-20")]),
    ("Kurakhove", 28, [("2024-06-01", "2025-01-31")]),
    ("Zaporizhzhia", 7, [("2023-06-01", "2023-11-30")]),
    ("Kherson", 5, [("2022-10-01", "2022-12-31")]),
]

NUMBER_WORDS = ["two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve"]
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December"]
UA_UNITS = ["the 47th Mechanized Brigade", "the 3rd Assault Brigade", "the 92nd Assault Brigade",
            "the 79th Air Assault Brigade", "the 93rd Mechanized Brigade", "the 80th Air Assault Brigade"]
RU_UNITS = ["Russia's 1st Guards Tank Army", "Russia's 155th Naval Infantry Brigade",
            "the Russian 22nd Motorized Rifle Regiment", "Russia's 810th Naval Infantry Brigade"]
WEAPONS = ["ATACMS missiles", "Storm Shadow cruise missiles", "HIMARS rocket launchers",
           "Patriot air defense systems", "155mm artillery shells", "Bradley fighting vehicles", "S-300 interceptors"]
CITIES = ["Kyiv", "Brussels", "Washington", "Mexico City", "Warsaw", "London", "Berlin", "Vilnius"]
VENUES = {  # by speaker kind
    "person": ["in a video address", "in his nightly address", "at a briefing", "at a news conference",
               "in an interview with the BBC", "in a statement on Telegram"],
    "org": ["in its daily intelligence update", "in a Thursday update", "in a statement", "in its latest assessment",
            "on Telegram", "in a morning report"],
    "vague": ["on Telegram", "this week", "on Sunday", "overnight"],
}

# American spellings in the templates, turned British for outlets that spell that way.
UK_SPELLING = [("kilometers", "kilometres"), ("meters", "metres"), ("defense", "defence"), ("Defense", "Defence"),
               ("armored", "armoured"), ("mobilized", "mobilised"), ("center", "centre"), ("percent", "per cent"),
               ("counteroffensive", "counter-offensive")]
WIRE_EDITS = [(" said ", " stated "), ("approximately ", "about "), (" about ", " around "), ("Russian forces", "Russian troops"),
              (" told reporters", " said"), ("shot down", "downed"), (" on the approaches to ", " near "),
              ("recent weeks", "the past few weeks"), ("destroyed", "knocked out")]


def rows(name):
    """Tab-separated rows of a template file, comments and blank lines skipped."""
    with open(os.path.join(TEMPLATES, name), encoding="utf-8") as f:
        return [line.rstrip("\n").split("\t") for line in f if line.strip() and not line.startswith("#")]


class Tables:
    def __init__(self):
        self.outlets = [dict(name=r[0], spelling=r[1], quotes=r[2], paragraphs=r[3], furniture=r[4].split(","))
                        for r in rows("outlets.tsv")]
        self.speakers = [dict(key=r[0], canonical=r[1], kind=r[2], pronoun=r[3], stance=r[4],
                              first=r[5].split("|"), later=r[6].split("|"), front=r[7]) for r in rows("speakers.tsv")]
        self.places = [dict(name=r[0], front=r[1], kind=r[2], forms=r[3].split("|")) for r in rows("places.tsv")]
        self.clauses = [(set(r[0].split(",")), r[1]) for r in rows("clauses.txt")]
        self.quotes = [(set(r[0].split(",")), r[1]) for r in rows("quotes.txt")]
        self.background = [r[0] for r in rows("background.txt")]
        self.hedged = [r[0] for r in rows("hedged.txt")]
        self.headlines = [r[0] for r in rows("headlines.txt")]
        self.furniture = {}
        for kind, text in rows("furniture.tsv"):
            self.furniture.setdefault(kind, []).append(text)
        self.other_stories = [r[0] for r in rows("other_stories.txt")]
        self.authors = [r[0] for r in rows("authors.txt")]


# ---------------------------------------------------------------- numbers as articles write them

def commas(n):
    return f"{n:,}"


def bound(rng, options=("", "", "about ", "approximately ", "roughly ", "more than ", "nearly ", "some ",
                        "at least ", "up to ", "around ")):
    return rng.choice(options)


def area(rng, plain=False, small=False):
    km = rng.choice([40, 60, 90, 120, 150, 200, 300, 480, 500, 650, 800] +
                    ([] if small else [1000, 1150, 1376, 2400, 3000, 6000, 8500, 12000]))
    if rng.random() < 0.5 and km > 100:
        km = km + rng.randrange(-km // 10, km // 10) if km < 1000 else km
    mi = km * 0.386102
    mi = round(mi, -2) if km >= 5000 and rng.random() < 0.6 else round(mi)
    if plain:
        return f"{commas(km)} square kilometers"
    b = bound(rng)
    style = rng.randrange(6)
    if style == 0:
        return f"{b}{commas(km)} square kilometers ({commas(int(mi))} square miles)"
    if style == 1:
        return f"{b}{commas(km)} km\u00b2 ({commas(int(mi))} sq mi)"
    if style == 2:
        return f"{b}{commas(km)} sq km ({commas(int(mi))} sq miles)"
    if style == 3:
        return f"{b}{commas(int(mi))} square miles ({commas(km)} square kilometers)"
    if style == 4:
        return f"{b}{commas(km)} square kilometers"
    return f"{b}{commas(km)} km2"


def troops(rng):
    n = rng.choice([5000, 8000, 10000, 12000, 15000, 20000, 30000, 40000, 45000, 50000, 59000, 70000, 100000, 120000])
    noun = rng.choice(["troops", "troops", "soldiers", "Russian troops", "servicemen", "personnel"])
    if rng.random() < 0.1:
        return f"{bound(rng)}{n // 1000} thousand {noun}"
    return f"{bound(rng)}{commas(n)} {noun}"


def north_koreans(rng):
    n = rng.choice([3000, 8000, 10000, 11000, 12000, 15000])
    return f"{bound(rng, ('', 'about ', 'approximately ', 'some ', 'more than '))}{commas(n)} North Korean " + \
        rng.choice(["soldiers", "troops"])


def counted(rng, noun, low, high):
    n = rng.randrange(low, high)
    if n > 30:
        n = n // 10 * 10
    return f"{bound(rng, ('', '', 'more than ', 'at least ', 'over ', 'about '))}{commas(n)} {noun}"


def rate(rng):
    a = rng.choice([100, 150, 200, 250, 300, 400])
    b = a + rng.choice([100, 150, 200, 300])
    style = rng.randrange(6)
    if style == 0:
        return f"{a}-{b} meters per day"
    if style == 1:
        return f"{a}\u2013{b} meters a day"
    if style == 2:
        return f"between {a} and {b} meters per day"
    if style == 3:
        return f"up to {rng.choice([1, 2, 3, 4])} kilometers a day"
    if style == 4:
        return f"about {a} meters a day"
    return f"{rng.choice([1, 2, 3])} km a day"


def percent(rng):
    style = rng.randrange(7)
    n = rng.choice([10, 15, 18, 20, 25, 30, 40, 45, 50, 60, 70, 80])
    if style == 0:
        return f"{bound(rng, ('', 'more than ', 'over ', 'about ', 'nearly '))}{n}%"
    if style == 1:
        return f"{bound(rng, ('', 'more than ', 'about '))}{n} percent"
    if style == 2:
        return rng.choice(["about a fifth", "around one-fifth", "roughly a quarter", "nearly half",
                           "around one-third", "almost two-thirds", "about a tenth"])
    if style == 3:
        return f"{bound(rng, ('', 'almost ', 'about '))}{n}.{rng.randrange(1, 10)}%"
    return f"{bound(rng, ('', 'more than ', 'about '))}{n}%"


def distance(rng):
    km = rng.choice([8, 12, 15, 20, 25, 30, 40, 55, 70, 110, 150, 300])
    mi = round(km * 0.621371)
    style = rng.randrange(4)
    if style == 0:
        return f"{km} kilometers ({mi} miles)"
    if style == 1:
        return f"about {km} km"
    if style == 2:
        return f"{mi} miles ({km} km)"
    return f"roughly {km} kilometers"


def ratio(rng):
    total = rng.randrange(6, 60)
    part = rng.randrange(max(1, total // 2), total + 1)
    if total <= 12 and rng.random() < 0.6:
        words = ["zero", "one"] + NUMBER_WORDS
        return f"{words[part]} out of {words[total]}"
    return f"{part} of {total}" if rng.random() < 0.5 else f"{part} out of {total}"


def number_word(rng):
    return rng.choice(NUMBER_WORDS[:6])


# ---------------------------------------------------------------- a story: facts and sentences, no outlet style yet

class Story:
    def __init__(self, tables, rng, index):
        self.t = tables
        self.rng = rng
        self.index = index
        name, _, ranges = weighted(rng, FRONTS)
        self.front = name
        lo, hi = rng.choice(ranges)
        d0, d1 = datetime.date.fromisoformat(lo), datetime.date.fromisoformat(hi)
        self.date = d0 + datetime.timedelta(days=rng.randrange((d1 - d0).days + 1))
        self.towns = [p for p in tables.places if p["front"] == name and p["kind"] in ("town", "city")]
        self.regions = [p for p in tables.places if p["front"] == name and p["kind"] == "region"]
        self.rivers = [p for p in tables.places if p["kind"] == "river"]
        rng.shuffle(self.towns)
        self.main = self.towns[0]
        others = [f for f in FRONTS if f[0] != name]
        self.other_front = rng.choice(others)[0]
        self.other_regions = [p for p in tables.places if p["front"] == self.other_front and p["kind"] == "region"] \
            or [p for p in tables.places if p["front"] == self.other_front]
        cast = [s for s in tables.speakers if s["kind"] != "vague" and s["front"] in ("any", name)]
        rng.shuffle(cast)
        self.cast = cast[:rng.randrange(2, 5)] + [rng.choice([s for s in tables.speakers if s["kind"] == "vague"])]
        self.mentioned = set()
        self.last_speaker = None
        self.target = int(rng.triangular(1700, 5300, 2800))

    # -- slots
    def place(self, main_bias=0.6):
        if self.rng.random() < main_bias or len(self.towns) == 1:
            p = self.main
        else:
            p = self.rng.choice(self.towns[1:])
        return self.rng.choice(p["forms"])

    def fill(self, template):
        rng = self.rng
        p2 = self.rng.choice(self.towns[1:] or self.towns)
        def slot(m):
            key = m.group(1)
            if key == "P":
                return self.place()
            if key == "P2":
                return rng.choice(p2["forms"])
            if key == "R":
                return rng.choice(rng.choice(self.regions)["forms"]) if self.regions else self.place()
            if key == "R2":
                return rng.choice(rng.choice(self.other_regions)["forms"])
            if key == "RIVER":
                return rng.choice(rng.choice(self.rivers)["forms"])
            if key == "AREA":
                return area(rng)
            if key == "AREA_S":
                return area(rng, small=True)
            if key == "AREA_PEAK":
                return rng.choice(["1,376 square kilometers", "about 1,300 square kilometers", "1,268 sq km",
                                   "more than 1,000 square kilometers (386 square miles)"])
            if key == "TROOPS":
                return troops(rng)
            if key == "NK":
                return north_koreans(rng)
            if key == "TANKS":
                return counted(rng, rng.choice(["tanks", "tanks", "main battle tanks"]), 3, 120)
            if key == "ARMOR":
                return counted(rng, "armored vehicles", 5, 400)
            if key == "DRONES":
                return counted(rng, rng.choice(["drones", "Shahed drones", "attack drones"]), 8, 120)
            if key == "MISSILES":
                return counted(rng, rng.choice(["missiles", "cruise missiles", "ballistic missiles"]), 3, 40)
            if key == "RATE":
                return rate(rng)
            if key == "PCT":
                return percent(rng)
            if key == "SETTLE":
                return rng.choice([f"{number_word(rng)} villages", counted(rng, "settlements", 3, 40),
                                   f"more than {rng.randrange(4, 30)} towns and villages"])
            if key == "VILLAGES":
                return rng.choice([f"{number_word(rng).capitalize()} villages", f"{rng.randrange(3, 25)} settlements"])
            if key == "DIST":
                return distance(rng)
            if key == "NW":
                return number_word(rng)
            if key == "N2":
                return str(rng.randrange(3, 90))
            if key == "RATIO":
                return ratio(rng)
            if key == "DAY":
                return rng.choice(WEEKDAYS)
            if key == "DATE":
                d = self.date - datetime.timedelta(days=rng.randrange(1, 40))
                return f"{MONTHS[d.month - 1]} {d.day}"
            if key == "UNIT":
                return rng.choice(UA_UNITS)
            if key == "RU_UNIT":
                return rng.choice(RU_UNITS)
            if key == "WEAPON":
                return rng.choice(WEAPONS)
            if key == "CAS":
                return rng.choice([f"more than {commas(rng.randrange(5, 40) * 1000)} servicemen",
                                   f"about {commas(rng.randrange(2, 30) * 100)} soldiers killed or wounded"])
            if key == "POP":
                return commas(rng.randrange(3, 60) * 1000)
            if key == "POP2":
                return commas(rng.randrange(60, 300) * 1000)
            if key == "HOURS":
                return rng.choice(["24 hours", "less than 24 hours", "48 hours", "100 hours", "three days"])
            if key == "DAYS":
                return rng.choice(["three days", "two days", f"{rng.randrange(4, 12)} days", "a week"])
            if key == "MONEY":
                return str(rng.choice([125, 250, 275, 400, 725, 988]))
            return m.group(0)  # {OUTLET} and friends are filled per outlet
        return re.sub(r"\{([A-Z0-9_]+)\}", slot, template)

    # -- speakers
    def speaker(self):
        rng = self.rng
        if self.last_speaker is not None and rng.random() < 0.3:
            return self.last_speaker
        return rng.choice(self.cast)

    def name(self, s, start=False, allow_pronoun=True, subject=True):
        """How the article refers to a speaker now: full on first mention, then short or a pronoun.
        An appositive ("Antony Blinken, the US secretary of state") is closed with a comma before a verb."""
        rng = self.rng
        if s["key"] not in self.mentioned:
            self.mentioned.add(s["key"])
            form = rng.choice(s["first"])
        elif allow_pronoun and s is self.last_speaker and s["kind"] != "vague" and rng.random() < 0.5:
            form = s["pronoun"]
        else:
            form = rng.choice(s["later"] + [rng.choice(s["first"])])
        self.last_speaker = s
        if subject and "," in form:
            form += ","
        return cap(form) if start else form

    def stances(self, s):
        return {s["stance"]} | ({"neutral"} if s["kind"] == "vague" else set())

    def clause_for(self, s):
        pool = [c for st, c in self.t.clauses if st & self.stances(s)] or [c for _, c in self.t.clauses]
        return self.fill(self.rng.choice(pool))

    def quotes_for(self, s, n):
        """Up to n different first-person sentences that suit the speaker."""
        pool = [q for st, q in self.t.quotes if st & self.stances(s)] or [q for _, q in self.t.quotes]
        return [self.fill(q) for q in self.rng.sample(pool, min(n, len(pool)))]

    # -- sentences
    def attributed(self):
        rng = self.rng
        s = self.speaker()
        c = self.clause_for(s)
        verb = rng.choice(["said", "said", "said", "stated", "claimed", "reported", "estimated"] if s["kind"] != "person"
                          else ["said", "said", "said", "stated", "told reporters", "claimed"])
        style = rng.randrange(8)
        if style == 0:
            return f"According to {self.name(s, allow_pronoun=False)}, {c}."
        if style == 1:
            return f"{self.name(s, start=True)} {verb} that {c}."
        if style == 2:
            return f"{self.name(s, start=True)} said on {rng.choice(WEEKDAYS)} that {c}."
        if style == 3:
            return f"{cap(c)}, {self.name(s)} said."
        if style == 4:
            return f"{cap(c)}, {self.name(s)} said {rng.choice(VENUES[s['kind']])}."
        if style == 5:
            return f"{cap(c)}, according to {self.name(s, allow_pronoun=False, subject=False)}."
        if style == 6 and s is self.last_speaker:
            return f"{self.name(s, start=True)} added that {c}."
        return f"{self.name(s, start=True)} said {c}."

    def quotation(self):
        """One or two paragraphs: a multi-sentence quotation, sometimes continued in the next paragraph."""
        rng = self.rng
        s = self.speaker()
        if s["key"] == "reports":
            s = rng.choice([c for c in self.cast if c["key"] != "reports"])
        qs = self.quotes_for(s, rng.choice([1, 1, 2, 2, 3]))
        style = rng.randrange(5)
        if style == 0 or len(qs) == 1 and style == 2:
            body = " ".join(qs)
            last = body[:-1] + "," if body.endswith(".") else body
            verb = rng.choice(["said", "added", "said " + rng.choice(VENUES[s["kind"]])])
            para = [f"{OPEN_Q}{last}{CLOSE_Q} {self.name(s)} {verb}."]
        elif style == 1:
            para = [f"{self.name(s, start=True)} said: {OPEN_Q}{' '.join(qs)}{CLOSE_Q}"]
        elif style == 2:
            first = qs[0][:-1] + "," if qs[0].endswith(".") else qs[0]
            para = [f"{OPEN_Q}{first}{CLOSE_Q} {self.name(s)} said. {OPEN_Q}{' '.join(qs[1:])}{CLOSE_Q}"]
        elif style == 3:
            body = " ".join(qs)
            last = body[:-1] + "," if body.endswith(".") else body
            para = [f"{OPEN_Q}{last}{CLOSE_Q} {self.name(s)} told reporters in {rng.choice(CITIES)}."]
        else:
            c = self.clause_for(s)
            para = [f"{self.name(s, start=True)} said {rng.choice(VENUES[s['kind']])} that {c}, adding: {OPEN_Q}{qs[0]}{CLOSE_Q}"]
        paras = [para]
        if rng.random() < 0.25:  # the quotation runs on into a paragraph of its own, unattributed
            more = [q for q in self.quotes_for(s, 3) if q not in qs][:rng.choice([1, 2])]
            if more:
                paras.append([f"{OPEN_Q}{' '.join(more)}{CLOSE_Q}"])
        return paras

    def own_voice(self):
        rng = self.rng
        roll = rng.random()
        if roll < 0.45:
            return cap(self.fill(rng.choice(self.t.background)))
        if roll < 0.75:
            return cap(self.fill(rng.choice(self.t.hedged)))
        s = rng.choice(self.cast)
        return cap(self.clause_for(s)) + "."

    def headline(self):
        return cap(self.fill(self.rng.choice(self.t.headlines)))

    def build(self):
        rng = self.rng
        self.title = self.headline()
        self.subtitle = self.headline() if rng.random() < 0.3 else None
        paragraphs = [[self.attributed()]]
        size = len(self.title) + len(paragraphs[0][0])
        while size < self.target:
            roll = rng.random()
            if roll < 0.22:
                new = self.quotation()
            else:
                para = []
                for _ in range(rng.choice([1, 1, 2, 2, 3])):
                    para.append(self.attributed() if rng.random() < 0.55 else self.own_voice())
                new = [para]
            for para in new:
                paragraphs.append(para)
                size += sum(len(x) + 1 for x in para) + 2
        self.paragraphs = paragraphs
        return self


def weighted(rng, items):
    total = sum(w for _, w, *_ in items)
    x = rng.uniform(0, total)
    for item in items:
        x -= item[1]
        if x <= 0:
            return item
    return items[-1]


def cap(s):
    return s[:1].upper() + s[1:] if s else s


def title_case(s):
    small = {"a", "an", "and", "as", "at", "but", "by", "for", "in", "of", "on", "or", "the", "to", "from"}
    words = s.split(" ")
    return " ".join(w if (i and w.lower() in small) or not w[:1].isalpha() else cap(w) for i, w in enumerate(words))


# ---------------------------------------------------------------- one outlet's printing of a story

def wire_edit(rng, story_paragraphs):
    """A reissue: a sentence or two dropped, a few words changed, same facts."""
    out = []
    for i, para in enumerate(story_paragraphs):
        kept = [s for j, s in enumerate(para) if i == 0 or rng.random() > 0.08]
        if not kept:
            continue
        edited = []
        for s in kept:
            if rng.random() < 0.25:
                old, new = rng.choice(WIRE_EDITS)
                s = s.replace(old, new, 1)
            edited.append(s)
        out.append(edited)
    return out


def render(tables, story, outlet, paragraphs, rng, markdown):
    o = outlet["name"]
    fill_furniture = lambda text: text.replace("{OUTLET_UPPER}", o.upper()).replace("{OUTLET}", o) \
        .replace("{RELATED}", related(tables, story, rng)).replace("{OTHER}", rng.choice(tables.other_stories)) \
        .replace("{AUTHOR}", rng.choice(tables.authors)).replace("{LONGDATE}", long_date(story.date)) \
        .replace("{N}", str(rng.randrange(20, 5000))).replace("{M}", str(rng.randrange(1, 20)))
    furn = lambda kind: fill_furniture(rng.choice(tables.furniture[kind]))
    kinds = outlet["furniture"]
    title = story.title if rng.random() < 0.6 else title_case(story.title)
    sentence_gap = NBSP + " " if ("continue" in kinds and rng.random() < 0.5) else " "

    body = [sentence_gap.join(p) for p in paragraphs]
    if "dateline" in kinds and body:
        body[0] = furn("dateline") + " " + body[0]
    # Furniture inside the body, at positions drawn once so that the text stays deterministic.
    inserts = []
    if "rendered" in kinds:
        inserts += [(i, furn("rendered")) for i in range(1, len(body), rng.choice([1, 2, 3]))]
    for kind in ("app", "related", "seealso", "advert", "readmore"):
        if kind in kinds and len(body) > 2:
            for _ in range(1 if kind in ("app", "advert") else rng.choice([1, 1, 2])):
                text = furn(kind)
                if kind == "seealso":
                    text = text.replace("See also  ", "See also" + NBSP + " ")
                inserts.append((rng.randrange(2, len(body)), text))
    for pos, text in sorted(inserts, key=lambda x: -x[0]):
        body.insert(pos, text)

    head = ["# " + title if markdown else title]
    if story.subtitle:
        head.append(("*" + story.subtitle + "*") if markdown else story.subtitle)
    if "byline" in kinds:
        head.append(furn("byline"))
    tail = []
    if "continue" in kinds:
        tail.append(furn("continue"))
    if "views" in kinds:
        n, m = rng.randrange(20, 5000), rng.randrange(1, 20)
        tail.append(f"{NBSP}{n}{NBSP} total views, {NBSP} {m}{NBSP} views today")
    if "share" in kinds:
        tail.append(furn("share"))
    if "telegram" in kinds:
        tail.append(furn("telegram"))
    if "discover" in kinds:
        tail += ["", furn("discover")] if outlet["paragraphs"] == "blank" else [furn("discover")]
    if "subscribe" in kinds:
        tail.append(tables.furniture["subscribe"][0])
    if "reply" in kinds:
        tail += tables.furniture["reply"]

    gap = "\n\n" if outlet["paragraphs"] == "blank" or markdown else "\n"
    text = gap.join(head + body + tail)
    text = text.replace("{OUTLET}", o)
    if outlet["spelling"] == "uk":
        for us, uk in UK_SPELLING:
            text = text.replace(us, uk)
        text = text.replace("Department of Defence", "Department of Defense")
    if outlet["quotes"] == "curly":
        text = text.replace(OPEN_Q, "\u201c").replace(CLOSE_Q, "\u201d").replace("'", "\u2019")
    else:
        text = text.replace(OPEN_Q, '"').replace(CLOSE_Q, '"')
    if rng.random() < 0.7:
        text += "\n"
    return text


def related(tables, story, rng):
    return story.fill(rng.choice(tables.headlines)).upper()


def long_date(d):
    return f"{MONTHS[d.month - 1]} {d.day}, {d.year}"


# ---------------------------------------------------------------- files

def encode(text, rng):
    """Mostly UTF-8; a few files with Windows line ends, a byte-order mark or in Windows-1252."""
    roll = rng.random()
    if roll < 0.02:
        text = text.replace("\n", "\r\n")
    if roll > 0.995:
        return text.encode("cp1252", errors="replace")
    data = text.encode("utf-8")
    if 0.02 <= roll < 0.03:
        data = b"\xef\xbb\xbf" + data
    return data


def extras(rng, month_dir, names):
    """A few files that are not articles, as real article folders have."""
    out = []
    choices = ["manifest.json", ".DS_Store", "photo.jpg", "sources.csv", "notes.txt~", ".draft.txt.swp", "Thumbs.db"]
    for name in rng.sample(choices, rng.randrange(1, 4)):
        path = os.path.join(month_dir, name)
        if name == "manifest.json":
            data = json.dumps({"files": names[:50], "count": len(names)}, indent=1).encode()
        elif name == "sources.csv":
            data = ("file,outlet\n" + "".join(f"{n},unknown\n" for n in names[:30])).encode()
        elif name == "photo.jpg":
            data = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + bytes(rng.randrange(256) for _ in range(3000)) + b"\xff\xd9"
        elif name == "notes.txt~":
            data = "Draft notes: check Kupiansk figures against the ISW map.\n".encode()
        else:
            data = bytes(rng.randrange(256) for _ in range(512))
        out.append((path, data))
    return out


def generate(count, seed, out_dir):
    tables = Tables()
    os.makedirs(out_dir, exist_ok=True)
    written = 0
    story_index = 0
    by_month = {}
    while written < count:
        rng = random.Random(f"{seed}:story:{story_index}")
        story = Story(tables, rng, story_index).build()
        copies = 1 if rng.random() >= 0.12 else rng.choice([2, 2, 3, 4])
        outlets = rng.sample(tables.outlets, copies)
        for k, outlet in enumerate(outlets):
            if written >= count:
                break
            frng = random.Random(f"{seed}:file:{written}")
            paragraphs = story.paragraphs if k == 0 else wire_edit(frng, story.paragraphs)
            day = story.date + datetime.timedelta(days=frng.randrange(0, 3) if k else 0)
            markdown = frng.random() < 0.1
            text = render(tables, story, outlet, paragraphs, frng, markdown)
            month = f"{day.year:04d}-{day.month:02d}"
            digest = hashlib.sha1(f"{seed}:{written}".encode()).hexdigest()[:16]
            name = f"{written:06d}_{digest}.{'md' if markdown else 'txt'}"
            folder = os.path.join(out_dir, month)
            if month not in by_month:
                os.makedirs(folder, exist_ok=True)
                by_month[month] = []
            by_month[month].append(name)
            with open(os.path.join(folder, name), "wb") as f:
                f.write(encode(text, frng))
            written += 1
        story_index += 1
    for month in sorted(by_month):
        rng = random.Random(f"{seed}:extras:{month}")
        for path, data in extras(rng, os.path.join(out_dir, month), by_month[month]):
            with open(path, "wb") as f:
                f.write(data)
    return written, story_index, len(by_month)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, required=True, help="number of article files to write")
    parser.add_argument("--seed", type=int, default=1, help="same seed, same corpus")
    parser.add_argument("out_dir", help="folder to write into (created; existing article files are overwritten)")
    args = parser.parse_args()
    written, stories, months = generate(args.articles, args.seed, args.out_dir)
    print(f"wrote {written} articles ({stories} stories) in {months} month folders to {args.out_dir}", file=sys.stderr)


if __name__ == "__main__":
    main()
