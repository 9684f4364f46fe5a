"""Sentence-boundary cases: the Golden Rules' categories in our own words, and news text."""

from __future__ import annotations

# One case for each English Golden Rule category (written for newsmark): text, expected.
GOLDEN_RULE_CASES: list[tuple[str, list[str]]] = [
    ("Good morning, world. My name is Ada.", ["Good morning, world.", "My name is Ada."]),
    ("Where are the files? They are on the desk.", ["Where are the files?", "They are on the desk."]),
    ("Look out! The shelf is falling.", ["Look out!", "The shelf is falling."]),
    ("The report was written by Ana B. Costa.", ["The report was written by Ana B. Costa."]),
    ("See the chart on p. 12.", ["See the chart on p. 12."]),
    ("Were Tom and co. at the hearing?", ["Were Tom and co. at the hearing?"]),
    ("The firm merged with Hale, Price & Co. at midnight.", ["The firm merged with Hale, Price & Co. at midnight."]),
    ("Let's ask Tom and co. They were there.", ["Let's ask Tom and co.", "They were there."]),
    ("The firm merged with Hale, Price & Co. It closed on Friday.", ["The firm merged with Hale, Price & Co.", "It closed on Friday."]),
    ("You can see Mt. Rainier from the ridge.", ["You can see Mt. Rainier from the ridge."]),
    ("St. Mark's Hospital is on 3rd st. near the river.", ["St. Mark's Hospital is on 3rd st. near the river."]),
    ("That was JFK Jr.'s speech.", ["That was JFK Jr.'s speech."]),
    ("She moved to the U.S.A. last spring.", ["She moved to the U.S.A. last spring."]),
    ("They work in the E.U. Where do you work?", ["They work in the E.U.", "Where do you work?"]),
    ("They work in the U.S. Where do you work?", ["They work in the U.S.", "Where do you work?"]),
    ("He works for the U.S. Government in Ohio.", ["He works for the U.S. Government in Ohio."]),
    ("She has lived in the U.S. for 12 years.", ["She has lived in the U.S. for 12 years."]),
    ("He paid $250.00 for the ticket.", ["He paid $250.00 for the ticket."]),
    ("He paid $250.00. It was a bargain.", ["He paid $250.00.", "It was a bargain."]),
    (
        "She studies law (She previously trained as a nurse.) at the city college.",
        ["She studies law (She previously trained as a nurse.) at the city college."],
    ),
    ("Write to Sam.Lee@example.org. He answers quickly.", ["Write to Sam.Lee@example.org.", "He answers quickly."]),
    (
        "The page is: https://www.example.org/news/item_42.html. Please read it.",
        ["The page is: https://www.example.org/news/item_42.html.", "Please read it."],
    ),
    ("He looked up, 'This is odd.' he said.", ["He looked up, 'This is odd.' he said."]),
    ('He looked up, "This is odd." he said.', ['He looked up, "This is odd." he said.']),
    ('He looked up, "This is odd." He closed the file.', ['He looked up, "This is odd."', "He closed the file."]),
    ("Wow!! That was fast.", ["Wow!!", "That was fast."]),
    ("Really?? Who said so?", ["Really??", "Who said so?"]),
    ("Seriously!? Is it true?", ["Seriously!?", "Is it true?"]),
    ("Seriously?! Is it true?", ["Seriously?!", "Is it true?"]),
    ("1.) First point 2.) Second point", ["1.) First point", "2.) Second point"]),
    ("1.) First point. 2.) Second point.", ["1.) First point.", "2.) Second point."]),
    ("1) First point 2) Second point", ["1) First point", "2) Second point"]),
    ("1) First point. 2) Second point.", ["1) First point.", "2) Second point."]),
    ("1. First point 2. Second point", ["1. First point", "2. Second point"]),
    ("1. First point. 2. Second point.", ["1. First point.", "2. Second point."]),
    ("• 3. First point • 4. Second point", ["• 3. First point", "• 4. Second point"]),
    ("⁃3. First point ⁃4. Second point", ["⁃3. First point", "⁃4. Second point"]),
    ("a. First point b. Second point c. Third point", ["a. First point", "b. Second point", "c. Third point"]),
    ("It is stored at N°. 2201.118.40. That is the shelf.", ["It is stored at N°. 2201.118.40.", "That is the shelf."]),
    ("He worked at Yahoo! in the sales office.", ["He worked at Yahoo! in the sales office."]),
    (
        "We are a fine pair, you and I. Did you meet Ruth I. Marsh today?",
        ["We are a fine pair, you and I.", "Did you meet Ruth I. Marsh today?"],
    ),
    (
        "She argues that by slowing down, “the noise of the city will fade. . . .”",
        ["She argues that by slowing down, “the noise of the city will fade. . . .”"],
    ),
    ('"Bohr [...] described the stairs [...]" (Lee 12).', ['"Bohr [...] described the stairs [...]" (Lee 12).']),
    (
        "When words drop off at the end of a sentence, mark the gap with spaced dots and then end the sentence with a period . . . . Next one.",
        [
            "When words drop off at the end of a sentence, mark the gap with spaced dots and then end the sentence with a period . . . .",
            "Next one.",
        ],
    ),
    ("I never said that.... He walked out.", ["I never said that....", "He walked out."]),
    (
        "I wasn’t quite ... well, I mean...look . . . what I'm saying, the point is . . . I didn’t plan it.",
        ["I wasn’t quite ... well, I mean...look . . . what I'm saying, the point is . . . I didn’t plan it."],
    ),
    (
        "One old habit that faded . . . was that of joining words into long compounds. . . . The habit did not vanish. . . .",
        ["One old habit that faded . . . was that of joining words into long compounds.", ". . . The habit did not vanish. . . ."],
    ),
    # pysbd's one miss, fixed by newsmark: a fronted time phrase is no sentence of its own.
    (
        "At 6 a.m. Mr. Lee went to the bank. He left the bank at 7 P.M. Mr. Lee then went home.",
        ["At 6 a.m. Mr. Lee went to the bank.", "He left the bank at 7 P.M.", "Mr. Lee then went home."],
    ),
]

# News text where plain pysbd errs, and the neighbours our corrections must not break.
NEWS_CASES: list[tuple[str, list[str]]] = [
    ("The army received approx. 300,000 shells last year.", ["The army received approx. 300,000 shells last year."]),
    ("The talks start at 3 p.m. Eastern time on Monday.", ["The talks start at 3 p.m. Eastern time on Monday."]),
    ("The meeting ended at 3 p.m. Officials then left the building.", ["The meeting ended at 3 p.m.", "Officials then left the building."]),
    (
        "The plan has support from the U.S. The vote is expected next week.",
        ["The plan has support from the U.S.", "The vote is expected next week."],
    ),
    ("She was born in Washington, D.C. He moved to Ohio later.", ["She was born in Washington, D.C.", "He moved to Ohio later."]),
    ("The U.S. Department of Defense declined to comment.", ["The U.S. Department of Defense declined to comment."]),
    (
        "Russia fired more missiles. U.S. officials said the strikes failed.",
        ["Russia fired more missiles.", "U.S. officials said the strikes failed."],
    ),
    (
        "The New York Times (NYT) said 7,000 shells were fired on the 13th.",
        ["The New York Times (NYT) said 7,000 shells were fired on the 13th."],
    ),
    ("Dr. Kim met the envoy on Jan. 5 in Seoul.", ["Dr. Kim met the envoy on Jan. 5 in Seoul."]),
    ("Prices rose 3.5% in March. Wages did not.", ["Prices rose 3.5% in March.", "Wages did not."]),
    ("Some items, e.g. fuel, were delayed.", ["Some items, e.g. fuel, were delayed."]),
    ('"We will not stop," he said. "Never."', ['"We will not stop," he said.', '"Never."']),
    ('She called it "a disaster." The minister disagreed.', ['She called it "a disaster."', "The minister disagreed."]),
    ("Analysts were unsure... Others were not.", ["Analysts were unsure...", "Others were not."]),
    ("Costs reached ca. 40 million euros.", ["Costs reached ca. 40 million euros."]),
    ("Gen. Park said the unit was ready.", ["Gen. Park said the unit was ready."]),
    ("Aid to the U.K. In March it doubled.", ["Aid to the U.K.", "In March it doubled."]),
    ("They met at 9 a.m. GMT on Friday.", ["They met at 9 a.m. GMT on Friday."]),
    # From real news: fronted times, months and numbers before a figure, initials, ellipses in quotes.
    ("At 5 a.m. Gen. Park said the convoy had left.", ["At 5 a.m. Gen. Park said the convoy had left."]),
    ("The convoy left at 5 a.m. Gen. Park said it was on time.", ["The convoy left at 5 a.m.", "Gen. Park said it was on time."]),
    ("By 10:30 a.m. Tuesday the crowd had gone.", ["By 10:30 a.m. Tuesday the crowd had gone."]),
    ("The talks ended at 9 P.M. Officials left the hall.", ["The talks ended at 9 P.M.", "Officials left the hall."]),
    ("Since Jan. 2023 the U.N. has sent three missions.", ["Since Jan. 2023 the U.N. has sent three missions."]),
    (
        "Aid has flowed since Jan. 2023. The U.N. has sent three missions.",
        ["Aid has flowed since Jan. 2023.", "The U.N. has sent three missions."],
    ),
    ("No. 10 Downing St. said the talks would go on.", ["No. 10 Downing St. said the talks would go on."]),
    ("Fig. 3 shows the rise in prices.", ["Fig. 3 shows the rise in prices."]),
    ("The rise is shown in fig. 3. Prices then fell.", ["The rise is shown in fig. 3.", "Prices then fell."]),
    ("J. R. R. Tolkien wrote the book in Oxford.", ["J. R. R. Tolkien wrote the book in Oxford."]),
    ("The book was written by J. R. R. Tolkien in England.", ["The book was written by J. R. R. Tolkien in England."]),
    ('"We waited... and waited," she said.', ['"We waited... and waited," she said.']),
    ('"It is over..." He left the room.', ['"It is over..."', "He left the room."]),
    ("She said: “I don’t know... Maybe.” Then she left.", ["She said: “I don’t know... Maybe.”", "Then she left."]),
    # A list item's marker is no sentence of its own.
    ("⁃9. Safer cranes", ["⁃9. Safer cranes"]),
    ("• 3. Shorter shifts for crane crews", ["• 3. Shorter shifts for crane crews"]),
    ("b. Safer cranes", ["b. Safer cranes"]),
]
