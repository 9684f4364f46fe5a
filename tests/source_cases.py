"""Attribution sentences and the source each names, for the dashboard's most-cited sources.

Real sentences: the sample articles (``sample_articles/``) and the suggestion gold set's
articles (``tests/data/suggest/``), each tagged ``source`` there. The expected name is
the source as the sentence words it, tidied: a title (Dr., Mr.) and a role before a
name (board member, chief executive) dropped, a relative clause cut off. ``PRONOUN``
and ``UNNAMED`` stand for the two buckets (a pronoun is never a name)."""

from __future__ import annotations

PRONOUN = "<pronoun>"
UNNAMED = "<unnamed>"

# (where it is from, the sentence, the source it names)
SOURCE_CASES: list[tuple[str, str, str]] = [
    # according to NAME
    (
        "water-audit.md:6",
        "According to the state environmental agency, the action level is 15 parts per billion.",
        "the state environmental agency",
    ),
    (
        "artillery-pipeline.txt:1",
        "Russian forces have begun firing artillery shells shipped from North Korea along the southern front, according to "
        "Ukrainian military intelligence officials who spoke on Tuesday.",
        "Ukrainian military intelligence officials",
    ),
    (
        "port-labour-strike.txt:2",
        "About 1,100 workers joined the strike, according to the Harbour Workers' Federation.",
        "Harbour Workers' Federation",
    ),
    (
        "school-funding-audit.txt:4",
        "According to the report, 19 of the district's 42 schools received less money per pupil than the law requires.",
        "the report",
    ),
    ("pharma-recall.txt:5", "Stopping abruptly could raise the risk of stroke, according to cardiologists.", "cardiologists"),
    (
        "measles-outbreak.txt:4",
        "Vaccination rates in parts of the region have fallen below 80%, according to the health ministry.",
        "the health ministry",
    ),
    (
        "rocket-launch-failure.txt:10",
        "The satellites were insured, according to one of the customers, a Norwegian agricultural data firm.",
        "one of the customers",
    ),
    ("dashboard test corpus", "According to Reuters the deal is done.", "Reuters"),
    # NAME said; NAME, a ROLE, said; ROLE, NAME, said
    (
        "artillery-pipeline.txt:4",
        "Dr. Hanna Lee, a researcher at a policy institute in Seoul, said the pattern matched earlier transfers.",
        "Hanna Lee",
    ),
    (
        "port-strike.txt:6",
        "Mr. Jonas Berg, the association's chief negotiator, said talks could resume \u201cwithin hours\u201d if the union dropped its conditions.",
        "Jonas Berg",
    ),
    ("port-strike.txt:4", "The employers' association said the demand was \u201cunworkable.\u201d", "The employers' association"),
    ("water-audit.md:2", "The city's water department said the affected fountains were shut off in June.", "The city's water department"),
    (
        "water-audit.md:11",
        "A department spokesman said replacement work would begin in the fall, at a cost of roughly $6.2 million.",
        "A department spokesman",
    ),
    ("grid-outage.txt:5", "Engineers said the backup system should have isolated the fault.", "Engineers"),
    ("grid-outage.txt:11", "The regional health authority said no patients were harmed.", "The regional health authority"),
    (
        "port-strike.txt:2",
        "The union says the strike will last until the employers return to the table with a new offer on automation.",
        "The union",
    ),
    (
        "city-cyberattack.txt:4",
        "The city's information security chief, Oskar Hallberg, said the attackers had encrypted about 1,200 servers and workstations.",
        "Oskar Hallberg",
    ),
    (
        "mountain-landslide.txt:8",
        "The mayor, Lukas Brandner, said he had received no warning from the monitoring service.",
        "Lukas Brandner",
    ),
    ("drought-water-rationing.txt:14", "Its president, Joris Mertens, said yields could fall by half this season.", "Joris Mertens"),
    (
        "food-price-inflation.txt:10",
        "Sara Lindgren, an economist at the University of Aarberg, said higher energy and transport costs had not yet fully "
        "reached supermarket shelves.",
        "Sara Lindgren",
    ),
    ("school-meeting.txt:5", "Board chair Victor Lam said the savings would reach 1.2 million dollars a year.", "Victor Lam"),
    (
        "rocket-launch-failure.txt:5",
        "Orbital Forge chief executive Daniel Okafor said early data pointed to a failure in the first-stage engine's fuel pump.",
        "Daniel Okafor",
    ),
    (
        "court-ruling.txt:3",
        "Writing for the majority, Judge Anton Weiss said the ban was \u201cfar broader than any threat could justify.\u201d",
        "Anton Weiss",
    ),
    (
        "city-cyberattack.txt:11",
        "Security researchers who examined the group's site said it had posted what appeared to be scans of building permits.",
        "Security researchers",
    ),
    ("pharma-recall.txt:8", "Halden Labs said in a statement that it had acted \u201cout of an abundance of caution.\u201d", "Halden Labs"),
    (
        "data-breach.txt:1",
        "The online retailer Cartwell said on Friday that hackers had accessed the personal data of about 4.2 million customers.",
        "Cartwell",
    ),
    # ..., NAME said (after the statement)
    (
        "grid-outage.txt:1",
        "Millions of households across three provinces lost power for up to nine hours on Sunday after a cascade of failures at a "
        "regional substation, the national grid operator said.",
        "the national grid operator",
    ),
    ("river-flood.txt:4", "Two people died and at least 14 were taken to hospital, police said.", "police"),
    ("bridge-inspection.txt:22", "Logistics companies were not consulted before the ban was announced, the chamber said.", "the chamber"),
    ("city-cyberattack.txt:2", "The attack began early on Saturday, 14 June, city officials said.", "city officials"),
    ("mayor-interview.txt:4", "\u201cWe built too slowly, and we know it,\u201d Ruiz said.", "Ruiz"),
    # "...," said NAME; said ROLE NAME
    ("water-audit.md:9", "\u201cWe asked for the money two years ago,\u201d said board member Ana Ruiz.", "Ana Ruiz"),
    (
        "grid-outage.txt:9",
        "\u201cWe had no warning at all,\u201d said Maria Okafor, who runs a bakery in the provincial capital.",
        "Maria Okafor",
    ),
    (
        "rail-tunnel.html:10",
        "\u201cThe buses added an hour to my journey each way,\u201d said Petra Alm, a nurse from Vassby.",
        "Petra Alm",
    ),
    (
        "measles-outbreak.txt:7",
        "\u201cThis was entirely preventable,\u201d said Dr. Hannah Cole, who leads the county's public health team.",
        "Hannah Cole",
    ),
    ("school-meeting.txt:11", "\u201cNobody has answered the safety question,\u201d said teacher Raj Mehta.", "Raj Mehta"),
    (
        "city-cyberattack.txt:16",
        "\u201cWe knew we were exposed,\u201d said one council member, who asked not to be named.",
        "one council member",
    ),
    # NAME told, other verbs of saying
    (
        "border-clashes.txt:7",
        "\u201cWe hid in the basement all night with the children,\u201d a mother of three told Field Dispatch.",
        "a mother of three",
    ),
    ("data-breach.txt:5", "\u201cWe should have found this sooner,\u201d chief executive Maya Lind told investors in a call.", "Maya Lind"),
    ("mayor-interview.txt:11", "Developers told City Review that rising interest rates could delay many of those projects.", "Developers"),
    ("pharma-recall.txt:17", "The pharmacists' association warned that shortages could last for weeks.", "The pharmacists' association"),
    ("grid-outage.txt:13", "Critics argue the review will not be independent because its chair sits on the operator's board.", "Critics"),
    ("bridge-inspection.txt:18", "The mayor's office denied that any warning had been ignored.", "The mayor's office"),
    ("city-cyberattack.txt:24", "Investigators have not said.", "Investigators"),
    (
        "artillery-pipeline.txt:17",
        "One senior European diplomat described the situation as \u201ca slow squeeze\u201d on Ukraine's defenses.",
        "One senior European diplomat",
    ),
    # a spokesman for X
    (
        "artillery-pipeline.txt:11",
        "A spokesman for the U.S. Department of Defense declined to comment on intelligence matters.",
        "U.S. Department of Defense",
    ),
    # pronouns: never a name
    ("artillery-pipeline.txt:12", "He added that support for Ukraine \u201cremains firm.\u201d", PRONOUN),
    ("artillery-pipeline.txt:14", "He said the vote on new aid could come before the winter recess, though no date has been set.", PRONOUN),
    ("bridge-inspection.txt:12", "She said the city should have replaced the cables a decade ago.", PRONOUN),
    ("food-price-inflation.txt:19", "It said its profit margin had fallen to 2.2 percent last year.", PRONOUN),
    (
        "rocket-launch-failure.txt:6",
        "\u201cWe know roughly where to look, but it is too early to say what went wrong,\u201d he told reporters.",
        PRONOUN,
    ),
    ("pharma-recall.txt:15", "Several said they had run out of alternative brands within hours.", PRONOUN),
    # no attribution at all
    ("bridge-inspection.txt:10", "Independent engineers were less sure.", UNNAMED),
    (
        "artillery-pipeline.txt:18",
        "Western estimates put Russian artillery fire at about 10,000 rounds a day, compared with roughly 2,000 for Ukraine.",
        UNNAMED,
    ),
]
