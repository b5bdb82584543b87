# ruff: noqa: E501  (the articles are data: one paragraph per line, as in the .txt files)
"""Build the hand-made test cases: ``cases/<case>.txt`` and ``cases/<case>.json``.

    python tests/data/make_cases.py          # rewrite every case (idempotent)
    python tests/data/make_cases.py --check  # fail if a generated file is out of date

Every article here is fictional, written for this project. Each case holds its text and
its attributions as strings; offsets are found with an anchor (a string that occurs once
in the text, where the search starts) and an nth occurrence after it, and every lookup is
asserted, so a typo fails loudly instead of producing a wrong offset. The bundled example
(``src/onrecord/examples/article.txt``) is written from here too, with its gold as
``cases/bundled_example.json``.

Conventions (PolNeAR's, see README.md in this folder):

- content includes the quotation marks and a trailing comma inside them (“We will,”);
  indirect content keeps a leading "that" and drops the sentence's final period;
- a split quote is one attribution with one content piece per quoted stretch; a quote
  running over several paragraphs has one piece per paragraph (never across a line break);
- source is the mention in the sentence, with any title or role written right before the
  name ("Councillor Helen Marsh") and with appositives and relative clauses set off by
  commas ("Maria Lopez, the city’s treasurer"; before the cue, with the closing comma:
  "Ruth Amadi, who runs a bakery on the island,"), but not a participial aside
  ("A Dostravan government official, speaking on condition of anonymity …, said");
- cue is the verb group or phrase, without the addressee ("said", "told" in "told
  reporters that", "telling", "was quoted as telling", "According to", "said in a
  statement", "wrote on X"; "said" in "said in an interview"), or a noun ("statement",
  "claim");
- speaker is the canonical name of the resolved entity, or null when the source does not
  resolve to a named person, organisation or outlet ("officials", "a spokesperson");
- via is the id of the attribution that reports this one, else null.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
CASES = HERE / "cases"
EXAMPLE = HERE.parents[1] / "src" / "onrecord" / "examples" / "article.txt"

Spec = str | tuple[str, int] | None  # a string, or (string, nth occurrence after the anchor)


def sloppy_cp1252(raw: bytes) -> str:
    """Decode bytes as Windows-1252, keeping its five undefined bytes as U+0081 etc.

    This is how UTF-8 text usually gets double-encoded on the web ("â€\\x9d" for ”).
    """
    out = []
    for b in raw:
        try:
            out.append(bytes([b]).decode("cp1252"))
        except UnicodeDecodeError:
            out.append(chr(b))
    return "".join(out)


class Case:
    """One article and its gold record, built from strings.

    With ``mojibake=True`` the text is written clean and then double-encoded (every
    non-ASCII character becomes its UTF-8 bytes read as Windows-1252); lookups search the
    clean text and are mapped onto the mojibake, and ``repairs`` list each garbled stretch.
    """

    def __init__(self, case_id: str, text: str, notes: str, mojibake: bool = False) -> None:
        assert text.endswith("\n") and "\n\n" not in text and "\r" not in text, case_id
        self.id = case_id
        self.notes = " ".join(notes.split())
        self.clean = text
        self.attributions: list[dict] = []
        self.entities: list[dict] = []
        self.headings: list[list[int]] = []
        self.repairs: list[dict] = []
        if mojibake:
            pieces, starts, pos = [], [], 0
            for ch in text:
                starts.append(pos)
                bad = ch if ch.isascii() else sloppy_cp1252(ch.encode("utf-8"))
                pieces.append(bad)
                if not ch.isascii():
                    # the garbled stretch; for a no-break space ("Â\xa0") only the "Â" is junk
                    end = pos + 1 if ch == "\xa0" else pos + len(bad)
                    self.repairs.append({"span": [pos, end], "fixed": "" if ch == "\xa0" else ch})
                pos += len(bad)
            starts.append(pos)
            self.text = "".join(pieces)
            self.offset = starts  # clean index -> mojibake index
        else:
            self.text = text
            self.offset = list(range(len(text) + 1))

    # ------------------------------------------------------------- finding strings

    def _at(self, anchor: str) -> int:
        n = self.clean.count(anchor)
        assert n == 1, f"{self.id}: anchor {anchor!r} occurs {n} times"
        return self.clean.find(anchor)

    def span(self, spec: Spec, anchor: str | None = None) -> list[int]:
        """[start, end) of ``spec`` at or after ``anchor`` (clean-text lookup, mapped).

        Matches whole words only where the string starts or ends with a word character,
        so "he" never matches inside "the" or "father". A part in [brackets] narrows the
        span to that part: "[Osei] said" is the "Osei" of "Osei said".
        """
        s, nth = spec if isinstance(spec, tuple) else (spec, 0)
        inner = re.fullmatch(r"(.*)\[(.+)\](.*)", s)
        look = s.replace("[", "").replace("]", "") if inner else s
        assert look and look == look.strip(), f"{self.id}: bad span string {s!r}"
        assert "\n" not in look, f"{self.id}: a piece never crosses a paragraph break: {s!r}"
        pattern = re.compile(
            ("(?<!\\w)" if look[0].isalnum() else "")
            + re.escape(look)
            + ("(?!\\w)" if look[-1].isalnum() else "")
        )
        hits = list(pattern.finditer(self.clean, self._at(anchor) if anchor else 0))
        assert len(hits) > nth, f"{self.id}: {look!r} (nth {nth}) not found after {anchor!r}"
        i = hits[nth].start()
        j = i + len(look)
        if inner:
            i, j = i + len(inner[1]), i + len(inner[1]) + len(inner[2])
        return [self.offset[i], self.offset[j]]

    def pieces(self, spec: Spec | list[Spec], anchor: str | None) -> list[list[int]]:
        if spec is None:
            return []
        specs = spec if isinstance(spec, list) else [spec]
        return [self.span(x, anchor) for x in specs]

    # ------------------------------------------------------------- building the record

    def entity(
        self, name: str, type_: str, role: str | None = None, mentions: list[Spec] | None = None
    ) -> None:
        """A speaker entity; ``mentions`` (searched from the start) only where exhaustive."""
        ent = {"id": f"e{len(self.entities) + 1}", "name": name, "type": type_, "role": role}
        if mentions is not None:
            ent["mentions"] = sorted(self.span(m) for m in mentions)
        self.entities.append(ent)

    def add(
        self,
        kind: str,
        speaker: str | None,
        source: Spec,
        cue: Spec | list[Spec],
        content: Spec | list[Spec],
        anchor: str,
        via: str | None = None,
    ) -> str:
        """Append one attribution (ids a1, a2, …) and return its id, for ``via``."""
        assert kind in ("direct", "mixed", "indirect"), kind
        a = {
            "id": f"a{len(self.attributions) + 1}",
            "kind": kind,
            "speaker": speaker,
            "via": via,
            "source": self.pieces(source, anchor),
            "cue": self.pieces(cue, anchor),
            "content": self.pieces(content, anchor),
        }
        self.attributions.append(a)
        return a["id"]

    def heading(self, line: str) -> None:
        self.headings.append(self.span(line))

    # ------------------------------------------------------------- checks and output

    def check(self) -> None:
        text, where = self.text, self.id
        lines = text.split("\n")
        line_starts = [0]
        for ln in lines[:-1]:
            line_starts.append(line_starts[-1] + len(ln) + 1)
        ids = {a["id"]: a for a in self.attributions}
        names = {e["name"] for e in self.entities}
        for a in self.attributions:
            assert a["content"], f"{where} {a['id']}: no content"
            assert a["cue"], f"{where} {a['id']}: no cue"
            for part in ("source", "cue", "content"):
                for s, e in a[part]:
                    assert 0 <= s < e <= len(text), (where, a["id"], part)
                    piece = text[s:e]
                    assert piece == piece.strip() and "\n" not in piece, (where, a["id"], piece)
            own = {i for s, e in a["source"] + a["cue"] for i in range(s, e)}
            inside = {i for s, e in a["content"] for i in range(s, e)}
            assert not own & inside, f"{where} {a['id']}: source/cue overlap the content"
            if a["speaker"] is not None:
                assert a["speaker"] in names, f"{where} {a['id']}: no entity {a['speaker']!r}"
            if a["via"] is not None:
                outer = ids[a["via"]]
                held = {i for s, e in outer["content"] for i in range(s, e)}
                assert inside <= held, f"{where} {a['id']}: content not inside {a['via']}'s"
        # contents overlap only along a via chain
        for x in self.attributions:
            for y in self.attributions:
                if x["id"] >= y["id"]:
                    continue
                xs = {i for s, e in x["content"] for i in range(s, e)}
                ys = {i for s, e in y["content"] for i in range(s, e)}
                if xs & ys:
                    assert self._nested(x, y, ids) or self._nested(y, x, ids), (where, x, y)
        for s, e in self.headings:
            assert s in line_starts[1:] and (e == len(text) or text[e] == "\n"), (where, s, e)
            assert text[e - 1] not in ".!?:;,”\"'’", f"{where}: heading ends in punctuation"
        for r in self.repairs:
            s, e = r["span"]
            assert 0 <= s < e <= len(text)

    @staticmethod
    def _nested(inner: dict, outer: dict, ids: dict) -> bool:
        via = inner["via"]
        while via is not None:
            if via == outer["id"]:
                return True
            via = ids[via]["via"]
        return False

    def record(self) -> dict:
        rec = {"id": self.id, "text": self.text, "attributions": self.attributions}
        rec["entities"] = self.entities
        rec["headings"] = sorted(self.headings)
        if self.repairs:
            rec["repairs"] = self.repairs
        rec["notes"] = self.notes
        return rec

    def show(self) -> str:
        """The spans as text, one attribution a line, for eyeballing."""
        t = self.text

        def txt(pieces: list[list[int]]) -> str:
            return " … ".join(t[s:e] for s, e in pieces) or "∅"

        out = [f"== {self.id}"]
        for a in self.attributions:
            via = f" via {a['via']}" if a["via"] else ""
            out.append(
                f"{a['id']} {a['kind']:<8} [{a['speaker']}]{via} | {txt(a['source'])} | "
                f"{txt(a['cue'])} | {txt(a['content'])}"
            )
        for e in self.entities:
            if "mentions" in e:
                out.append(f"{e['id']} {e['name']}: " + ", ".join(t[s:e] for s, e in e["mentions"]))
        out += [f"heading: {t[s:e]}" for s, e in self.headings]
        out += [
            f"repair: {t[r['span'][0] : r['span'][1]]!r} -> {r['fixed']!r}" for r in self.repairs
        ]
        return "\n".join(out)


def dump(rec: dict) -> str:
    """JSON with one key per line but each [start, end] pair kept on one line."""
    raw = json.dumps(rec, ensure_ascii=False, indent=1)
    return re.sub(r"\[\s+(\d+),\s+(\d+)\s+\]", r"[\1, \2]", raw) + "\n"


ALL: list[Case] = []


def case(c: Case) -> Case:
    ALL.append(c)
    return c


# =============================================================================== cases
# The cases are laid out by hand (text, entities, attributions), not by the formatter.
# fmt: off

# 1 ---------------------------------------------------------------------------------
c = case(Case("straight_double_quotes", """\
Harbor town votes to keep island ferry running through winter
PORT ELLIS — The town council of Port Ellis voted 6-1 on Tuesday night to keep its island ferry running through the winter, reversing a plan to suspend the service from December to March.
"People on Gull Island feel cut off every winter, and they have felt that way for years. Tonight we did something about it," Mayor Denise Farrow said after the vote.
The ferry, which carries about 140 passengers a day in summer but fewer than 20 in February, lost nearly $310,000 last year.
Councilman Walter Brisk, who cast the only vote against the measure, said the town could not afford to keep subsidizing an empty boat.
Brisk said, "I have nothing against the islanders, but I answer to every taxpayer in this town."
"We are running a 60-foot vessel for a dozen people on a Tuesday in February," he added.
Ruth Amadi, who runs a bakery on the island, said she had driven her delivery van onto the last sailing of the evening to attend the meeting.
"If the boat stops, my business stops. It's that simple," Amadi said.
The harbor master is due to present a plan to cut the ferry’s fuel costs in January.
""", notes="""
Plain ASCII double quotes (") around direct speech, with an apostrophe inside a quote
(It's). Quote before the cue, quote after a cue and a comma (Brisk said, "…"), a pronoun
source (he added) and plain indirect speech without "that". The relative clauses after
names (", who cast the only vote …,") are part of the source, with their closing comma.
"""))
c.entity("Denise Farrow", "PERSON", "Mayor of Port Ellis")
c.entity("Walter Brisk", "PERSON", "Councilman")
c.entity("Ruth Amadi", "PERSON", "bakery owner")
c.add("direct", "Denise Farrow", "Mayor Denise Farrow", "said",
      '"People on Gull Island feel cut off every winter, and they have felt that way for years. Tonight we did something about it,"',
      '"People on Gull Island')
c.add("indirect", "Walter Brisk", "Councilman Walter Brisk, who cast the only vote against the measure,", "said",
      "the town could not afford to keep subsidizing an empty boat", "Councilman Walter Brisk")
c.add("direct", "Walter Brisk", "Brisk", "said",
      '"I have nothing against the islanders, but I answer to every taxpayer in this town."',
      'Brisk said, "')
c.add("direct", "Walter Brisk", "he", "added",
      '"We are running a 60-foot vessel for a dozen people on a Tuesday in February,"',
      '"We are running')
c.add("indirect", "Ruth Amadi", "Ruth Amadi, who runs a bakery on the island,", "said",
      "she had driven her delivery van onto the last sailing of the evening to attend the meeting",
      "Ruth Amadi, who")
c.add("direct", "Ruth Amadi", "Amadi", "said",
      '"If the boat stops, my business stops. It\'s that simple,"', '"If the boat')

# 2 ---------------------------------------------------------------------------------
c = case(Case("curly_double_quotes", """\
Drought pushes Carver Valley ranchers to sell cattle early
LOMA VERDE — Ranchers across the Carver Valley are selling cattle months ahead of schedule as a third straight dry summer leaves pastures bare and pushes hay prices to record highs.
“I’ve never sold calves in July, not once in 31 years,” said Tom Reinholt, who runs about 400 head of cattle north of Loma Verde.
Reinholt said his family had come through dry spells before. “My father used to say, ‘The rain always comes back,’ and for most of my life he was right,” he said.
At the Loma Verde livestock auction on Saturday, more than 2,600 animals went through the ring, nearly three times the usual number for July.
“We’re seeing young cows that people would normally keep for breeding,” auction manager Priya Castellano said. “When those go, it tells you folks are worried about next year, not just this one.”
The state has opened an emergency hay program, but Castellano said the first deliveries were not expected before September.
“By then, a lot of these herds will be gone,” she said.
""", notes="""
Curly double quotes (“ ”) with curly apostrophes inside (I’ve, We’re) that must not close
the quote. A quote inside a quote (‘The rain always comes back,’ in single curly marks) is
its own attribution, reported by the outer one (via), with an unnamed source (My father,
speaker null). Inversion with a relative clause, which is part of the source (said Tom
Reinholt, who runs …), a role before
the name (auction manager Priya Castellano), a split quote, and she/he pronoun sources.
"""))
c.entity("Tom Reinholt", "PERSON", "rancher")
c.entity("Priya Castellano", "PERSON", "auction manager")
c.add("direct", "Tom Reinholt", "Tom Reinholt, who runs about 400 head of cattle north of Loma Verde", "said",
      "“I’ve never sold calves in July, not once in 31 years,”", "“I’ve never")
c.add("indirect", "Tom Reinholt", "Reinholt", "said",
      "his family had come through dry spells before", "Reinholt said his family")
outer = c.add("direct", "Tom Reinholt", ("he", 1), ("said", 1),
              "“My father used to say, ‘The rain always comes back,’ and for most of my life he was right,”",
              "Reinholt said his family")
c.add("direct", None, "My father", "used to say", "‘The rain always comes back,’",
      "“My father used", via=outer)
c.add("direct", "Priya Castellano", "auction manager Priya Castellano", "said",
      ["“We’re seeing young cows that people would normally keep for breeding,”",
       "“When those go, it tells you folks are worried about next year, not just this one.”"],
      "“We’re seeing")
c.add("indirect", "Priya Castellano", "Castellano", "said",
      "the first deliveries were not expected before September", "The state has opened")
c.add("direct", "Priya Castellano", "she", "said", "“By then, a lot of these herds will be gone,”",
      "“By then")

# 3 ---------------------------------------------------------------------------------
c = case(Case("single_quotes_straight", """\
Shopkeepers split over 'car-free' plan for Eastgate high street
Shopkeepers in Eastgate have warned that a proposal to close the high street to through traffic could drive customers to out-of-town retail parks, as the council prepares to vote on the scheme next month.
Under the 'car-free' scheme, private vehicles would be barred from the high street between 10am and 6pm, with exemptions for buses, taxis and blue badge holders.
'We don't object to cleaner air, nobody does,' said Gareth Pryce, who has run a hardware shop on the street for 22 years. 'But the ministers' plan for low-traffic towns was written by people who have never had to carry a bag of cement to a car.'
Councillor Helen Marsh, the cabinet member for transport, said the scheme had been shaped by two rounds of public consultation.
'We want a high street people can actually enjoy', she said. 'That's what this is.'
A petition against the plan has gathered more than 3,000 signatures. Linda Carrow, who started it, said residents' concerns about deliveries and parking had been 'brushed aside'.
The council's cabinet will vote on 14 March.
""", notes="""
UK style with straight single quotes ('…') for speech, next to apostrophes that look like
quote marks: don't, That's, council's, and plural possessives ending in an apostrophe
before a space (the ministers' plan, residents' concerns) inside and outside quotes.
'car-free' (in the headline and the body) is a scare quote, not an attribution. UK
punctuation puts the comma or full stop outside the closing mark ('…enjoy', she said;
'brushed aside'.), so it is not part of the content. An anonymous group source
(Shopkeepers in Eastgate, speaker null).
"""))
c.entity("Gareth Pryce", "PERSON", "hardware shop owner")
c.entity("Helen Marsh", "PERSON", "Councillor, cabinet member for transport")
c.entity("Linda Carrow", "PERSON", "petition organiser")
c.add("indirect", None, "Shopkeepers in Eastgate", "have warned",
      "that a proposal to close the high street to through traffic could drive customers to out-of-town retail parks",
      "Shopkeepers in Eastgate have")
c.add("direct", "Gareth Pryce", "Gareth Pryce, who has run a hardware shop on the street for 22 years", "said",
      ["'We don't object to cleaner air, nobody does,'",
       "'But the ministers' plan for low-traffic towns was written by people who have never had to carry a bag of cement to a car.'"],
      "'We don't object")
c.add("indirect", "Helen Marsh", "Councillor Helen Marsh, the cabinet member for transport,", "said",
      "the scheme had been shaped by two rounds of public consultation", "Councillor Helen Marsh")
c.add("direct", "Helen Marsh", "she", "said",
      ["'We want a high street people can actually enjoy'", "'That's what this is.'"],
      "'We want a high street")
c.add("mixed", "Linda Carrow", "Linda Carrow, who started it,", "said",
      "residents' concerns about deliveries and parking had been 'brushed aside'",
      "Linda Carrow, who")

# 4 ---------------------------------------------------------------------------------
c = case(Case("single_quotes_curly", """\
Rail operator to cut late-evening trains on Wyndham line from May
Passengers on the Wyndham line face fewer late-evening trains from May after the operator confirmed it would cut 40 services a week because of a shortage of drivers.
Northway Rail said in a statement that the changes were ‘regrettable but necessary’ and that it expected to restore the full timetable by the end of the year.
Commuter groups reacted angrily. ‘They’ve known about the driver shortage for two years and done nothing about it,’ said Asha Venkat, chair of the Wyndham Line Users’ Association. ‘Now it’s the passengers’ problem.’
Venkat said many of the group’s members worked shifts in hospitals and care homes and relied on the last trains home.
The operator’s managing director, Colin Tebbit, told the Wyndham Evening Post that 60 trainee drivers would qualify by October. ‘I understand people’s frustration, and I share it,’ he said. ‘But I won’t run a timetable I can’t staff.’
The line’s so-called ‘ghost trains’ – services cancelled at short notice after appearing on departure boards – have become a running joke among regular travellers.
""", notes="""
Guardian-style curly single quotes, where the closing mark ’ is the same character as the
apostrophe: They’ve, it’s, won’t, can’t, people’s, and plural possessives before a space
(Users’ Association, passengers’ problem) must not end a quote. ‘regrettable but
necessary’ is a quoted fragment inside reported speech (mixed); the so-called ‘ghost
trains’ is a scare quote. A company as speaker (Northway Rail), a cue without its
addressee (told, not "told the Wyndham Evening Post"), a name-then-role appositive (said
Asha Venkat, chair of …: all of it is the source) and a role-then-name appositive (The
operator’s managing director, Colin Tebbit,: all of it is the source; the speaker is
Colin Tebbit).
"""))
c.entity("Northway Rail", "ORG", "rail operator")
c.entity("Asha Venkat", "PERSON", "chair of the Wyndham Line Users’ Association")
c.entity("Colin Tebbit", "PERSON", "managing director of Northway Rail")
c.add("indirect", "Northway Rail", "the operator", "confirmed",
      "it would cut 40 services a week because of a shortage of drivers",
      "Passengers on the Wyndham")
c.add("mixed", "Northway Rail", "Northway Rail", "said in a statement",
      "that the changes were ‘regrettable but necessary’ and that it expected to restore the full timetable by the end of the year",
      "Northway Rail said")
c.add("direct", "Asha Venkat", "Asha Venkat, chair of the Wyndham Line Users’ Association", "said",
      ["‘They’ve known about the driver shortage for two years and done nothing about it,’",
       "‘Now it’s the passengers’ problem.’"],
      "Commuter groups")
c.add("indirect", "Asha Venkat", "Venkat", "said",
      "many of the group’s members worked shifts in hospitals and care homes and relied on the last trains home",
      "Venkat said many")
c.add("indirect", "Colin Tebbit", "The operator’s managing director, Colin Tebbit,", "told",
      "that 60 trainee drivers would qualify by October", "The operator’s managing")
c.add("direct", "Colin Tebbit", "he", "said",
      ["‘I understand people’s frustration, and I share it,’",
       "‘But I won’t run a timetable I can’t staff.’"],
      "The operator’s managing")

# 5 ---------------------------------------------------------------------------------
c = case(Case("guillemets", """\
Valdonne dairy cooperative rejects takeover bid
LAUSANNE — Members of the Valdonne dairy cooperative voted overwhelmingly on Saturday to reject a takeover offer from the Geneva-based food group Alpimex, ending months of speculation about the future of one of the last independent cheesemakers in the Jura foothills.
«We were offered a good price, but not a good future,» said Mathilde Roussel, who chairs the cooperative’s board. «Our farmers want to decide for themselves what happens to their milk.»
Of the 212 members present, 171 voted against the offer, according to the cooperative.
Alpimex said in a statement that it regretted the decision but remained «open to any form of partnership» with the region’s producers.
Speaking in French to a local radio station, farmer Luc Berthoud, whose family has supplied the cooperative since 1958, was blunter. «\u00a0Ils voulaient notre nom sur leurs étiquettes, pas nos vaches\u00a0», he said.
Roussel said the cooperative would now invest 4 million Swiss francs in a new ripening cellar.
«The vote tonight is not the end of the conversation,» she said, «but it is the end of this offer.»
""", notes="""
Guillemets as quotation marks: «…» around English speech (comma inside the closing mark,
«…,» said X), a guillemet fragment inside reported speech (mixed), a French quote in
French typography with no-break spaces inside the marks and the comma after the closing
mark («\\u00a0…\\u00a0», he said: the content ends at »), and a quote split around the cue
(«…,» she said, «…»). Sourcing with "according to" a company. quote_kinds.py does not
know guillemets, so the kinds here are given explicitly.
"""))
c.entity("Mathilde Roussel", "PERSON", "chair of the cooperative’s board")
c.entity("Valdonne dairy cooperative", "ORG", "dairy cooperative")
c.entity("Alpimex", "ORG", "food group")
c.entity("Luc Berthoud", "PERSON", "farmer")
c.add("direct", "Mathilde Roussel", "Mathilde Roussel, who chairs the cooperative’s board", "said",
      ["«We were offered a good price, but not a good future,»",
       "«Our farmers want to decide for themselves what happens to their milk.»"],
      "«We were offered")
c.add("indirect", "Valdonne dairy cooperative", "the cooperative", "according to",
      "Of the 212 members present, 171 voted against the offer", "Of the 212")
c.add("mixed", "Alpimex", "Alpimex", "said in a statement",
      "that it regretted the decision but remained «open to any form of partnership» with the region’s producers",
      "Alpimex said in")
c.add("direct", "Luc Berthoud", "he", "said",
      "«\u00a0Ils voulaient notre nom sur leurs étiquettes, pas nos vaches\u00a0»",
      "Speaking in French")
c.add("indirect", "Mathilde Roussel", "Roussel", "said",
      "the cooperative would now invest 4 million Swiss francs in a new ripening cellar",
      "Roussel said the")
c.add("direct", "Mathilde Roussel", "she", "said",
      ["«The vote tonight is not the end of the conversation,»",
       "«but it is the end of this offer.»"],
      "«The vote tonight")

# 6 ---------------------------------------------------------------------------------
c = case(Case("split_quotes", """\
Striker Okafor signs three-year deal with Halden Rovers
HALDEN — Halden Rovers completed the signing of striker Emeka Okafor on Thursday, ending a transfer saga that had dragged on for most of the summer.
“It took longer than anyone wanted,” Okafor said. “But I’m here now, and that’s all that matters.”
The 24-year-old, who scored 19 goals last season, joins on a three-year contract for an undisclosed fee.
“He gives us something we haven’t had for a long time,” said manager Ingrid Solberg, “a forward who makes defenders nervous.”
Solberg said the club had first asked about Okafor in January.
“We asked three times and got nowhere,” she said. “The fourth time, we brought his mother a cake.”
Okafor, who will wear the No. 9 shirt, smiled when the size of the fee came up. “Pressure is for people who don’t like scoring,” he said, “and I love scoring.”
Rovers open their season at home against Brinmoor Athletic on Aug. 9.
""", notes="""
Quotes split around their cue, each ONE attribution with two content pieces: “A,” X said.
“B.” (two sentences); “A,” said X, “B.” (one sentence, inverted cue); “A,” he said, “B.”
(lower-case continuation). Each piece keeps its marks and inner punctuation. The
paragraph "Okafor, who will wear the No. 9 shirt, smiled … “…,” he said" resolves he to
Okafor, not to the manager.
"""))
c.entity("Emeka Okafor", "PERSON", "striker")
c.entity("Ingrid Solberg", "PERSON", "manager of Halden Rovers")
c.add("direct", "Emeka Okafor", "Okafor", "said",
      ["“It took longer than anyone wanted,”", "“But I’m here now, and that’s all that matters.”"],
      "“It took longer")
c.add("direct", "Ingrid Solberg", "manager Ingrid Solberg", "said",
      ["“He gives us something we haven’t had for a long time,”",
       "“a forward who makes defenders nervous.”"],
      "“He gives us")
c.add("indirect", "Ingrid Solberg", "Solberg", "said",
      "the club had first asked about Okafor in January", "Solberg said the club")
c.add("direct", "Ingrid Solberg", "she", "said",
      ["“We asked three times and got nowhere,”",
       "“The fourth time, we brought his mother a cake.”"],
      "“We asked three")
c.add("direct", "Emeka Okafor", "he", ("said", 0),
      ["“Pressure is for people who don’t like scoring,”", "“and I love scoring.”"], "“Pressure is")

# 7 ---------------------------------------------------------------------------------
c = case(Case("multi_paragraph_quote", """\
Retired judge recalls the night the Marden dam failed
MARDEN — Fifty years after the Marden dam gave way and sent a wall of water through the valley below, retired judge Eleanor Vance still remembers the sound.
Vance, then a 19-year-old law student home for the summer, was among the first volunteers to reach the flooded village of Lower Marden. At a memorial service on Sunday, she said:
“The church bell was ringing, and nobody was pulling the rope. The water was moving it.
“We spent the whole night carrying people up to the school on the hill. Old Mr. Hadley refused to leave without his dog, so we carried the dog too.
“I have sat through a great many trials since then, and I have never again felt as useful, or as helpless, as I did that night.”
Seventeen people died in the flood, which led to the creation of the state’s first dam safety office.
Vance’s nephew, Paul Vance, who organised the service, said the family had rarely heard her speak about the flood.
“She told us it was time,” he said.
Earl Dunning, 84, who lost his parents and a sister that night, also spoke. “I was nine,” Dunning said. “I remember my father lifting me onto the roof of the barn. I don’t remember anything after that.
“For years I didn’t talk about it. My wife found out from a newspaper.”
""", notes="""
Quotes running over several paragraphs, news style: each paragraph opens with “ and only
the last one closes. One attribution, one content piece per paragraph (a piece never
crosses a line break; the unclosed pieces end at the end of their line). The first is
introduced by a colon cue in the paragraph before (she said:); the second starts as a
split quote (“I was nine,” Dunning said. “I remember …) and continues into the next
paragraph, so it has three pieces. A reported attribution inside a quote (“She told us it
was time,” he said) is nested with via and is indirect, since the nephew paraphrases her.
Two people named Vance: the surname alone means Eleanor; the nephew is Paul Vance.
"""))
c.entity("Eleanor Vance", "PERSON", "retired judge")
c.entity("Paul Vance", "PERSON", "nephew of Eleanor Vance")
c.entity("Earl Dunning", "PERSON", "flood survivor")
c.add("direct", "Eleanor Vance", "she", "said",
      ["“The church bell was ringing, and nobody was pulling the rope. The water was moving it.",
       "“We spent the whole night carrying people up to the school on the hill. Old Mr. Hadley refused to leave without his dog, so we carried the dog too.",
       "“I have sat through a great many trials since then, and I have never again felt as useful, or as helpless, as I did that night.”"],
      "At a memorial service")
c.add("indirect", "Paul Vance", "Vance’s nephew, Paul Vance, who organised the service,", "said",
      "the family had rarely heard her speak about the flood", "Vance’s nephew")
outer = c.add("direct", "Paul Vance", "he", "said", "“She told us it was time,”", "“She told us")
c.add("indirect", "Eleanor Vance", "She", "told", "it was time", "“She told us", via=outer)
c.add("direct", "Earl Dunning", "Dunning", "said",
      ["“I was nine,”",
       "“I remember my father lifting me onto the roof of the barn. I don’t remember anything after that.",
       "“For years I didn’t talk about it. My wife found out from a newspaper.”"],
      "“I was nine")

# 8 ---------------------------------------------------------------------------------
c = case(Case("inverted_and_colon", """\
Riverton faces $4.2 million shortfall as pension costs climb
RIVERTON — Riverton must close a $4.2 million budget gap before July, the city’s treasurer told the council’s finance committee on Monday, as rising pension contributions eat into a budget already squeezed by two years of flat tax revenue.
“We are not talking about trimming around the edges anymore,” said Maria Lopez, the city’s treasurer. “Every department is going to feel this.”
Lopez presented three options to the committee: a hiring freeze, a 4% cut across all departments, or a temporary increase in the property tax rate.
Committee chairman Raymond Oduya said: “Nobody on this committee ran for office to raise taxes. But nobody ran for office to close a fire station either.”
Lopez was blunt about the first option: “The hiring freeze alone will not get us there.”
Any cuts would fall partly on the fire department, which has 61 firefighters and has not hired since 2019. “We have been running short-handed for five years,” said Capt. Dwayne Tillery, the president of the firefighters’ union.
A public hearing on the budget is scheduled for April 3, said city clerk Joan Whitaker.
""", notes="""
Inverted cues (said Maria Lopez, the city’s treasurer: the source includes the
appositive; said Capt. Dwayne Tillery, the president of …, with an abbreviated title;
the lead's "told the council’s finance committee" has the cue told; indirect content before
an inverted cue: …, said city clerk Joan Whitaker) and colon-introduced quotes: X said:
“…” (cue said) and a verbless colon (Lopez was blunt: “…”), where the cue is the colon
itself. The lead’s source is a role (the city’s treasurer) that resolves forward to Maria
Lopez. The colon in "three options to the committee: …" is not a quote.
"""))
c.entity("Maria Lopez", "PERSON", "city treasurer of Riverton")
c.entity("Raymond Oduya", "PERSON", "chairman of the finance committee")
c.entity("Dwayne Tillery", "PERSON", "Captain, president of the firefighters’ union")
c.entity("Joan Whitaker", "PERSON", "city clerk")
c.add("indirect", "Maria Lopez", "the city’s treasurer", "told",
      "Riverton must close a $4.2 million budget gap before July", "RIVERTON —")
c.add("direct", "Maria Lopez", "Maria Lopez, the city’s treasurer", "said",
      ["“We are not talking about trimming around the edges anymore,”",
       "“Every department is going to feel this.”"],
      "“We are not talking")
c.add("direct", "Raymond Oduya", "Committee chairman Raymond Oduya", "said",
      "“Nobody on this committee ran for office to raise taxes. But nobody ran for office to close a fire station either.”",
      "Committee chairman")
c.add("direct", "Maria Lopez", ("Lopez", 0), ":",
      "“The hiring freeze alone will not get us there.”", "Lopez was blunt")
c.add("direct", "Dwayne Tillery", "Capt. Dwayne Tillery, the president of the firefighters’ union", "said",
      "“We have been running short-handed for five years,”", "“We have been running")
c.add("indirect", "Joan Whitaker", "city clerk Joan Whitaker", "said",
      "A public hearing on the budget is scheduled for April 3", "A public hearing")

# 9 ---------------------------------------------------------------------------------
c = case(Case("cue_phrases", """\
Harwick Foods to close Millbrook bakery plant, cutting 230 jobs
MILLBROOK — Harwick Foods will close its bread plant in Millbrook by the end of March, eliminating about 230 jobs, the company announced on Wednesday.
Chief executive Sandra Whitlock told reporters on a conference call that the plant’s ovens were more than 40 years old and that replacing them would cost more than the site could earn back.
Union organizer Benny Castro was quoted as telling the Millbrook Courier that workers had learned of the closure “from a press release, not from their managers.”
Millbrook Mayor Judith Anand wrote on X that she had spoken with Whitlock about jobs at the company’s other plants.
“This is a hard day for a lot of families,” Anand wrote. “The city will do everything it can to help.”
In a letter to employees, plant manager Kevin Marsh wrote that he was “deeply sorry” that the plant’s 68-year run was ending this way.
The company said in a statement that affected workers would receive severance pay and help finding new jobs.
""", notes="""
Cue phrases beyond "said": announced (content before the cue), told reporters (cue
told: neither the addressee nor "on a conference call" is part of it), was quoted as
telling (the addressee is not part of this multi-word cue), wrote on X (cue wrote on X), wrote for a
direct quote, wrote in a letter, said in a statement. Indirect content keeps its "that";
a content with two coordinated that-clauses is one attribution.
"""))
c.entity("Harwick Foods", "ORG", "food company")
c.entity("Sandra Whitlock", "PERSON", "Chief executive of Harwick Foods")
c.entity("Benny Castro", "PERSON", "Union organizer")
c.entity("Judith Anand", "PERSON", "Mayor of Millbrook")
c.entity("Kevin Marsh", "PERSON", "plant manager")
c.add("indirect", "Harwick Foods", "the company", "announced",
      "Harwick Foods will close its bread plant in Millbrook by the end of March, eliminating about 230 jobs",
      "MILLBROOK —")
c.add("indirect", "Sandra Whitlock", "Chief executive Sandra Whitlock", "told",
      "that the plant’s ovens were more than 40 years old and that replacing them would cost more than the site could earn back",
      "Chief executive")
c.add("mixed", "Benny Castro", "Union organizer Benny Castro", "was quoted as telling",
      "that workers had learned of the closure “from a press release, not from their managers.”",
      "Union organizer")
c.add("indirect", "Judith Anand", "Millbrook Mayor Judith Anand", "wrote on X",
      "that she had spoken with Whitlock about jobs at the company’s other plants",
      "Millbrook Mayor")
c.add("direct", "Judith Anand", "Anand", "wrote",
      ["“This is a hard day for a lot of families,”",
       "“The city will do everything it can to help.”"],
      "“This is a hard day")
c.add("mixed", "Kevin Marsh", "plant manager Kevin Marsh", "wrote",
      "that he was “deeply sorry” that the plant’s 68-year run was ending this way", "In a letter")
c.add("indirect", "Harwick Foods", "The company", "said in a statement",
      "that affected workers would receive severance pay and help finding new jobs",
      "The company said")

# 10 --------------------------------------------------------------------------------
c = case(Case("sourcing_nested", """\
Regional hospitals programme falls 18 months behind schedule
The government’s plan to build three regional hospitals has fallen at least 18 months behind schedule, the Ashford Gazette reported on Thursday.
According to the Gazette, Health Minister Anna Morrow told colleagues at a private meeting last month that the main building contracts would not be signed before the end of the year.
The Northern Herald reported on Friday that two of the three construction consortiums had warned the department they might withdraw from the bidding because of rising steel and labour costs.
According to the Herald, a senior department official said privately that the programme was “a slow-motion car crash.”
Channel 9 News reported that Morrow’s office had known about the delays since March. The Department of Health denied that the minister knew of any delay before September.
In a brief statement, the department said the programme “remains on track for delivery within this parliamentary term.”
Opposition health spokesman Declan Fitch said the minister had “lost control of her own flagship policy.”
According to Fitch, at least one of the three hospital sites has yet to receive planning approval.
""", notes="""
Sourcing and nesting. Outlets as sources (the Ashford Gazette reported, The Northern
Herald reported that, Channel 9 News reported that, According to the Gazette / the
Herald) and a person (According to Fitch). "According to X, Y said that Z": X's content
is the rest of the sentence (Y said that Z) and Y's attribution has via = X's id; the
same for an anonymous official reported by the Herald and for consortiums (speaker null).
Short names (the Gazette, the Herald, the department) resolve to the full ones.
"""))
c.entity("Ashford Gazette", "ORG", "newspaper", mentions=["the Ashford Gazette", "the Gazette"])
c.entity("Anna Morrow", "PERSON", "Health Minister",
         mentions=["Health Minister Anna Morrow",
                   "[Morrow]’s office",
                   "the minister",
                   ("the minister", 1),
                   "[her] own"])
c.entity("Northern Herald", "ORG", "newspaper", mentions=["The Northern Herald", "the Herald"])
c.entity("Channel 9 News", "ORG", "broadcaster", mentions=["Channel 9 News"])
c.entity("Department of Health", "ORG", "government department",
         mentions=["[the department] they", "The Department of Health", "[the department] said"])
c.entity("Declan Fitch", "PERSON", "Opposition health spokesman",
         mentions=["Opposition health spokesman Declan Fitch", "According to [Fitch]"])
c.add("indirect", "Ashford Gazette", "the Ashford Gazette", "reported",
      "The government’s plan to build three regional hospitals has fallen at least 18 months behind schedule",
      "The government’s plan")
gaz = c.add("indirect", "Ashford Gazette", "the Gazette", "According to",
            "Health Minister Anna Morrow told colleagues at a private meeting last month that the main building contracts would not be signed before the end of the year",
            "According to the Gazette")
c.add("indirect", "Anna Morrow", "Health Minister Anna Morrow", "told",
      "that the main building contracts would not be signed before the end of the year",
      "According to the Gazette", via=gaz)
her = c.add("indirect", "Northern Herald", "The Northern Herald", "reported",
            "that two of the three construction consortiums had warned the department they might withdraw from the bidding because of rising steel and labour costs",
            "The Northern Herald")
c.add("indirect", None, "two of the three construction consortiums", "had warned",
      "they might withdraw from the bidding because of rising steel and labour costs",
      "The Northern Herald", via=her)
her2 = c.add("mixed", "Northern Herald", "the Herald", "According to",
             "a senior department official said privately that the programme was “a slow-motion car crash.”",
             "According to the Herald")
c.add("mixed", None, "a senior department official", "said",
      "that the programme was “a slow-motion car crash.”", "According to the Herald", via=her2)
c.add("indirect", "Channel 9 News", "Channel 9 News", "reported",
      "that Morrow’s office had known about the delays since March", "Channel 9 News")
c.add("indirect", "Department of Health", "The Department of Health", "denied",
      "that the minister knew of any delay before September", "The Department of Health")
c.add("mixed", "Department of Health", "the department", "said",
      "the programme “remains on track for delivery within this parliamentary term.”",
      "In a brief statement")
c.add("mixed", "Declan Fitch", "Opposition health spokesman Declan Fitch", "said",
      "the minister had “lost control of her own flagship policy.”", "Opposition health")
c.add("indirect", "Declan Fitch", "Fitch", "According to",
      "at least one of the three hospital sites has yet to receive planning approval",
      "According to Fitch")


# 11 --------------------------------------------------------------------------------
c = case(Case("speaker_resolution", """\
Osei defends bus fare rise in clash with opposition
Transport Minister Karen Osei on Tuesday defended a 12 percent rise in regional bus fares, telling a parliamentary committee that the increase was the only way to keep rural routes running.
“Nobody likes paying more for the same bus,” Osei said. “But the alternative is no bus at all for a lot of villages.”
The minister said the government had already cut 14 routes it could not justify subsidising and would not cut more “while I am in this job.”
Across the committee table, opposition transport spokesman Martin Kessler said she had broken a promise made before last year’s election.
“She stood in this building and told us fares would be frozen,” he said. “Now she wants us to pretend that never happened.”
Kessler, a former bus driver, said he would ask the committee to open an inquiry into how the rise was calculated.
Osei, who is also under scrutiny over a separate rail contract dispute, denied misleading voters. The embattled minister said the promise had been made “before fuel costs doubled.”
“I made that promise in good faith,” she continued. “The world changed, and the budget had to change with it.”
""", notes="""
Speaker resolution: one woman (Transport Minister Karen Osei, Osei, The minister, The
embattled minister, she) and one man (opposition transport spokesman Martin Kessler,
Kessler, he) in alternating paragraphs, so he/she pronoun sources are checkable; titles
and roles are kept out of the speaker name (Karen Osei, not Transport Minister Karen
Osei). A participial cue (telling a parliamentary committee that …: cue telling),
"she continued", sources with an appositive or a relative clause (Kessler, a former bus
driver,; Osei, who is also under scrutiny …,), and a nested report inside Kessler’s
quote (She … told us fares would be frozen: cue told, via, indirect, speaker Karen Osei). Entities list every mention (names, nominals, third-person
pronouns and possessives; not first-person pronouns inside quotes).
"""))
c.entity("Karen Osei", "PERSON", "Transport Minister",
         mentions=["[Osei] defends",
                   "Transport Minister Karen Osei",
                   "[Osei] said",
                   "[The minister] said",
                   "[she] had broken",
                   "[She] stood",
                   "[she] wants",
                   "[Osei], who",
                   "The embattled minister",
                   "[she] continued"])
c.entity("Martin Kessler", "PERSON", "opposition transport spokesman",
         mentions=["opposition transport spokesman Martin Kessler",
                   "[he] said",
                   "[Kessler], a former",
                   "[he] would ask"])
c.add("indirect", "Karen Osei", "Transport Minister Karen Osei",
      "telling",
      "that the increase was the only way to keep rural routes running",
      "Transport Minister Karen Osei")
c.add("direct", "Karen Osei", "Osei", "said",
      ["“Nobody likes paying more for the same bus,”",
       "“But the alternative is no bus at all for a lot of villages.”"],
      "“Nobody likes")
c.add("mixed", "Karen Osei", "The minister", "said",
      "the government had already cut 14 routes it could not justify subsidising and would not cut more “while I am in this job.”",
      "The minister said")
c.add("indirect", "Martin Kessler", "opposition transport spokesman Martin Kessler", "said",
      "she had broken a promise made before last year’s election", "Across the committee")
outer = c.add("direct", "Martin Kessler", "he", "said",
              ["“She stood in this building and told us fares would be frozen,”",
               "“Now she wants us to pretend that never happened.”"],
              "“She stood")
c.add("indirect", "Karen Osei", "She", "told", "fares would be frozen", "“She stood", via=outer)
c.add("indirect", "Martin Kessler", "Kessler, a former bus driver,", "said",
      "he would ask the committee to open an inquiry into how the rise was calculated",
      "Kessler, a former")
c.add("indirect", "Karen Osei", "Osei, who is also under scrutiny over a separate rail contract dispute,", "denied", "misleading voters", "Osei, who is")
c.add("mixed", "Karen Osei", "The embattled minister", "said",
      "the promise had been made “before fuel costs doubled.”", "The embattled")
c.add("direct", "Karen Osei", "she", "continued",
      ["“I made that promise in good faith,”",
       "“The world changed, and the budget had to change with it.”"],
      "“I made that")

# 12 --------------------------------------------------------------------------------
c = case(Case("anonymous_sources", """\
Ceasefire talks stall over prisoner exchange
GENEVA — Talks aimed at ending the border conflict between Arvenia and Dostrava stalled on Thursday after the two delegations failed to agree on the timing of a prisoner exchange, officials said.
Arvenian Foreign Minister Lidia Marek left the talks early to return to the capital, Veloz. A spokesperson for her department said the minister had “urgent domestic obligations” and would return next week.
Sources familiar with the talks said the Dostravan delegation had insisted that all prisoners be released in a single exchange.
Arvenia favours a phased release over three months, two diplomats told the Geneva Tribune.
Dostrava’s chief negotiator, Anton Reiss, did not respond to requests for comment. A Dostravan government official, speaking on condition of anonymity because he was not authorised to discuss the negotiations, said Reiss had “full authority” to conclude a deal.
“We are closer than we were a month ago, but not close enough,” said a Western diplomat at the talks.
The United Nations envoy, Miriam Solis, is expected to brief the Security Council on Monday. Her office said only that “contacts continue.”
""", notes="""
Anonymous sources get speaker null and are never glued to the nearest name: officials
said; A spokesperson for her department (not Lidia Marek); Sources familiar with the talks;
two diplomats told the Geneva Tribune (not the Tribune; cue told); A Dostravan government
official, …, said Reiss had … (not Anton Reiss, and the "he" in the aside is the official;
the participial aside "speaking on condition of anonymity …" is not part of the source); a
Western diplomat; Her office (not Miriam Solis). An unnamed delegation reported by
anonymous sources is nested (via) with speaker null.
"""))
c.add("indirect", None, "officials", "said",
      "Talks aimed at ending the border conflict between Arvenia and Dostrava stalled on Thursday after the two delegations failed to agree on the timing of a prisoner exchange",
      "GENEVA —")
c.add("mixed", None, "A spokesperson for her department", "said",
      "the minister had “urgent domestic obligations” and would return next week", "A spokesperson")
src = c.add("indirect", None, "Sources familiar with the talks", "said",
            "the Dostravan delegation had insisted that all prisoners be released in a single exchange",
            "Sources familiar")
c.add("indirect", None, "the Dostravan delegation", "had insisted",
      "that all prisoners be released in a single exchange", "Sources familiar", via=src)
c.add("indirect", None, "two diplomats", "told",
      "Arvenia favours a phased release over three months", "Arvenia favours")
c.add("mixed", None, "A Dostravan government official", "said",
      "Reiss had “full authority” to conclude a deal", "A Dostravan government")
c.add("direct", None, "a Western diplomat at the talks", "said",
      "“We are closer than we were a month ago, but not close enough,”", "“We are closer")
c.add("mixed", None, "Her office", "said", "that “contacts continue.”", "Her office")

# 13 --------------------------------------------------------------------------------
c = case(Case("no_false_attributions", """\
‘The Water Came at Night’ wins top prize at Haldane film festival
HALDANE — “The Water Came at Night,” a documentary about the 2019 flood that swept through the city’s Brenner Street neighborhood, won the top prize at the Haldane Film Festival on Saturday.
The film follows four families through the months after the flood, including the so-called “paper weeks,” when residents waited for insurance assessors who often did not arrive.
Its title comes from a hand-painted sign that still hangs outside a laundromat on Brenner Street: “The water came at night. We came back in the morning.”
During the festival, volunteers sold T-shirts printed with the neighborhood’s unofficial motto, “Still Here,” to raise money for a community garden.
Director Nadia Fennimore, who grew up two streets from the river, accepted the award on behalf of the families.
“This belongs to the people who let us into their kitchens when they had nothing left,” Fennimore said.
“Patient, angry and deeply humane,” the festival jury wrote in its citation.
The documentary will be shown on public television in the spring as part of the “Hometown Stories” series.
""", notes="""
Quote marks that are not attributions: a film title in the headline (‘…’) and at the
start of the lead, followed by a comma and a noun phrase (“The Water Came at Night,” a
documentary …) so it looks like “…,” X said; a so-called scare quote with a comma inside
its marks (“paper weeks,” when …); a sign's wording after a colon, with no speaker; a
motto (“Still Here,”); a series title (“Hometown Stories”). Only two attributions are
real: Fennimore's quote and the jury's citation (an unnamed body: speaker null).
"""))
c.entity("Nadia Fennimore", "PERSON", "Director")
c.add("direct", "Nadia Fennimore", "Fennimore", "said",
      "“This belongs to the people who let us into their kitchens when they had nothing left,”",
      "“This belongs")
c.add("direct", None, "the festival jury", "wrote", "“Patient, angry and deeply humane,”",
      "“Patient, angry")

# 14 --------------------------------------------------------------------------------
c = case(Case("inline_subheadings", """\
Inside the fight to save the Corbel Street market
For 63 years, the covered market on Corbel Street has sold fish on Fridays, flowers on Saturdays and almost everything else in between. Next spring, its owner plans to turn it into apartments.
The plan, filed with the city in September, would keep the market’s brick facade but replace its 48 stalls with 120 flats and a ground-floor supermarket.
A market older than the street signs
The first traders arrived in 1961, when the city cleared a bomb-damaged warehouse and let fishmongers set up under a tarpaulin. The roof came later; the stalls came first.
“My grandmother sold eels here before there were walls,” said Tessa Moran, who now runs the same stall selling olives and cheese. “People think it’s a building. It’s a family.”
What the developer wants
Harlow Estates, which bought the site in 2021, says the market loses money every year and needs a new roof it cannot justify paying for.
“Nobody wants to be the company that closed the market,” said Owen Pritchard, Harlow’s development director. “But a market that can’t pay for its own roof isn’t going to survive anyway.”
Traders say the rent tells a different story
Moran said rents had risen by nearly 40 percent since Harlow took over, driving out a third of the stalls.
A public consultation closes on Nov. 30.
""", notes="""
Inline subheadings: short body lines without final punctuation (A market older than the
street signs; What the developer wants; Traders say the rent tells a different story) are
listed in headings (the headline, line one, is not). A subheading is not a sentence to
glue onto the next paragraph, and a quote right after one still gets its speaker. Like
the seed article's, the subheading that reports speech (Traders say …) is also an
attribution (anonymous: speaker null).
"""))
c.entity("Tessa Moran", "PERSON", "market trader")
c.entity("Harlow Estates", "ORG", "property developer")
c.entity("Owen Pritchard", "PERSON", "development director of Harlow Estates")
for line in (
    "A market older than the street signs",
    "What the developer wants",
    "Traders say the rent tells a different story",
):
    c.heading(line)
c.add("direct", "Tessa Moran", "Tessa Moran, who now runs the same stall selling olives and cheese", "said",
      ["“My grandmother sold eels here before there were walls,”",
       "“People think it’s a building. It’s a family.”"],
      "“My grandmother")
c.add("indirect", "Harlow Estates", "Harlow Estates, which bought the site in 2021,", "says",
      "the market loses money every year and needs a new roof it cannot justify paying for",
      "Harlow Estates, which")
c.add("direct", "Owen Pritchard", "Owen Pritchard, Harlow’s development director", "said",
      ["“Nobody wants to be the company that closed the market,”",
       "“But a market that can’t pay for its own roof isn’t going to survive anyway.”"],
      "“Nobody wants")
c.add("indirect", None, "Traders", "say", "the rent tells a different story",
      "Traders say the rent")
c.add("indirect", "Tessa Moran", "Moran", "said",
      "rents had risen by nearly 40 percent since Harlow took over, driving out a third of the stalls",
      "Moran said rents")

# 15 --------------------------------------------------------------------------------
c = case(Case("mojibake", """\
Saint-Rémy café owners fight early closing rule for terraces
SAINT-RÉMY — Café and bar owners in the old town of Saint-Rémy say new noise rules will force them to close their terraces at 10\u00a0p.m., two hours earlier than last summer.
“We’re not nightclubs. People come here to eat, have a glass of wine and talk,” said Hélène Duret, who owns the Café du Pont on the main square. “Now I have to send them home before dessert.”
The rules, approved by the town council last week, follow complaints from residents of the narrow streets around the square, where sound carries easily off the stone walls.\u00a0
Deputy mayor Frédéric Lamy said the council had received more than 200 noise complaints last year.
“I understand the café owners,” Lamy said. “But the people who live above those terraces also have a right to sleep.”
Duret said she and a dozen other owners had asked for a meeting with the mayor’s office.
""", notes="""
Double-encoded UTF-8 (mojibake), as scraped: every non-ASCII character appears as its
UTF-8 bytes read as Windows-1252: é as Ã©, É as Ã‰, è as Ã¨, “ as â€œ, ” as â€ plus
U+009D, ’ as â€™, — as â€”, and a no-break space as Â plus U+00A0 (inside "10 p.m."),
and a stray Â at the end of a paragraph. Offsets point into the mojibake text as given;
"repairs" lists each garbled stretch with the character it stands for (for the no-break
spaces only the Â is junk: fixed ""; the stray one is followed by an ordinary space,
as after whitespace clean-up). Speaker names are the repaired names (Hélène Duret).
Quote kinds are given explicitly: quote_kinds.py cannot see â€œ as a quotation mark.
""", mojibake=True))
c.text = c.text.replace("walls.Â\xa0\n", "walls.Â \n")  # a stray Â, as after whitespace clean-up
c.entity("Hélène Duret", "PERSON", "café owner")
c.entity("Frédéric Lamy", "PERSON", "Deputy mayor")
c.add("indirect", None, "Café and bar owners in the old town of Saint-Rémy", "say",
      "new noise rules will force them to close their terraces at 10\u00a0p.m., two hours earlier than last summer",
      "SAINT-RÉMY —")
c.add("direct", "Hélène Duret", "Hélène Duret, who owns the Café du Pont on the main square", "said",
      ["“We’re not nightclubs. People come here to eat, have a glass of wine and talk,”",
       "“Now I have to send them home before dessert.”"],
      "“We’re not")
c.add("indirect", "Frédéric Lamy", "Deputy mayor Frédéric Lamy", "said",
      "the council had received more than 200 noise complaints last year", "Deputy mayor")
c.add("direct", "Frédéric Lamy", "Lamy", "said",
      ["“I understand the café owners,”",
       "“But the people who live above those terraces also have a right to sleep.”"],
      "“I understand")
c.add("indirect", "Hélène Duret", "Duret", "said",
      "she and a dozen other owners had asked for a meeting with the mayor’s office",
      "Duret said she")

# 16 --------------------------------------------------------------------------------
c = case(Case("reported_speech", """\
Carrick Airport to seek second runway despite residents’ opposition
CARRICK — Carrick Airport Holdings announced on Monday that it would submit plans for a second runway by the end of the year.
Chief executive Graham Holt argued that the expansion would create 3,000 jobs and bring long-haul routes to the region for the first time.
Environmental groups warned that the runway would double the airport’s carbon emissions within a decade.
Holt insisted the company had listened to residents and would pay for noise insulation in 4,000 homes. He acknowledged, however, that some families would still face more flights over their homes.
Local campaign group Quiet Skies claimed the jobs figure was based on an outdated study commissioned by the airport itself.
Holt denied that the airport had paid for the study, but his claim that it was independently funded could not be verified on Monday.
Carrick County Council’s statement that no decision would be made before the planning inspectorate had reviewed the application did little to reassure campaigners.
Residents’ association chair Meera Lakhani believes the airport has already decided the outcome. She said the consultation had been “a box-ticking exercise.”
It was announced last month that the airport’s owners had agreed a new £400 million credit line.
""", notes="""
Reported speech with varied cues: announced, argued, warned, insisted (no "that"),
acknowledged (with "however" between cue and content), claimed, denied, believes (a
belief), noun cues (his claim that …, with the possessive "his" as source; Carrick County
Council’s statement that …, source without the ’s), one mixed quote, and a passive cue
with no source at all (It was announced … that …: source empty, speaker null).
"""))
c.entity("Carrick Airport Holdings", "ORG", "airport operator")
c.entity("Graham Holt", "PERSON", "Chief executive of Carrick Airport Holdings")
c.entity("Quiet Skies", "ORG", "campaign group")
c.entity("Carrick County Council", "ORG", "county council")
c.entity("Meera Lakhani", "PERSON", "Residents’ association chair")
c.add("indirect", "Carrick Airport Holdings", "Carrick Airport Holdings", "announced",
      "that it would submit plans for a second runway by the end of the year", "CARRICK —")
c.add("indirect", "Graham Holt", "Chief executive Graham Holt", "argued",
      "that the expansion would create 3,000 jobs and bring long-haul routes to the region for the first time",
      "Chief executive")
c.add("indirect", None, "Environmental groups", "warned",
      "that the runway would double the airport’s carbon emissions within a decade",
      "Environmental groups")
c.add("indirect", "Graham Holt", "Holt", "insisted",
      "the company had listened to residents and would pay for noise insulation in 4,000 homes",
      "Holt insisted")
c.add("indirect", "Graham Holt", "He", "acknowledged",
      "that some families would still face more flights over their homes", "He acknowledged")
c.add("indirect", "Quiet Skies", "Local campaign group Quiet Skies", "claimed",
      "the jobs figure was based on an outdated study commissioned by the airport itself",
      "Local campaign")
c.add("indirect", "Graham Holt", "Holt", "denied", "that the airport had paid for the study",
      "Holt denied")
c.add("indirect", "Graham Holt", "his", "claim", "that it was independently funded", "Holt denied")
c.add("indirect", "Carrick County Council", "Carrick County Council", "statement",
      "that no decision would be made before the planning inspectorate had reviewed the application",
      "Carrick County Council’s")
c.add("indirect", "Meera Lakhani", "Residents’ association chair Meera Lakhani", "believes",
      "the airport has already decided the outcome", "Residents’ association chair")
c.add("mixed", "Meera Lakhani", "She", "said",
      "the consultation had been “a box-ticking exercise.”", "She said the consultation")
c.add("indirect", None, None, "was announced",
      "that the airport’s owners had agreed a new £400 million credit line", "It was announced")

# 17 --------------------------------------------------------------------------------
# The bundled example: src/onrecord/examples/article.txt (what the README's first command runs on).
c = case(Case("bundled_example", """\
Kestrel Bay bridge to close for six weeks as cracks widen
KESTREL BAY — The only road bridge linking Kestrel Bay to the mainland will close for at least six weeks from Monday after cracks in two of its supports widened over the winter, the Coastal Courier reported.
According to the Courier, county engineer Ruth Anand told councillors on Thursday that the bridge was “safe for now, but not for much longer.”
“We are not going to wait for a piece of concrete to fall into the harbour before we act,” Anand said. “Six weeks of inconvenience is better than six months with no bridge at all.”
Mayor Colin Dray said the closure would hit the town’s businesses hardest, just as the tourist season begins. “People forget that for us, the bridge is not a view. It is the road to the hospital,” the mayor added.
Two councillors, who asked not to be named, said the repair bill could exceed £2 million.
A ferry and a lot of patience
During the closure, a passenger ferry will run every 20 minutes between the harbour and Port Linney. Older residents still remember the 2009 closure and the “ferry shuffle” of shopping bags carried down the harbour steps.
Sophie Carr, who runs a cafÃ© on the harbour front, said she expected to lose a third of her trade.Â “We survived 2009,” she said. “We will survive this, but it won’t be pretty.”
Dray said he would ask the county for a hardship fund for affected businesses.
""", notes="""
The bundled example article (src/onrecord/examples/article.txt), a bit of everything:
outlet sourcing with content before the cue (…, the Coastal Courier reported), According
to the Courier with a nested, mixed report (via), a split direct quote, indirect speech,
a nominal source (the mayor), pronoun sources (she), an anonymous source (Two
councillors: null, not the mayor), a scare quote (the “ferry shuffle”), an inline
subheading, and a little mojibake left in the text as given (cafÃ© and a stray Â before
a quote; see repairs).
"""))
c.entity("Coastal Courier", "ORG", "newspaper", mentions=["the Coastal Courier", "the Courier"])
c.entity("Ruth Anand", "PERSON", "county engineer",
         mentions=["county engineer Ruth Anand", "[Anand] said"])
c.entity("Colin Dray", "PERSON", "Mayor of Kestrel Bay",
         mentions=["Mayor Colin Dray", "[the mayor] added", "[Dray] said he", "[he] would ask"])
c.entity("Sophie Carr", "PERSON", "café owner",
         mentions=["Sophie Carr", "said [she] expected", "[her] trade", "[she] said"])
c.heading("A ferry and a lot of patience")
c.repairs = [{"span": c.span("caf[Ã©]"), "fixed": "é"}, {"span": c.span("trade.[Â]"), "fixed": ""}]
c.add("indirect", "Coastal Courier", "the Coastal Courier", "reported",
      "The only road bridge linking Kestrel Bay to the mainland will close for at least six weeks from Monday after cracks in two of its supports widened over the winter",
      "KESTREL BAY —")
cou = c.add("mixed", "Coastal Courier", "the Courier", "According to",
            "county engineer Ruth Anand told councillors on Thursday that the bridge was “safe for now, but not for much longer.”",
            "According to the Courier")
c.add("mixed", "Ruth Anand", "county engineer Ruth Anand", "told",
      "that the bridge was “safe for now, but not for much longer.”", "According to the Courier",
      via=cou)
c.add("direct", "Ruth Anand", "Anand", "said",
      ["“We are not going to wait for a piece of concrete to fall into the harbour before we act,”",
       "“Six weeks of inconvenience is better than six months with no bridge at all.”"],
      "“We are not going")
c.add("indirect", "Colin Dray", "Mayor Colin Dray", "said",
      "the closure would hit the town’s businesses hardest, just as the tourist season begins",
      "Mayor Colin Dray")
c.add("direct", "Colin Dray", "the mayor", "added",
      "“People forget that for us, the bridge is not a view. It is the road to the hospital,”",
      "Mayor Colin Dray")
c.add("indirect", None, "Two councillors, who asked not to be named,", "said", "the repair bill could exceed £2 million",
      "Two councillors")
c.add("indirect", "Sophie Carr", "Sophie Carr, who runs a cafÃ© on the harbour front,", "said", "she expected to lose a third of her trade",
      "Sophie Carr")
c.add("direct", "Sophie Carr", ("she", 1), ("said", 1),
      ["“We survived 2009,”", "“We will survive this, but it won’t be pretty.”"], "Sophie Carr")
c.add("indirect", "Colin Dray", "Dray", "said",
      "he would ask the county for a hardship fund for affected businesses", "Dray said he")
BUNDLED = c


# fmt: on


# =============================================================================== output


def outputs() -> dict[Path, str]:
    files: dict[Path, str] = {}
    for c in ALL:
        c.check()
        files[CASES / f"{c.id}.txt"] = c.text
        files[CASES / f"{c.id}.json"] = dump(c.record())
    files[EXAMPLE] = BUNDLED.text
    return files


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--check", action="store_true", help="only report out-of-date files")
    parser.add_argument("--show", action="store_true", help="print every span's text")
    args = parser.parse_args(argv)
    assert len({c.id for c in ALL}) == len(ALL)
    stale = []
    for path, content in outputs().items():
        old = path.read_text(encoding="utf-8") if path.exists() else None
        if old != content:
            stale.append(path)
            if not args.check:
                path.parent.mkdir(parents=True, exist_ok=True)
                path.write_text(content, encoding="utf-8", newline="\n")
    if args.show:
        print("\n\n".join(c.show() for c in ALL))
    verb = "out of date" if args.check else "written"
    for path in stale:
        print(f"{verb}: {path.relative_to(HERE.parents[1])}")
    print(f"{len(ALL)} cases, {sum(len(c.attributions) for c in ALL)} attributions")
    return 1 if args.check and stale else 0


if __name__ == "__main__":
    sys.exit(main())
