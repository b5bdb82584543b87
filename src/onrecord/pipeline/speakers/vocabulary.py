"""The words speaker resolution reads: pronouns, titles, person and organisation nouns,
documents, and the sources that never name anyone."""

from __future__ import annotations

NAME_TYPES = {"PERSON", "ORG", "GPE", "NORP"}


MALE = {"he", "him", "his", "himself"}


FEMALE = {"she", "her", "hers", "herself"}


THING = {"it", "its"}


PLURAL = {"they", "them", "their", "we", "us"}


FIRST_PERSON = {"i", "me", "my"}


MALE_TITLES = {"mr", "mr.", "sir", "lord", "king", "father", "brother"}


FEMALE_TITLES = {"mrs", "mrs.", "ms", "ms.", "miss", "madam", "lady", "queen", "dame", "sister"}


HONORIFICS = {"mr", "mrs", "ms", "miss", "dr", "sir", "dame", "lord", "lady"}


#: words NER sometimes keeps at the front of a PERSON name; they are the role
TITLES = HONORIFICS | set(
    "councillor councilor senator sen rep gov governor president mayor minister secretary "
    "judge justice gen general col capt lt sgt chief prof professor rev father bishop "
    "prime deputy vice chancellor ambassador commissioner inspector detective officer".split()
)


STOP = {"the", "mr", "mrs", "ms", "dr", "sen", "rep", "gov", "pres", "jr", "sr", "'s", "’s", "s"}


#: heads of definite nominals that name one person ("the beleaguered leader")
PERSON_NOUNS = frozenset(
    [
        "president",
        "leader",
        "minister",
        "secretary",
        "senator",
        "governor",
        "mayor",
        "candidate",
        "chairman",
        "chairwoman",
        "chair",
        "spokesman",
        "spokeswoman",
        "spokesperson",
        "director",
        "chief",
        "official",
        "ambassador",
        "king",
        "queen",
        "premier",
        "chancellor",
        "general",
        "commissioner",
        "judge",
        "prosecutor",
        "lawyer",
        "attorney",
        "founder",
        "ceo",
        "executive",
        "nominee",
        "congressman",
        "congresswoman",
        "representative",
        "lawmaker",
        "businessman",
        "actor",
        "singer",
        "star",
        "coach",
        "player",
        "captain",
        "treasurer",
        "councillor",
        "councilor",
        "officer",
        "sheriff",
        "detective",
        "economist",
        "analyst",
        "author",
        "writer",
        "reporter",
        "professor",
        "teacher",
    ]
)


#: person nouns a description is matched by only through a role the article gave someone
#: ("the striker" -> "Striker Ana Ruiz"), never by "the person named last": a victim or a
#: witness is often never named
ROLE_ONLY = frozenset(
    "lady wife husband mother father son daughter widow engineer manager owner resident "
    "student worker member veteran activist politician billionaire host anchor journalist "
    "columnist commentator correspondent editor publisher strategist adviser advisor aide "
    "consultant pollster researcher scientist expert surgeon physician nurse suspect victim "
    "witness defendant plaintiff investigator agent soldier athlete striker midfielder "
    "defender goalkeeper quarterback pitcher driver pilot entrepreneur investor banker "
    "farmer pastor priest rabbi imam bishop cardinal pope prince princess duke duchess "
    "royal monarch incumbent challenger frontrunner hopeful contender mogul man woman "
    "doctor".split()
)


#: person nouns that tell a woman or a man: "the 34-year-old mother" is a "she"
FEMALE_NOUNS = frozenset(
    "woman lady mother wife daughter widow sister girl actress queen princess duchess "
    "grandmother businesswoman congresswoman chairwoman spokeswoman".split()
)
MALE_NOUNS = frozenset(
    "man gentleman father husband son widower brother boy actor king prince duke "
    "grandfather businessman congressman chairman spokesman".split()
)


#: what a description says of someone named before: "the former first lady", "the
#: billionaire real estate mogul" (with an age: "the 34-year-old mother of three")
RETURNING = frozenset(
    "former retired onetime longtime veteran billionaire millionaire embattled beleaguered "
    "outgoing bespectacled".split()
)


#: sources that never name anyone: "someone at the meeting", "not everyone", generic "you"
INDEFINITE = frozenset(
    "someone somebody anyone anybody everyone everybody nobody none all some others many "
    "few several both each most one you those these".split()
)


RELATIVE = frozenset({"who", "which", "that", "whom"})


#: names a relative pronoun may stand for: "who" after a place is a misread clause
RELATIVE_TYPES = {
    "who": {"PERSON", "ORG"},
    "whom": {"PERSON", "ORG"},
    "which": {"ORG"},
    "that": {"ORG"},
}


PERSONAL = MALE | FEMALE | THING | PLURAL | FIRST_PERSON | RELATIVE | {"you", "whose"}


#: heads a name inside a phrase can modify without being its speaker
COMMON = frozenset({"NOUN", "NUM", "PRON", "DET", "ADJ"})


#: heads whose named modifier made them, and so speaks through them: "a New York Times
#: report" is the Times, "the Clinton campaign" the campaign of that name
MADE_BY = frozenset(
    "report poll survey study analysis ad advertisement video statement release memo letter "
    "website site editorial article story book data filing lawsuit complaint ruling tweet "
    "post email campaign team office administration government average tally count "
    "projection forecast estimate figure number review audit research index model spot "
    "commercial page account broadcast newsletter publication column piece document record "
    "transcript police brief database guidance guideline note message".split()
)


MODIFIER = frozenset({"poss", "compound", "nmod", "amod", "npadvmod"})


#: "the city of Phoenix" is Phoenix
PLACES = frozenset("city state town county country province village region island".split())


#: an organisation description's head noun -> the kind of organisation it describes
ORG_NOUNS = {
    **dict.fromkeys("paper newspaper magazine tabloid daily publication".split(), "news"),
    **dict.fromkeys("network channel broadcaster station".split(), "broadcast"),
    "outlet": "media",  # either
    **dict.fromkeys("agency bureau department ministry".split(), "agency"),
    **dict.fromkeys("commission committee council board panel".split(), "commission"),
    "bank": "bank",
    "court": "court",
    "campaign": "campaign",
    "party": "party",
    "union": "union",
    **dict.fromkeys("bloc alliance".split(), "alliance"),
    **dict.fromkeys("university college".split(), "university"),
    **dict.fromkeys("company firm corporation organization organisation".split(), "org"),
    **dict.fromkeys("club team league".split(), "sport"),
    **dict.fromkeys("government state".split(), "place"),
}


#: words in an organisation's name that tell its kind ("The Washington Post" is news)
ORG_NAME_WORDS = {
    # before "news": "NBC News" is a network, not "the paper"
    "broadcast": frozenset(
        "cnn bbc nbc abc cbs msnbc cnbc fox npr pbs c-span univision telemundo network "
        "channel tv television radio broadcasting broadcasters".split()
    ),
    "news": frozenset(
        "times post journal news tribune herald gazette telegraph guardian magazine daily "
        "chronicle inquirer observer economist politico globe press reuters bloomberg "
        "associated".split()
    ),
    "bank": frozenset("bank fed reserve".split()),
    # before "union": the European Union is a bloc, not a trade union
    "alliance": frozenset("nato alliance bloc asean opec mercosur european african".split()),
    "agency": frozenset(
        "department agency bureau ministry administration service office fbi cia".split()
    ),
    "commission": frozenset("commission committee council board panel".split()),
    "court": frozenset({"court"}),
    "union": frozenset(
        "union unions workers federation teamsters afl-cio association guild".split()
    ),
    "campaign": frozenset({"campaign"}),
    "party": frozenset("party democrats republicans gop labour tories".split()),
    "university": frozenset("university college institute school".split()),
    "sport": frozenset("club fc united team league".split()),
    "org": frozenset("inc corp co company corporation group ltd llc plc".split()),
}


#: documents whose maker speaks through them, by family: "the poll" after "a Bloomberg poll"
DOCUMENTS = {
    **dict.fromkeys("ad advertisement spot commercial video clip film documentary".split(), "ad"),
    # research: "The study found" after "a Reuters survey of voter lists"
    **dict.fromkeys(
        # spaCy's lemma of "data" is "datum"
        "poll survey report study analysis research review audit data datum".split(),
        "research",
    ),
    **dict.fromkeys("statement release memo letter email note message".split(), "statement"),
    **dict.fromkeys("lawsuit suit complaint filing ruling brief".split(), "filing"),
    **dict.fromkeys("article story editorial column piece website site".split(), "article"),
    # "Mariano wrote a memoir ... the book said"
    **dict.fromkeys("book memoir biography autobiography novel".split(), "book"),
}


#: verbs whose subject made their object: "the RNC released a clip"
MAKING = frozenset(
    "release publish issue launch air run post file conduct produce write unveil tweet "
    "share send commission sponsor create".split()
)


#: title abbreviations, spelt out for matching "the governor" to "Gov. Eric Holcomb"
ABBREVIATIONS = {
    "gov": "governor",
    "sen": "senator",
    "rep": "representative",
    "gen": "general",
    "lt": "lieutenant",
    "col": "colonel",
    "sgt": "sergeant",
    "capt": "captain",
    "atty": "attorney",
    "supt": "superintendent",
    "prof": "professor",
    "amb": "ambassador",
    "dr": "doctor",
    "pres": "president",
    "sec": "secretary",
    "cmdr": "commander",
}


FUNCTION_WORDS = frozenset("of and the for to on in at & de".split())


#: what someone's own words come out in: "his statement", "her book", "their website"
OWN_WORDS = frozenset(DOCUMENTS) | frozenset(
    "program show submission account response answer reply remarks comment comments words "
    "testimony speech campaign team office website twitter feed memoir interview".split()
)


POSSESSIVE = {"his": "he", "her": "she", "its": "it", "their": "they", "my": "i", "our": "we"}


#: what a person's own organisation is called, by the head that names it
GROUP_OF = {"campaign": "campaign", "team": "campaign", "administration": "administration"}


#: the plain word a description uses for an office a title names
ROLE_SYNONYMS = {
    "justice": "judge",
    "chairman": "chair",
    "chairwoman": "chair",
    "spokesman": "spokesperson",
    "spokeswoman": "spokesperson",
    "attorney": "lawyer",
    "congressman": "lawmaker",
    "congresswoman": "lawmaker",
    "senator": "lawmaker",
    "representative": "lawmaker",
    "ceo": "executive",
}


#: verbs a headline glues to a name ("Obama Says ...", "Clinton Slams ...")
HEADLINE_VERBS = frozenset(
    "says said tells warns urges calls slams blasts claims vows insists admits denies asks "
    "defends sees rips hits pushes praises touts responds answers reveals speaks talks "
    "accuses attacks backs rejects".split()
)
