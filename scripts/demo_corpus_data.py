"""The demo corpus as data: outlets, events and every article's text.

Everything here is invented: the outlets, countries, places, people, organisations
and quotes are fictional, and all text was written for storytrace's demo. Nothing
is taken from real news.

``scripts/build_demo_corpus.py`` reads this module and renders the HTML pages and
``manifest.json``. Pages come in four kinds:

* authored pages (``kind`` original / independent / rewrite) carry their own body,
  figures and quotes;
* copies (``kind`` copy) name a ``source`` page and a list of documented ``edits``
  that the builder applies to the source body, so the ground truth of "what was
  changed" is exactly what was done;
* partial pages mix their own paragraphs with ``{"from": file, "index": i}``
  placeholders for paragraphs pasted verbatim from another page;
* no-article pages (section index, consent wall, tag page) have no body at all.
"""

# Long texts are split over lines by implicit concatenation inside lists on purpose.

from __future__ import annotations

from typing import Any

# --- small constructors keep the data below readable -------------------------------


def fig(
    measure: str,
    value: float,
    text: str,
    qualifier: str | None = None,
    attribution: str | None = None,
    as_of: str | None = None,
) -> dict[str, Any]:
    """One figure as it is written in an article body."""
    return {
        "measure": measure,
        "value": value,
        "text": text,
        "qualifier": qualifier,
        "attribution": attribution,
        "as_of": as_of,
    }


def quote(speaker: str, text: str) -> dict[str, str]:
    """One direct quote, exactly as it appears in the body."""
    return {"speaker": speaker, "text": text}


def headline_swap() -> dict[str, Any]:
    return {"desc": "headline swap", "op": "none"}


def boilerplate_inserted() -> dict[str, Any]:
    return {"desc": "boilerplate inserted", "op": "none"}


def sub(desc: str, old: str, new: str, drop_attribution: str | list[str] | None = None) -> dict[str, Any]:
    """Replace ``old`` by ``new`` everywhere in the body (must match at least once).

    ``drop_attribution`` names the measure(s) whose source the edit removes, so the
    copy's figures lose their attribution in the manifest too.
    """
    if isinstance(drop_attribution, str):
        drop_attribution = [drop_attribution]
    return {"desc": desc, "op": "sub", "old": old, "new": new, "drop_attribution": drop_attribution or []}


def trim(n: int) -> dict[str, Any]:
    return {"desc": "trimmed ending", "op": "trim", "n": n}


def pasted(file: str, index: int) -> dict[str, Any]:
    return {"from": file, "index": index}


# --- measures (shared names let later stages compare figures across pages) ----------

KILLED_KALDAR = "people killed in Kaldar"
HOSTAGES = "hostages held by the Orun Front"
HOSTAGES_FREED = "hostages released or recovered"
AID_TRUCKS_WEEK = "aid trucks entering Kaldar in a week"
AID_TRUCKS_DAY = "aid trucks entering Kaldar per day"
PRISONERS = "Kaldari prisoners to be released in first phase"
QUAKE_KILLED = "people killed in Dravic earthquake"
QUAKE_HOMES = "homes damaged in Dravic earthquake"
QUAKE_INJURED = "people injured in Dravic earthquake"
QUAKE_MAGNITUDE = "Dravic earthquake magnitude"
QUAKE_DISPLACED = "people displaced by Dravic earthquake"
QUAKE_AFTERSHOCKS = "aftershocks after Dravic earthquake"
QUAKE_FUNDS = "emergency funds for Dravic region (crowns)"
BRASTA_COLLAPSED = "houses collapsed in Brasta"
GRANT_HOUSEHOLDS = "Dravic households that received strengthening grants"
RESCUE_TEAM = "Northgate rescuers sent to Dravic"
DONATIONS = "money raised by Cafe Rose collection (crowns)"
COURT_MAJORITY = "High Court judges in the majority"
SUBSCRIBERS = "subscribers covered by the retention law"
DEADLINE_MONTHS = "months given to pass a new retention law"
POLICE_INVESTIGATIONS = "police investigations using retained data last year"
FIRE_KILLED = "people killed in Brackwater factory fire"
FIRE_RESCUED = "workers rescued from Brackwater factory"
FIRE_HOSPITAL = "people in hospital after Brackwater factory fire"
FIRE_STAFF = "Brackwater Textiles employees at Millbrook site"
FIRE_VIOLATIONS = "fire safety violations found in 2024 inspection"
TURNOUT = "Eastbridge election turnout (%)"
PA_SEATS = "Progressive Alliance seats"
PPE_SEATS = "People's Party of Eastbridge seats"
POSTAL_VOTES = "postal votes received"
DUNMORE_MARGIN = "Dunmore West winning margin (votes)"
RAIL_CANCELLED = "Valemont train services cancelled"
RAIL_TIMETABLE = "share of normal timetable running (%)"
RAIL_DEMAND = "RTWU pay demand (%)"
RAIL_OFFER = "Arvenian Railways pay offer this year (%)"
RAIL_CANCELLED_TOTAL = "Valemont train services cancelled over two days"
RAIL_LOSSES = "city-centre retail losses during strike (crowns)"

# --- outlets ------------------------------------------------------------------------

OUTLETS: dict[str, dict[str, Any]] = {
    "meridian": {
        "name": "Meridian Wire",
        "domain": "www.meridianwire.com",
        "kind": "wire",
        "language": "en",
        "encoding": "utf-8",
        "json_ld": True,
        "template": "wire story page: mw-story article, dateline in lead, wire credit line",
    },
    "harbour": {
        "name": "The Harbour Chronicle",
        "domain": "www.harbourchronicle.com",
        "kind": "national",
        "language": "en",
        "encoding": "utf-8",
        "json_ld": True,
        "template": "story-body layout with cookie banner, breadcrumbs, mid-article ads and newsletter box",
    },
    "valemont": {
        "name": "Valemont Post",
        "domain": "www.valemontpost.com",
        "kind": "national",
        "language": "en",
        "encoding": "utf-8",
        "json_ld": False,
        "template": "vp-article layout with inline READ links, tag list and subscribe prompt; no JSON-LD",
    },
    "northgate": {
        "name": "Northgate Courier",
        "domain": "www.northgatecourier.net",
        "kind": "regional",
        "language": "en-GB",
        "encoding": "windows-1252",
        "json_ld": False,
        "template": "older table-free #maincol layout, windows-1252, banner ads and reader comments",
    },
    "lantern": {
        "name": "Daily Lantern",
        "domain": "www.dailylantern.co",
        "kind": "tabloid",
        "language": "en-GB",
        "encoding": "utf-8",
        "json_ld": True,
        "template": "tabloid layout with READ MORE links, picture credits, share bar and heavy ads",
    },
    "newspulse": {
        "name": "NewsPulse Hub",
        "domain": "newspulsehub.net",
        "kind": "content_farm",
        "language": "en-US",
        "encoding": "utf-8",
        "json_ld": True,
        "template": "WordPress entry-content theme with ad slots, scroll-to-continue and related posts",
    },
    "observer": {
        "name": "Eastbridge Observer",
        "domain": "eastbridgeobserver.org",
        "kind": "nonprofit",
        "language": "en",
        "encoding": "utf-8",
        "json_ld": True,
        "template": "nonprofit long-read layout with donation prompt, newsletter box and filed-under list",
    },
    "kbn": {
        "name": "KBN News",
        "domain": "www.kbn.news",
        "kind": "broadcaster",
        "language": "en",
        "encoding": "utf-8",
        "json_ld": False,
        "template": "broadcaster layout with video promo, breadcrumbs, share row and most-read rail",
    },
}

# --- events -------------------------------------------------------------------------

EVENTS: dict[str, dict[str, Any]] = {
    "kaldar-talks-2025": {
        "title": "Kaldar ceasefire talks in Port Aldane (2025 round)",
        "topic": "Kaldar ceasefire talks",
        "start": "2025-03-10",
        "end": "2025-03-14",
        "venue": "Port Aldane, Merovia",
        "mediators": ["Halvard Lind (Merovian foreign minister)"],
        "summary": (
            "Tessaly and the Orun Front hold five days of indirect talks in Port Aldane, mediated by "
            "Merovia. The talks stall over a Tessalian withdrawal and end without a truce; the Kaldar "
            "death toll rises from 33,207 to 33,512 during the week and hostage counts differ (251 vs 253)."
        ),
        "photo": (
            "Relatives of hostages hold photographs outside the Merovian foreign ministry in Port Aldane.",
            "Peter Hollis/Meridian Wire",
        ),
    },
    "kaldar-talks-2026": {
        "title": "Kaldar ceasefire talks in Vellmar (2026 round)",
        "topic": "Kaldar ceasefire talks",
        "start": "2026-03-16",
        "end": "2026-03-19",
        "venue": "Vellmar, Sunderhald",
        "mediators": [
            "Greta Ohlin (Sunderhald prime minister)",
            "Zoë Laurent-Ibáñez (Council of Nations envoy)",
        ],
        "summary": (
            "A year after Port Aldane, the parties meet face to face in Vellmar, co-chaired by Sunderhald "
            "and a Council of Nations envoy. An aid deal extends crossing hours and mediators present a "
            "written framework; the death toll rises from 50,900 to 51,140."
        ),
        "photo": ("Delegates arrive at Eskild Palace in Vellmar, Sunderhald.", "Karin Vik/Meridian Wire"),
    },
    "dravic-earthquake": {
        "title": "Magnitude 6.4 earthquake in Arvenia's Dravic Highlands",
        "topic": "earthquake",
        "start": "2025-09-03",
        "end": "2025-09-05",
        "venue": "Kessova, Dravic Highlands, Arvenia",
        "mediators": [],
        "summary": (
            "A pre-dawn magnitude 6.4 quake near Kessova kills as many as 25 people on the first day, "
            "a toll that rises to 31 as cut-off villages are reached; more than 1,200 homes damaged."
        ),
        "photo": ("Rescuers search the rubble of a collapsed house in Kessova.", "Dan Morcov/Meridian Wire"),
    },
    "high-court-retention-ruling": {
        "title": "High Court strikes down the Communications Retention Act",
        "topic": "court ruling",
        "start": "2025-06-18",
        "end": "2025-06-19",
        "venue": "High Court, Valemont",
        "mediators": [],
        "summary": (
            "Arvenia's High Court rules 5-2 that blanket retention of phone and internet records is "
            "unconstitutional and gives the government nine months to legislate."
        ),
        "photo": ("The High Court building in Valemont.", "Sara Holm/Meridian Wire"),
    },
    "northgate-factory-fire": {
        "title": "Fire at Brackwater Textiles factory in Northgate",
        "topic": "factory fire",
        "start": "2025-11-07",
        "end": "2025-11-09",
        "venue": "Millbrook, Northgate, Arvenia",
        "mediators": [],
        "summary": (
            "A night-shift fire at a textile factory kills 14, later 16; survivors describe a locked "
            "exit and a local paper reveals a 2024 inspection that found nine violations."
        ),
        "photo": (
            "Smoke rises from the Brackwater Textiles factory on Canal Road.",
            "Mark Dean/Northgate Courier",
        ),
    },
    "eastbridge-election-count": {
        "title": "Eastbridge provincial election count and Dunmore West recount",
        "topic": "election count",
        "start": "2026-05-11",
        "end": "2026-05-13",
        "venue": "Eastbridge province, Arvenia",
        "mediators": [],
        "summary": (
            "A slow count gives the opposition Progressive Alliance 43 of 80 seats; turnout 61.4%; a "
            "recount in Dunmore West cuts the winning margin from 112 to 97 votes."
        ),
        "photo": (
            "Ballot papers are counted at the Eastbridge Exhibition Centre.",
            "Ella Strand/Eastbridge Observer",
        ),
    },
    "valemont-rail-strike": {
        "title": "48-hour rail strike in the Valemont region",
        "topic": "transport strike",
        "start": "2026-01-20",
        "end": "2026-01-22",
        "venue": "Valemont, Arvenia",
        "mediators": [],
        "summary": (
            "Rail workers strike for two days over pay, cancelling around 1,400 services a day; talks "
            "on the third day lead the union to suspend further action."
        ),
        "photo": ("Cancelled services on the departure board at Valemont Central.", "Joel Park/KBN News"),
    },
}

# --- pages --------------------------------------------------------------------------
# File names: <outlet>-<date>-<slug>.html; order here is the order in the manifest.

P_TALKS25_OPEN = "meridianwire-2025-03-10-kaldar-talks-open.html"
P_TALKS25_HC = "harbourchronicle-2025-03-10-kaldar-talks-begin.html"
P_TALKS25_FAMILIES = "valemontpost-2025-03-11-hostage-families.html"
P_TALKS25_KBN = "kbn-2025-03-12-talks-day-three.html"
P_TALKS25_STALL = "meridianwire-2025-03-13-talks-stall.html"
P_TALKS25_LANTERN = "dailylantern-2025-03-13-peace-bid-stalls.html"
P_TALKS25_ANALYSIS = "eastbridgeobserver-2025-03-14-port-aldane-analysis.html"
P_TALKS26_OPEN = "meridianwire-2026-03-16-vellmar-talks-open.html"
P_TALKS26_VP = "valemontpost-2026-03-16-kaldar-talks-resume.html"
P_TALKS26_TABLE = "harbourchronicle-2026-03-17-eskild-palace-table.html"
P_TALKS26_AID = "kbn-2026-03-18-vellmar-aid-deal.html"
P_TALKS26_FRAMEWORK = "meridianwire-2026-03-19-kaldar-framework.html"
P_TALKS26_FARM = "newspulsehub-2026-03-19-kaldar-framework-revealed.html"
P_QUAKE = "meridianwire-2025-09-03-dravic-earthquake.html"
P_QUAKE_HC = "harbourchronicle-2025-09-03-dravic-earthquake.html"
P_QUAKE_VP = "valemontpost-2025-09-03-dravic-earthquake.html"
P_QUAKE_LANTERN = "dailylantern-2025-09-03-quake-terror.html"
P_QUAKE_FARM = "newspulsehub-2025-09-03-earthquake-kills-at-least-25.html"
P_QUAKE_BRASTA = "eastbridgeobserver-2025-09-04-brasta-stone-houses.html"
P_QUAKE_KBN = "kbn-2025-09-04-quake-toll-rises.html"
P_QUAKE_TOLL = "meridianwire-2025-09-04-quake-toll-31.html"
P_QUAKE_NORTHGATE = "northgatecourier-2025-09-05-rescuers-return.html"
P_COURT = "meridianwire-2025-06-18-high-court-retention.html"
P_COURT_VP = "valemontpost-2025-06-18-ruling-police-scramble.html"
P_COURT_HC = "harbourchronicle-2025-06-19-ruling-explained.html"
P_COURT_FARM = "newspulsehub-2025-06-18-court-kills-phone-data-law.html"
P_COURT_KBN = "kbn-2025-06-18-high-court-data-law.html"
P_FIRE = "northgatecourier-2025-11-07-millbrook-factory-fire.html"
P_FIRE_KBN = "kbn-2025-11-07-northgate-factory-fire.html"
P_FIRE_TOLL = "meridianwire-2025-11-08-factory-fire-toll.html"
P_FIRE_LANTERN = "dailylantern-2025-11-08-factory-inferno.html"
P_FIRE_INSPECTION = "northgatecourier-2025-11-09-inspection-warning.html"
P_ELECTION_COUNT = "eastbridgeobserver-2026-05-11-count-second-day.html"
P_ELECTION = "meridianwire-2026-05-12-eastbridge-result.html"
P_ELECTION_VP = "valemontpost-2026-05-12-castellane-wins.html"
P_ELECTION_RECOUNT = "harbourchronicle-2026-05-13-dunmore-west-recount.html"
P_STRIKE = "kbn-2026-01-20-rail-strike-day-one.html"
P_STRIKE_FARM = "newspulsehub-2026-01-20-rail-chaos.html"
P_STRIKE_VP = "valemontpost-2026-01-21-rail-strike-talks.html"
P_STRIKE_END = "meridianwire-2026-01-22-rail-union-suspends-strikes.html"
P_SECTION = "valemontpost-section-world.html"
P_CONSENT = "harbourchronicle-consent-wall.html"
P_TAG = "newspulsehub-tag-earthquake.html"

PAGES: list[dict[str, Any]] = []

# ============================ Kaldar talks, 2025 round ===============================

PAGES.append(
    {
        "file": P_TALKS25_OPEN,
        "outlet": "meridian",
        "event": "kaldar-talks-2025",
        "kind": "original",
        "path": "/world/middle-east/tessaly-orun-front-open-indirect-talks-port-aldane-2025-03-10/",
        "published": "2025-03-10T09:14:00+00:00",
        "section": ["World", "Kaldar"],
        "title": "Tessaly and Orun Front open indirect ceasefire talks in Port Aldane",
        "author": "Nadia Brenner",
        "credit": "(Reporting by Nadia Brenner in Port Aldane and Tomas Reyes in Tessala; Editing by Claire Dunmore)",
        "tags": ["Kaldar", "Tessaly", "Orun Front", "Merovia"],
        "body": [
            "PORT ALDANE, Merovia, March 10 (Meridian Wire) - Negotiators for Tessaly and the Orun Front opened "
            "indirect ceasefire talks in the Merovian capital on Monday, the first attempt in five months to halt "
            "the fighting in the Kaldar territory, officials from both sides said.",
            "The two delegations sat in separate wings of the Merovian foreign ministry while mediators carried "
            "proposals between them, according to two people briefed on the arrangements who asked not to be "
            "named because the talks are confidential.",
            "Merovian Foreign Minister Halvard Lind, who is chairing the talks, told reporters outside the ministry "
            'that expectations should be kept low. "Both delegations are in the building, and that in itself is '
            'progress," he said. "Nobody should expect a signed agreement this week."',
            "The health authority in Kaldar, which is run by the Orun Front, said on Monday that at least 33,207 "
            "people had been killed in the territory since the war began 17 months ago. The figure does not "
            "distinguish between civilians and fighters.",
            "The Tessalian government says the Orun Front is holding 251 hostages seized during cross-border raids, "
            "including 34 foreign nationals. Their release is Tessaly's central demand in the talks.",
            "The Orun Front's delegation is led by Idris Kamaran, a member of its political council, who has "
            "demanded a full withdrawal of Tessalian troops from the Kaldar corridor before any exchange of "
            "prisoners and hostages.",
            '"We did not come to Port Aldane to discuss a pause. We came to discuss an end," Kamaran said in a '
            "statement read out by an aide on Sunday evening.",
            "Tessaly's team is headed by Deputy Defence Minister Aurel Voss. A Tessalian government spokeswoman, "
            "Lena Markov, said the delegation had a mandate to discuss a phased truce but would not agree to a "
            "withdrawal while hostages remained in the territory.",
            "Aid agencies have warned of severe shortages of fuel and medicine in northern Kaldar, where the "
            "Saltmarsh crossing has been closed for most of the past six weeks. The Council of Nations relief "
            "office said on Friday that only 41 aid trucks had entered the territory in the previous seven days, "
            "compared with a pre-war average of more than 300 a day.",
            "Merovia, a small island state that maintains relations with both sides, has hosted two earlier rounds "
            "of contacts on prisoner exchanges. Diplomats said the current round was expected to last at least "
            "four days.",
        ],
        "figures": [
            fig(KILLED_KALDAR, 33207, "33,207", "at least", "Kaldar Health Authority", "2025-03-10"),
            fig(HOSTAGES, 251, "251", None, "Tessalian government", "2025-03-10"),
            fig(AID_TRUCKS_WEEK, 41, "41", "only", "Council of Nations relief office", "2025-03-07"),
        ],
        "quotes": [
            quote("Halvard Lind", "Both delegations are in the building, and that in itself is progress,"),
            quote("Halvard Lind", "Nobody should expect a signed agreement this week."),
            quote(
                "Idris Kamaran",
                "We did not come to Port Aldane to discuss a pause. We came to discuss an end,",
            ),
        ],
    }
)

PAGES.append(
    {
        "file": P_TALKS25_HC,
        "outlet": "harbour",
        "event": "kaldar-talks-2025",
        "kind": "copy",
        "source": P_TALKS25_OPEN,
        "path": "/world/2025/mar/10/kaldar-ceasefire-talks-begin-merovia",
        "published": "2025-03-10T11:02:00+00:00",
        "section": ["World", "Middle East"],
        "title": "Kaldar ceasefire talks begin in Merovia with hopes kept low",
        "author": "Nadia Brenner",
        "byline_suffix": "Meridian Wire",
        "tags": ["Kaldar", "Diplomacy"],
        "edits": [
            headline_swap(),
            sub(
                "lead sentence lightly edited (dateline removed)",
                "PORT ALDANE, Merovia, March 10 (Meridian Wire) - Negotiators for Tessaly and the Orun Front opened",
                "Negotiators for Tessaly and the Orun Front began",
            ),
            trim(1),
            boilerplate_inserted(),
        ],
    }
)

PAGES.append(
    {
        "file": P_TALKS25_FAMILIES,
        "outlet": "valemont",
        "event": "kaldar-talks-2025",
        "kind": "independent",
        "path": "/world/2025/03/11/in-port-aldane-hostage-families-wait-outside-the-talks/",
        "published": "2025-03-11T16:40:00+01:00",
        "section": ["World", "Middle East"],
        "title": "In Port Aldane, hostage families wait outside the talks",
        "author": "Marta Kells",
        "tags": ["Kaldar", "Hostages", "Port Aldane talks"],
        "body": [
            "Every morning since the Kaldar talks opened, a small group of relatives has gathered on the pavement "
            "opposite the Merovian foreign ministry in Port Aldane, holding photographs of the people they say are "
            "still being held by the Orun Front.",
            "The group, organised by the Hostage Families' Forum, says 253 hostages remain in the territory, two "
            "more than the figure given by the Tessalian government. The forum says it has confirmed the identities "
            "of two farm workers from Ostrel who were taken in January and whom Tessaly has not yet listed.",
            '"Every name matters. If the government\'s list is wrong by two, it could be wrong by ten," said Rena '
            'Holt, whose brother Daniel was seized at a border checkpoint 14 months ago. "We want the negotiators '
            'to know that we are counting."',
            "Tessalian officials did not dispute the forum's account but said they could not add names until they "
            'had independent confirmation. "Our figure is 251, and it will change only when we are certain," a '
            "Tessalian government spokeswoman, Lena Markov, told the Valemont Post.",
            "Inside the ministry, the second day of indirect talks focused on the sequencing of a possible truce, "
            "according to a Merovian official. Mediators were trying to agree on how many hostages would be freed "
            "in a first phase and how many Kaldari prisoners Tessaly would release in return.",
            "The Orun Front has asked for the release of about 1,500 prisoners in the first phase, the official "
            "said, a number Tessalian negotiators regard as too high. Neither delegation commented publicly on the "
            "figures.",
            "The Kaldar Health Authority said on Tuesday that 33,290 people had been killed in the territory since "
            "the start of the war. Tessaly disputes the authority's figures but has not published its own.",
            "For the families outside, the numbers are a daily reminder of how long the war has lasted. Several "
            "said they had travelled from Tessala at their own expense and were sleeping in a church hostel near "
            "the harbour.",
            '"We are not political," said Yusuf Adler, 62, whose granddaughter is among the hostages. "We just '
            'want to be sure that when they sign something, every one of them is on the list."',
            "Merovian police have allowed the vigil to continue but moved it back from the ministry gates on "
            "Tuesday afternoon after a delegation car was briefly blocked.",
        ],
        "figures": [
            fig(HOSTAGES, 253, "253", None, "Hostage Families' Forum", "2025-03-11"),
            fig(HOSTAGES, 251, "251", None, "Tessalian government", "2025-03-11"),
            fig(PRISONERS, 1500, "1,500", "about", "Merovian official", "2025-03-11"),
            fig(KILLED_KALDAR, 33290, "33,290", None, "Kaldar Health Authority", "2025-03-11"),
        ],
        "quotes": [
            quote(
                "Rena Holt",
                "Every name matters. If the government's list is wrong by two, it could be wrong by ten,",
            ),
            quote("Lena Markov", "Our figure is 251, and it will change only when we are certain,"),
            quote("Yusuf Adler", "We are not political,"),
        ],
    }
)

PAGES.append(
    {
        "file": P_TALKS25_KBN,
        "outlet": "kbn",
        "event": "kaldar-talks-2025",
        "kind": "independent",
        "path": "/news/world/kaldar-talks-mediators-press-for-first-phase-deal-20250312",
        "published": "2025-03-12T13:25:00+00:00",
        "section": ["News", "World"],
        "title": "Kaldar talks: mediators press for first-phase hostage deal as death toll passes 33,300",
        "author": "Owen Tarrant",
        "video": "WATCH: Inside the Merovian foreign ministry as Kaldar talks enter day three",
        "body": [
            "Mediators in Port Aldane are pressing both sides to agree on a limited first phase of a truce in "
            "Kaldar, in which a group of hostages would be exchanged for Kaldari prisoners, as the third day of "
            "talks got under way on Wednesday.",
            "KBN understands that the Merovian team has circulated a two-page document proposing a six-week pause "
            "in fighting. It would begin with the release of women, children and elderly hostages and the reopening "
            "of the Saltmarsh crossing for aid.",
            "Tessaly's government maintains that 251 hostages are being held in the territory. A senior Tessalian "
            "official who spoke to KBN on condition of anonymity said the delegation was cautiously engaged but had "
            "not yet seen a list of living hostages from the Orun Front.",
            "The Orun Front has said it cannot provide such a list without a pause in the bombing, because its "
            "commanders do not have contact with all the groups holding captives.",
            "In Kaldar itself, the fighting has not stopped. The territory's health authority said 33,360 people "
            "had now been killed. Residents of Nouri, the largest town in the north, described overnight strikes "
            "near the central market.",
            '"We heard the talks had started and we thought the nights might be quieter. They were not," said '
            "Amira Sadek, a teacher in Nouri, speaking to KBN by phone.",
            "Merovia's foreign minister, Halvard Lind, met both delegations separately on Wednesday morning. In a "
            'short statement, his office said the discussions were "serious and detailed" and would continue '
            "into Thursday.",
            "The talks are the first diplomatic effort since a previous round of contacts collapsed in October. At "
            "that time, each side accused the other of leaking the terms under discussion.",
            "Relief agencies have asked that any agreement include guaranteed fuel deliveries. The Council of "
            "Nations relief office says hospitals in the north are running their generators for only a few hours "
            "a day.",
            "Analysts say the coming 48 hours will show whether the Merovian proposal can survive contact with the "
            "two delegations' political leaders, who are not in Port Aldane.",
        ],
        "figures": [
            fig(HOSTAGES, 251, "251", None, "Tessalian government", "2025-03-12"),
            fig(KILLED_KALDAR, 33360, "33,360", None, "Kaldar Health Authority", "2025-03-12"),
        ],
        "quotes": [
            quote(
                "Amira Sadek",
                "We heard the talks had started and we thought the nights might be quieter. They were not,",
            ),
        ],
    }
)

PAGES.append(
    {
        "file": P_TALKS25_STALL,
        "outlet": "meridian",
        "event": "kaldar-talks-2025",
        "kind": "original",
        "path": "/world/middle-east/kaldar-truce-talks-stall-over-withdrawal-demand-2025-03-13/",
        "published": "2025-03-13T17:48:00+00:00",
        "section": ["World", "Kaldar"],
        "title": "Kaldar truce talks stall over withdrawal demand, mediators say",
        "author": "Nadia Brenner",
        "credit": "(Reporting by Nadia Brenner; Editing by Claire Dunmore)",
        "tags": ["Kaldar", "Tessaly", "Orun Front"],
        "body": [
            "PORT ALDANE, Merovia, March 13 (Meridian Wire) - Indirect talks between Tessaly and the Orun Front "
            "stalled on Thursday over the Orun Front's demand for a full Tessalian withdrawal from the Kaldar "
            "corridor, two mediators said, though neither side walked out.",
            "Merovian mediators had hoped to announce an outline for a six-week truce by the end of the week. One "
            'of the mediators said the gap on the withdrawal question was "wider than we thought on Monday."',
            "Deputy Defence Minister Aurel Voss, who leads Tessaly's team, said his delegation would remain in Port "
            'Aldane. "We are not leaving the table, but we will not trade the security of our border towns for a '
            'photograph," Voss told reporters.',
            "An Orun Front official, speaking on condition of anonymity, said the group was prepared to release "
            "some hostages in a first phase but needed written guarantees that the fighting would not resume after "
            "the six weeks.",
            "The death toll in Kaldar has risen to 33,480, according to the Kaldar Health Authority, which said "
            "most of the recent deaths were in the north of the territory.",
            "Tessaly has said the Orun Front holds 251 hostages. Tessalian officials said on Thursday they had "
            "received no proof of life for most of them since December.",
            'Merovian Foreign Minister Halvard Lind said the talks would continue on Friday. "A pause in the talks '
            'is not a failure of the talks," he said.',
            "Diplomats in Port Aldane said both delegations had consulted their leaderships overnight and that the "
            "next 24 hours would decide whether the round ended with any written document.",
            "The talks are the first since October, when a previous effort to arrange a prisoner exchange "
            "collapsed amid mutual accusations. Aid agencies say conditions in northern Kaldar have worsened "
            "sharply since then, with fuel for hospital generators now the most urgent need.",
        ],
        "figures": [
            fig(KILLED_KALDAR, 33480, "33,480", None, "Kaldar Health Authority", "2025-03-13"),
            fig(HOSTAGES, 251, "251", None, "Tessalian government", "2025-03-13"),
        ],
        "quotes": [
            quote(
                "Aurel Voss",
                "We are not leaving the table, but we will not trade the security of our border "
                "towns for a photograph,",
            ),
            quote("Halvard Lind", "A pause in the talks is not a failure of the talks,"),
        ],
    }
)

PAGES.append(
    {
        "file": P_TALKS25_LANTERN,
        "outlet": "lantern",
        "event": "kaldar-talks-2025",
        "kind": "copy",
        "source": P_TALKS25_STALL,
        "path": "/news/world/kaldar-peace-bid-hits-the-buffers-2871245",
        "published": "2025-03-13T19:30:00+00:00",
        "section": ["News", "World News"],
        "title": "Kaldar peace bid hits the buffers as death toll climbs",
        "author": "Lantern Foreign Desk",
        "edits": [
            headline_swap(),
            sub(
                "lead sentence lightly edited (dateline removed)",
                "PORT ALDANE, Merovia, March 13 (Meridian Wire) - Indirect talks",
                "Indirect talks",
            ),
            sub(
                "dropped attribution (death toll no longer attributed to the Kaldar Health Authority)",
                "has risen to 33,480, according to the Kaldar Health Authority, which said most of the recent deaths "
                "were in the north of the territory.",
                "has risen to 33,480, with most of the recent deaths in the north of the territory.",
                drop_attribution=KILLED_KALDAR,
            ),
            boilerplate_inserted(),
        ],
    }
)

PAGES.append(
    {
        "file": P_TALKS25_ANALYSIS,
        "outlet": "observer",
        "event": "kaldar-talks-2025",
        "kind": "independent",
        "path": "/2025/03/14/five-days-in-port-aldane/",
        "published": "2025-03-14T20:05:00+01:00",
        "section": ["World", "Analysis"],
        "title": "Five days in Port Aldane: what the Kaldar talks did \u2014 and didn\u2019t \u2014 achieve",
        "author": "Inès Moreau-Dálaigh",
        "tags": ["Kaldar", "Diplomacy", "Analysis"],
        "body": [
            "When the Merovian foreign ministry\u2019s doors closed behind the last delegation car on Friday evening, "
            "the Kaldar talks had produced no truce, no hostage release and no joint statement \u2014 but also, "
            "remarkably, no walkout.",
            "That is the most generous reading of a week in which Tessaly and the Orun Front spent five days in the "
            "same building without once meeting face to face. The less generous one, offered by a European "
            "diplomat who followed the round closely, is that \u201cboth sides came to be seen negotiating, not to "
            "negotiate.\u201d",
            "The numbers that framed the week moved in only one direction. The Kaldar Health Authority\u2019s count "
            "of the dead rose from 33,207 on Monday to 33,512 by Friday morning. Tessaly says 251 hostages remain "
            "in the territory; the Hostage Families\u2019 Forum says 253.",
            "Merovia\u2019s foreign minister, Halvard Lind, was candid about the limits of his role. \u201cWe are a "
            "post office with a good coffee machine,\u201d he told a small group of reporters on Thursday night. "
            "\u201cWe carry letters. We cannot write them.\u201d",
            "The central dispute is not new. The Orun Front wants a full Tessalian withdrawal from the Kaldar "
            "corridor before it releases the bulk of the hostages; Tessaly wants the hostages home before it "
            "discusses any withdrawal. Mediators tried to bridge the gap with a phased plan \u2014 six weeks of "
            "quiet, a first exchange, then talks on a permanent end \u2014 but neither side would accept the order "
            "of the phases.",
            "Dr. S\u00f3lveig A\u00f0alsteinsd\u00f3ttir, who studies mediation at the University of Eastbridge, said "
            "the structure was familiar from other conflicts. \u201cPhased deals fail when each side believes the "
            "other will pocket phase one and walk away,\u201d she said. \u201cThe only fix is a guarantor both trust, "
            "and there isn\u2019t one yet.\u201d",
            "There were small gains. Delegates agreed, according to two people briefed on the talks, to set up a "
            "working group on the Saltmarsh crossing, where aid deliveries have slowed to a trickle. Relief "
            "officials said 41 trucks entered Kaldar in the first week of March; before the war the figure was "
            "over 300 a day.",
            "Both delegations left Port Aldane saying they were willing to return. Idris Kamaran, the Orun "
            "Front\u2019s lead negotiator, said on his way to the airport that \u201cthe door is not closed \u2014 it "
            "is only heavy.\u201d",
            "Whether it reopens may depend less on Merovia than on the politics in Tessala, where Deputy Defence "
            "Minister Aurel Voss faces pressure from coalition partners who regard any withdrawal as a concession "
            "too far. For the families keeping vigil outside the ministry, the week ended as it began: with "
            "photographs, and with a number that nobody can agree on.",
        ],
        "figures": [
            fig(KILLED_KALDAR, 33207, "33,207", None, "Kaldar Health Authority", "2025-03-10"),
            fig(KILLED_KALDAR, 33512, "33,512", None, "Kaldar Health Authority", "2025-03-14"),
            fig(HOSTAGES, 251, "251", None, "Tessalian government", "2025-03-14"),
            fig(HOSTAGES, 253, "253", None, "Hostage Families\u2019 Forum", "2025-03-14"),
            fig(AID_TRUCKS_WEEK, 41, "41", None, "relief officials", "2025-03-07"),
        ],
        "quotes": [
            quote("Halvard Lind", "We are a post office with a good coffee machine,"),
            quote("Halvard Lind", "We carry letters. We cannot write them."),
            quote(
                "S\u00f3lveig A\u00f0alsteinsd\u00f3ttir",
                "Phased deals fail when each side believes the other will pocket phase one and walk away,",
            ),
            quote("Idris Kamaran", "the door is not closed \u2014 it is only heavy."),
        ],
    }
)

# ============================ Kaldar talks, 2026 round ===============================

PAGES.append(
    {
        "file": P_TALKS26_OPEN,
        "outlet": "meridian",
        "event": "kaldar-talks-2026",
        "kind": "original",
        "path": "/world/europe/tessaly-orun-front-return-to-talks-in-vellmar-2026-03-16/",
        "published": "2026-03-16T10:31:00+00:00",
        "section": ["World", "Kaldar"],
        "title": "Tessaly, Orun Front return to talks in Vellmar a year after Port Aldane round failed",
        "author": "Tomas Reyes",
        "credit": "(Reporting by Tomas Reyes in Vellmar; additional reporting by Nadia Brenner in Tessala; "
        "Editing by Claire Dunmore)",
        "tags": ["Kaldar", "Sunderhald", "Council of Nations"],
        "body": [
            "VELLMAR, Sunderhald, March 16 (Meridian Wire) - Tessaly and the Orun Front began a new round of "
            "ceasefire talks in the Sunderhald capital on Monday, a year after negotiations in Merovia ended "
            "without agreement, with mediators saying a framework deal was within reach.",
            "The talks are being co-chaired by Sunderhald Prime Minister Greta Ohlin and the Council of Nations "
            "special envoy, Zoë Laurent-Ibáñez, who took up the post in September. Unlike last year's round in "
            "Port Aldane, the two delegations are expected to meet face to face for at least part of the week.",
            '"A year ago the parties were in separate rooms. This week they will share a table," Laurent-Ibáñez '
            "told reporters at Vellmar's Eskild Palace, where the talks are being held. \"That is not peace, but "
            'it is a different starting point."',
            "The Kaldar Health Authority said on Monday that 50,900 people had been killed in the territory since "
            "the war began. The authority, which is run by the Orun Front, does not distinguish between civilians "
            "and fighters.",
            "Tessaly says 59 hostages are still being held in Kaldar, after 192 were released or recovered over the "
            "past year. Tessalian officials believe fewer than half of those remaining are alive.",
            "Tessaly's delegation is led for the first time by Foreign Minister Petra Valcke, who replaced Aurel "
            "Voss as chief negotiator in January. The Orun Front's team is again headed by Idris Kamaran.",
            'Valcke said Tessaly was ready to discuss "every element of a permanent arrangement" provided the '
            "remaining hostages were released in the first stage. Kamaran, in a statement, said the group would "
            'accept a staged agreement only if it was "guaranteed in writing by the mediators and the Council of '
            'Nations."',
            "Aid deliveries into Kaldar have increased since a partial reopening of the Saltmarsh crossing in "
            "November, but relief agencies say they remain far below need. The Council of Nations relief office "
            "said an average of 160 trucks a day entered the territory last week.",
            "The talks are scheduled to last five days. Sunderhald, which has no diplomatic history in the region, "
            "was chosen as a venue partly because neither side had objections to it, diplomats said.",
        ],
        "figures": [
            fig(KILLED_KALDAR, 50900, "50,900", None, "Kaldar Health Authority", "2026-03-16"),
            fig(HOSTAGES, 59, "59", None, "Tessalian government", "2026-03-16"),
            fig(HOSTAGES_FREED, 192, "192", None, "Tessalian government", "2026-03-16"),
            fig(
                AID_TRUCKS_DAY, 160, "160", "an average of", "Council of Nations relief office", "2026-03-13"
            ),
        ],
        "quotes": [
            quote(
                "Zoë Laurent-Ibáñez",
                "A year ago the parties were in separate rooms. This week they will share a table,",
            ),
            quote("Zoë Laurent-Ibáñez", "That is not peace, but it is a different starting point."),
            quote("Petra Valcke", "every element of a permanent arrangement"),
            quote("Idris Kamaran", "guaranteed in writing by the mediators and the Council of Nations."),
        ],
    }
)

PAGES.append(
    {
        "file": P_TALKS26_VP,
        "outlet": "valemont",
        "event": "kaldar-talks-2026",
        "kind": "copy",
        "source": P_TALKS26_OPEN,
        "path": "/world/2026/03/16/a-year-on-kaldar-talks-resume-in-sunderhald/",
        "published": "2026-03-16T13:10:00+01:00",
        "section": ["World", "Middle East"],
        "title": "A year on, Kaldar talks resume in Sunderhald",
        "author": "Tomas Reyes",
        "byline_suffix": "Meridian Wire",
        "tags": ["Kaldar", "Sunderhald"],
        "edits": [
            headline_swap(),
            sub(
                "lead sentence lightly edited",
                "began a new round of ceasefire talks in the Sunderhald capital on Monday",
                "opened a fresh round of ceasefire talks in the Sunderhald capital on Monday",
            ),
            sub(
                "diacritics stripped from name (Laurent-Ibáñez -> Laurent-Ibanez)",
                "Zoë Laurent-Ibáñez",
                "Zoe Laurent-Ibanez",
            ),
            sub(
                "diacritics stripped from name (Laurent-Ibáñez -> Laurent-Ibanez)",
                "Laurent-Ibáñez",
                "Laurent-Ibanez",
            ),
            boilerplate_inserted(),
        ],
    }
)

PAGES.append(
    {
        "file": P_TALKS26_TABLE,
        "outlet": "harbour",
        "event": "kaldar-talks-2026",
        "kind": "independent",
        "path": "/world/2026/mar/17/kaldar-negotiators-share-a-table-eskild-palace",
        "published": "2026-03-17T21:15:00+00:00",
        "section": ["World", "Middle East"],
        "title": "At Eskild Palace, Kaldar\u2019s negotiators finally share a table",
        "author": "Siobhán Ní Bhriain",
        "tags": ["Kaldar", "Sunderhald", "Diplomacy"],
        "body": [
            "For the first time since the war in Kaldar began, negotiators from Tessaly and the Orun Front sat "
            "across the same table on Tuesday, in a panelled hall of Vellmar\u2019s Eskild Palace that was, until "
            "last week, a museum of Sunderhald\u2019s naval history.",
            "The meeting lasted just under three hours, according to a Sunderhald official who was present. It was "
            "chaired by the Council of Nations envoy, Zoë Laurent-Ibáñez, with Prime Minister Greta Ohlin joining "
            "for the final hour.",
            "Officials on both sides described the session as businesslike. \u201cNobody shouted, nobody left,\u201d "
            "said one Tessalian diplomat. \u201cAfter the year we have had, that counts.\u201d",
            "The agenda was narrow: the sequencing of hostage releases and the timetable for a Tessalian pull-back "
            "from the Kaldar corridor. Tessaly puts the number of hostages still held at 59. The Orun Front, in a "
            "rare public comment on the figure, said on Tuesday that it held \u201cfewer than 60\u201d and would not "
            "give an exact number until a truce took effect.",
            "Foreign Minister Petra Valcke, who leads the Tessalian delegation, left the palace without speaking to "
            "reporters. Her spokesman, Joris Hendt, said later that Tessaly had presented \u201ca detailed proposal "
            "with dates, not principles.\u201d",
            "Idris Kamaran, the Orun Front negotiator, told the Harbour Chronicle that the group was studying it. "
            "\u201cThe difference between this year and last year is that there is now something on paper to argue "
            "about,\u201d he said.",
            "The human cost of the intervening year is visible in every briefing. Kaldar\u2019s health authority said "
            "on Tuesday that 50,960 people had been killed since the war began. Relief workers in the north report "
            "that whole districts of Nouri are now uninhabitable.",
            "Diplomats caution that last year\u2019s round in Port Aldane also began with optimism. But several "
            "pointed to differences: a single mediators\u2019 text instead of competing drafts, face-to-face "
            "sessions, and a Council of Nations envoy with a mandate to propose monitoring arrangements.",
            "\u201cPort Aldane was about whether they would talk,\u201d said Dr. S\u00f3lveig "
            "A\u00f0alsteinsd\u00f3ttir of the University of Eastbridge, who has advised the Sunderhald foreign "
            "ministry. \u201cVellmar is about what they will sign.\u201d",
            "The talks are due to continue on Wednesday with working groups on aid access and prisoner releases.",
        ],
        "figures": [
            fig(HOSTAGES, 59, "59", None, "Tessalian government", "2026-03-17"),
            fig(HOSTAGES, 60, "fewer than 60", "fewer than", "Orun Front", "2026-03-17"),
            fig(KILLED_KALDAR, 50960, "50,960", None, "Kaldar Health Authority", "2026-03-17"),
        ],
        "quotes": [
            quote("Joris Hendt", "a detailed proposal with dates, not principles."),
            quote(
                "Idris Kamaran",
                "The difference between this year and last year is that there is now something "
                "on paper to argue about,",
            ),
            quote(
                "S\u00f3lveig A\u00f0alsteinsd\u00f3ttir", "Port Aldane was about whether they would talk,"
            ),
            quote("S\u00f3lveig A\u00f0alsteinsd\u00f3ttir", "Vellmar is about what they will sign."),
        ],
    }
)

PAGES.append(
    {
        "file": P_TALKS26_AID,
        "outlet": "kbn",
        "event": "kaldar-talks-2026",
        "kind": "independent",
        "path": "/news/world/vellmar-talks-aid-working-group-extra-crossing-hours-20260318",
        "published": "2026-03-18T15:50:00+00:00",
        "section": ["News", "World"],
        "title": "Vellmar talks: aid working group agrees to extra crossing hours",
        "author": "Priya Lakhani",
        "video": "WATCH: Trucks queue at the Saltmarsh crossing as talks continue",
        "body": [
            "Negotiators at the Kaldar talks in Vellmar have agreed to extend opening hours at the Saltmarsh "
            "crossing, the first concrete result of this week's round, officials told KBN on Wednesday.",
            "Under the arrangement, the crossing will operate for 14 hours a day instead of eight, starting on "
            "Saturday. Sunderhald officials said the change could allow up to 250 aid trucks a day into the "
            "territory, compared with an average of 160 last week.",
            "The agreement was reached in a working group of technical officials from both sides, chaired by staff "
            "from the Council of Nations relief office. It does not require approval from the main delegations, "
            "which continued their talks on hostages and troop positions in a separate room.",
            'Council of Nations envoy Zoë Laurent-Ibáñez called the deal "small but real". "People in Kaldar '
            'cannot eat a framework agreement. They can eat what comes through Saltmarsh," she said.',
            "The health authority in Kaldar said on Wednesday that 51,020 people had been killed since the start "
            "of the war. KBN has not been able to independently verify the figure.",
            "Tessaly continues to say that 59 hostages are being held. A spokesman for the Tessalian foreign "
            'ministry, Joris Hendt, said the hostage question remained "the door through which everything else '
            'must pass".',
            "In Nouri, residents said they had heard about the talks on the radio but had seen little change. "
            '"Every year someone tells us there will be a deal by the spring," said Karim Osei, who runs a bakery '
            "that now opens two days a week because of flour shortages.",
            "Mediators hope to present a written framework to both delegations by Thursday evening. A Sunderhald "
            "official said the text would include a timetable for hostage releases and a map of positions for a "
            "Tessalian pull-back.",
            "Aid groups welcomed the longer crossing hours but warned that inspections on the Tessalian side of "
            "Saltmarsh remained the main bottleneck. They said trucks had waited up to four days to be cleared "
            "during the winter.",
        ],
        "figures": [
            fig(AID_TRUCKS_DAY, 250, "250", "up to", "Sunderhald officials", "2026-03-18"),
            fig(AID_TRUCKS_DAY, 160, "160", "an average of", "Sunderhald officials", "2026-03-13"),
            fig(KILLED_KALDAR, 51020, "51,020", None, "Kaldar Health Authority", "2026-03-18"),
            fig(HOSTAGES, 59, "59", None, "Tessalian government", "2026-03-18"),
        ],
        "quotes": [
            quote(
                "Zoë Laurent-Ibáñez",
                "People in Kaldar cannot eat a framework agreement. They can eat what comes "
                "through Saltmarsh,",
            ),
            quote("Joris Hendt", "the door through which everything else must pass"),
            quote("Karim Osei", "Every year someone tells us there will be a deal by the spring,"),
        ],
    }
)

PAGES.append(
    {
        "file": P_TALKS26_FRAMEWORK,
        "outlet": "meridian",
        "event": "kaldar-talks-2026",
        "kind": "original",
        "path": "/world/europe/mediators-present-kaldar-framework-deal-2026-03-19/",
        "published": "2026-03-19T18:22:00+00:00",
        "section": ["World", "Kaldar"],
        "title": "Mediators present Kaldar framework deal; sides to respond within 48 hours",
        "author": "Tomas Reyes",
        "credit": "(Reporting by Tomas Reyes; Editing by Claire Dunmore)",
        "tags": ["Kaldar", "Sunderhald"],
        "body": [
            "VELLMAR, Sunderhald, March 19 (Meridian Wire) - Mediators at the Kaldar talks presented a written "
            "framework for a permanent ceasefire to Tessaly and the Orun Front on Thursday and gave both sides 48 "
            "hours to respond, officials said.",
            "The 11-page document, seen by Meridian Wire, sets out three stages over 90 days: an immediate truce "
            "and the release of all living hostages, a phased Tessalian withdrawal from the Kaldar corridor, and "
            "talks on reconstruction and the territory's future administration.",
            'Council of Nations envoy Zoë Laurent-Ibáñez said the framework was "the most complete text either '
            'side has been offered since the war began." She declined to say whether she expected both '
            "delegations to accept it.",
            "Under the first stage, Tessaly would release 1,100 Kaldari prisoners in exchange for the remaining "
            "hostages, whom Tessaly puts at 59. The Orun Front has not published its own figure.",
            "The Kaldar Health Authority said on Thursday that 51,140 people had been killed in the territory. The "
            "toll was 33,207 when the previous round of talks opened in Port Aldane in March 2025.",
            'Tessalian Foreign Minister Petra Valcke said her government would study the text "with seriousness '
            "and without illusions.\" Idris Kamaran, the Orun Front's lead negotiator, said the group's leadership "
            "would meet on Friday to discuss it.",
            "Sunderhald Prime Minister Greta Ohlin said the talks in Vellmar had gone further than many had "
            'expected. "If the answer is yes, the hard work begins on Sunday," she said at a news conference.',
            "Diplomats cautioned that both sides had accepted outline texts in the past only to disagree over the "
            "details. The Port Aldane talks a year ago ended without any written document.",
            "Earlier in the week, a technical working group agreed to keep the Saltmarsh crossing open for 14 "
            "hours a day, which Sunderhald officials said could double the flow of aid into the territory.",
        ],
        "figures": [
            fig(PRISONERS, 1100, "1,100", None, "mediators' framework document", "2026-03-19"),
            fig(HOSTAGES, 59, "59", None, "Tessalian government", "2026-03-19"),
            fig(KILLED_KALDAR, 51140, "51,140", None, "Kaldar Health Authority", "2026-03-19"),
            fig(KILLED_KALDAR, 33207, "33,207", None, "Kaldar Health Authority", "2025-03-10"),
        ],
        "quotes": [
            quote(
                "Zoë Laurent-Ibáñez",
                "the most complete text either side has been offered since the war began.",
            ),
            quote("Petra Valcke", "with seriousness and without illusions."),
            quote("Greta Ohlin", "If the answer is yes, the hard work begins on Sunday,"),
        ],
    }
)

PAGES.append(
    {
        "file": P_TALKS26_FARM,
        "outlet": "newspulse",
        "event": "kaldar-talks-2026",
        "kind": "copy",
        "source": P_TALKS26_FRAMEWORK,
        "path": "/2026/03/19/breaking-kaldar-peace-deal-framework-revealed/",
        "published": "2026-03-19T20:03:00-05:00",
        "section": ["World"],
        "title": "BREAKING: Kaldar Peace Deal Framework Revealed \u2013 Both Sides Given 48 Hours",
        "author": "NewsPulse Staff",
        "tags": ["Kaldar", "peace deal", "breaking news", "world news"],
        "edits": [
            headline_swap(),
            sub(
                "lead sentence lightly edited (dateline removed)",
                "VELLMAR, Sunderhald, March 19 (Meridian Wire) - Mediators",
                "Mediators",
            ),
            sub("wire credit removed from body", "seen by Meridian Wire", "seen by reporters"),
            boilerplate_inserted(),
        ],
    }
)

# ================================ Dravic earthquake ==================================

PAGES.append(
    {
        "file": P_QUAKE,
        "outlet": "meridian",
        "event": "dravic-earthquake",
        "kind": "original",
        "path": "/world/europe/strong-earthquake-hits-arvenias-dravic-highlands-2025-09-03/",
        "published": "2025-09-03T06:55:00+00:00",
        "section": ["World", "Arvenia"],
        "title": "Strong earthquake hits Arvenia's Dravic Highlands, as many as 25 feared dead",
        "author": "Lukas Ferrand",
        "credit": "(Reporting by Lukas Ferrand; Editing by Claire Dunmore)",
        "tags": ["Arvenia", "Earthquakes", "Disasters"],
        "body": [
            "KESSOVA, Arvenia, Sept 3 (Meridian Wire) - A magnitude 6.4 earthquake struck Arvenia's Dravic "
            "Highlands before dawn on Wednesday, killing as many as 25 people and damaging more than 1,200 homes, "
            "the National Civil Protection Agency said.",
            "The quake hit at 3:12 a.m. local time at a depth of 10 km, about 14 km north-east of the town of "
            "Kessova, according to the Arvenian Seismological Institute. At least four aftershocks above "
            "magnitude 4 followed within two hours.",
            "Civil protection chief Mirela Tanase said rescue teams were still trying to reach several mountain "
            'villages cut off by landslides. "We are still reaching villages that have been cut off since the '
            'night. The numbers will change," she told state radio.',
            "Most of the confirmed deaths were in Kessova and the neighbouring village of Brasta, where a number of "
            "older stone houses collapsed, officials said. Hospitals in the regional capital, Dravograd, were "
            "treating 140 injured people by midday.",
            "Television pictures showed collapsed walls and roofs along Kessova's main street and cars crushed by "
            "falling masonry. Power was cut across much of the district, and the regional water company said "
            "supplies to about half of Kessova had been interrupted by burst mains.",
            "Kessova's mayor, Dorin Pavel, said about a third of the town's buildings had visible damage. \"People "
            'slept in their cars and in the football stadium. Nobody wants to go back inside," he said.',
            "The government declared a state of emergency in the Dravic region for 30 days and said the army would "
            "send field kitchens and tents. Prime Minister Tobias Wren cancelled a planned visit abroad and was "
            "expected in Kessova on Wednesday afternoon.",
            "The Dravic Highlands are one of the most seismically active areas in Arvenia. A magnitude 5.9 quake in "
            "the same region in 1987 killed 11 people.",
            "The Arvenian Red Cross appealed for blood donors and said it had opened three temporary shelters in "
            "Dravograd. Officials urged residents of damaged buildings not to return home until engineers had "
            "checked them.",
            "Rail services between Dravograd and Kessova were suspended while engineers inspected bridges and "
            "tunnels on the line, the state operator Arvenian Railways said.",
        ],
        "figures": [
            fig(QUAKE_MAGNITUDE, 6.4, "6.4", None, "National Civil Protection Agency", "2025-09-03"),
            fig(QUAKE_KILLED, 25, "25", "as many as", "National Civil Protection Agency", "2025-09-03"),
            fig(QUAKE_HOMES, 1200, "1,200", "more than", "National Civil Protection Agency", "2025-09-03"),
            fig(QUAKE_INJURED, 140, "140", None, "officials", "2025-09-03"),
        ],
        "quotes": [
            quote(
                "Mirela Tanase",
                "We are still reaching villages that have been cut off since the night. The numbers will change,",
            ),
            quote(
                "Dorin Pavel",
                "People slept in their cars and in the football stadium. Nobody wants to go back inside,",
            ),
        ],
    }
)

PAGES.append(
    {
        "file": P_QUAKE_HC,
        "outlet": "harbour",
        "event": "dravic-earthquake",
        "kind": "copy",
        "source": P_QUAKE,
        "path": "/world/2025/sep/03/deadly-earthquake-strikes-dravic-highlands",
        "published": "2025-09-03T08:20:00+00:00",
        "section": ["World", "Europe"],
        "title": "Deadly earthquake strikes Dravic Highlands before dawn",
        "author": "Lukas Ferrand",
        "byline_suffix": "Meridian Wire",
        "tags": ["Earthquakes", "Arvenia"],
        "edits": [
            headline_swap(),
            sub(
                "lead sentence lightly edited (dateline removed, verb and time phrase changed)",
                "KESSOVA, Arvenia, Sept 3 (Meridian Wire) - A magnitude 6.4 earthquake struck Arvenia's Dravic "
                "Highlands before dawn on Wednesday, killing",
                "A magnitude 6.4 earthquake hit the Dravic Highlands in the early hours of Wednesday, killing",
            ),
            boilerplate_inserted(),
        ],
    }
)

PAGES.append(
    {
        "file": P_QUAKE_VP,
        "outlet": "valemont",
        "event": "dravic-earthquake",
        "kind": "copy",
        "source": P_QUAKE,
        "path": "/arvenia/2025/09/03/earthquake-dravic-highlands-up-to-25-dead/",
        "published": "2025-09-03T09:05:00+02:00",
        "section": ["Arvenia", "Dravic"],
        "title": "Earthquake in the Dravic Highlands: up to 25 dead, over 1 200 homes damaged",
        "author": "Lukas Ferrand",
        "byline_suffix": "Meridian Wire",
        "tags": ["Earthquake", "Dravic Highlands", "Kessova"],
        "edits": [
            headline_swap(),
            sub("number reformat 1,200 -> 1 200", "1,200", "1 200"),
            trim(2),
            boilerplate_inserted(),
        ],
    }
)

PAGES.append(
    {
        "file": P_QUAKE_LANTERN,
        "outlet": "lantern",
        "event": "dravic-earthquake",
        "kind": "copy",
        "source": P_QUAKE,
        "path": "/news/world/terror-in-the-night-killer-quake-2994410",
        "published": "2025-09-03T10:48:00+01:00",
        "section": ["News", "World News"],
        "title": "TERROR IN THE NIGHT: Families sleep in cars after killer quake",
        "author": "Becky Rowntree",
        "edits": [
            headline_swap(),
            sub(
                "dropped attribution (toll and damage no longer attributed to the civil protection agency)",
                "damaging more than 1,200 homes, the National Civil Protection Agency said.",
                "damaging more than 1,200 homes.",
                drop_attribution=[QUAKE_KILLED, QUAKE_HOMES, QUAKE_MAGNITUDE],
            ),
            sub(
                "altered quote (Mirela Tanase)",
                '"We are still reaching villages that have been cut off since the night. The numbers will change,"',
                '"We are still reaching villages cut off in the night, and the numbers will rise,"',
            ),
            boilerplate_inserted(),
        ],
    }
)

PAGES.append(
    {
        "file": P_QUAKE_FARM,
        "outlet": "newspulse",
        "event": "dravic-earthquake",
        "kind": "rewrite",
        "source": P_QUAKE,
        "path": "/2025/09/03/earthquake-kills-at-least-25-in-arvenias-dravic-highlands/",
        "published": "2025-09-03T07:40:00-05:00",
        "section": ["World"],
        "title": "Earthquake Kills At Least 25 in Arvenia\u2019s Dravic Highlands, Over 1,200 Homes Damaged",
        "author": "Jake Mercer",
        "tags": ["earthquake", "Arvenia", "natural disasters", "breaking news"],
        "edits": [
            "sentence-by-sentence paraphrase",
            "qualifier as many as -> at least",
            "quotes turned into indirect speech",
            "headline swap",
            "boilerplate inserted",
        ],
        "body": [
            "At least 25 people were killed and more than 1,200 homes were damaged when a powerful 6.4-magnitude "
            "earthquake rocked Arvenia\u2019s Dravic Highlands early on Wednesday morning, according to the country\u2019s "
            "National Civil Protection Agency.",
            "The tremor struck at 3:12 in the morning, roughly 14 kilometres north-east of Kessova, at a shallow "
            "depth of 10 kilometres, the Arvenian Seismological Institute reported. Within two hours, the region "
            "was shaken by at least four aftershocks measuring above 4.",
            "Emergency teams were still struggling to get to a number of mountain villages that landslides had "
            "isolated, civil protection head Mirela Tanase explained. Speaking on state radio, she said some "
            "villages had been cut off since the night and warned that the figures would change.",
            "The majority of the deaths confirmed so far happened in Kessova and the nearby village of Brasta, "
            "where several old stone houses gave way. By midday, 140 injured people were receiving treatment in "
            "hospitals in Dravograd, the capital of the region.",
            "According to Dorin Pavel, the mayor of Kessova, roughly one in three buildings in the town showed signs "
            "of damage. He said residents had spent the night in their cars or at the local football stadium and "
            "that nobody wanted to go back indoors.",
            "Authorities have announced a 30-day state of emergency across the Dravic region, with the army set to "
            "provide tents and field kitchens. Prime Minister Tobias Wren called off a trip abroad and was due to "
            "arrive in Kessova later in the day.",
            "The Dravic Highlands are among the most earthquake-prone parts of Arvenia. Back in 1987, a "
            "5.9-magnitude quake in the area left 11 people dead.",
            "The Arvenian Red Cross has called for blood donations and has set up three temporary shelters in "
            "Dravograd. Residents whose homes were damaged have been told to stay out until engineers inspect the "
            "buildings.",
            "It is not yet clear how long rescue work in the cut-off villages will take, and officials have warned "
            "that the number of victims may still go up as teams reach the remaining communities.",
        ],
        "figures": [
            fig(QUAKE_KILLED, 25, "25", "at least", "National Civil Protection Agency", "2025-09-03"),
            fig(QUAKE_HOMES, 1200, "1,200", "more than", "National Civil Protection Agency", "2025-09-03"),
            fig(QUAKE_MAGNITUDE, 6.4, "6.4", None, "National Civil Protection Agency", "2025-09-03"),
            fig(QUAKE_INJURED, 140, "140", None, None, "2025-09-03"),
        ],
        "quotes": [],
    }
)

PAGES.append(
    {
        "file": P_QUAKE_BRASTA,
        "outlet": "observer",
        "event": "dravic-earthquake",
        "kind": "partial",
        "source": P_QUAKE,
        "path": "/2025/09/04/brasta-stone-houses-earthquake/",
        "published": "2025-09-04T18:30:00+02:00",
        "section": ["Arvenia", "Dravic"],
        "title": "In Brasta, the stone houses that didn\u2019t survive the night",
        "author": "Henrik Solberg",
        "tags": ["Earthquake", "Housing", "Dravic Highlands"],
        "body": [
            "BRASTA \u2014 By Thursday morning the only sound on Brasta\u2019s main street was the scrape of shovels. "
            "Volunteers from three neighbouring villages were lifting roof tiles by hand from what had been the home "
            "of the Ilić family, one of at least nine houses in the village that collapsed in Wednesday\u2019s "
            "earthquake.",
            "\u201cMy grandfather built this house in 1952 with stones from the river,\u201d said Goran Ilić, 47, who "
            "escaped with his wife and two children through a ground-floor window. \u201cIt survived the 1987 quake. "
            "We thought it would survive anything.\u201d",
            "Brasta, a village of about 600 people on a ridge above the Drava river, was among the places worst "
            "hit. Residents said emergency crews did not arrive until mid-morning on Wednesday because the only road "
            "up from Kessova was blocked by a landslide.",
            pasted(P_QUAKE, 1),
            pasted(P_QUAKE, 7),
            "Engineers who inspected the village on Thursday said most of the collapsed houses shared the same "
            "weaknesses: unreinforced stone walls, heavy clay roofs and no ties between floors and walls. \u201cThese "
            "buildings were never designed for lateral forces,\u201d said Ana Petrescu, a structural engineer at the "
            "Dravograd technical university.",
            "A 2019 national programme offered grants to strengthen older rural homes, but records reviewed by the "
            "Observer show that only 38 households in the whole Dravic region received money before the scheme was "
            "suspended in 2021. None were in Brasta.",
            "Arvenia\u2019s housing ministry said on Thursday that the programme would be reviewed \u201cas a matter "
            "of urgency\u201d. The ministry did not respond to questions about why it had been suspended.",
            "In the village square, the Red Cross had set up a tent with hot soup and blankets. Milena Voicu, 71, "
            "sat wrapped in one beside her neighbour\u2019s dog. \u201cI have lived here all my life,\u201d she said. "
            "\u201cTonight I don\u2019t know where I will sleep.\u201d",
            "By Thursday afternoon, the national toll had risen to 31, according to the civil protection agency. "
            "Four of the dead were from Brasta.",
        ],
        "figures": [
            fig(BRASTA_COLLAPSED, 9, "nine", "at least", None, "2025-09-04"),
            fig(GRANT_HOUSEHOLDS, 38, "38", "only", "records reviewed by the Observer", "2021"),
            fig(QUAKE_KILLED, 31, "31", None, "National Civil Protection Agency", "2025-09-04"),
        ],
        "quotes": [
            quote("Goran Ilić", "My grandfather built this house in 1952 with stones from the river,"),
            quote("Ana Petrescu", "These buildings were never designed for lateral forces,"),
            quote("Milena Voicu", "I have lived here all my life,"),
        ],
    }
)

PAGES.append(
    {
        "file": P_QUAKE_KBN,
        "outlet": "kbn",
        "event": "dravic-earthquake",
        "kind": "independent",
        "path": "/news/arvenia/dravic-earthquake-death-toll-rises-to-31-20250904",
        "published": "2025-09-04T12:10:00+02:00",
        "section": ["News", "Arvenia"],
        "title": "Dravic earthquake: death toll rises to 31 as search ends in cut-off villages",
        "author": "Owen Tarrant",
        "video": "WATCH: Aerial footage shows landslides blocking roads above Kessova",
        "body": [
            "The number of people killed in Wednesday's earthquake in the Dravic Highlands has risen to 31, "
            "Arvenia's National Civil Protection Agency said on Thursday, as rescue teams reached the last of the "
            "villages cut off by landslides.",
            "Six of the newly confirmed victims were found in the hamlet of Vrana, about 20 km north of Kessova, "
            "which could only be reached on foot until army engineers cleared the road on Thursday morning.",
            "The agency's head, Mirela Tanase, told KBN that the search phase was now effectively over. \"We "
            "believe we have now accounted for everyone who was reported missing. Our work now is shelter, water "
            'and keeping people warm," she said.',
            "The Arvenian Red Cross said about 4,500 people had been displaced from their homes across the region, "
            "many of them elderly. It said its three shelters in Dravograd were full and that it was opening two "
            "more in school gyms in Kessova.",
            "Prime Minister Tobias Wren visited Kessova on Wednesday evening and promised that every family whose "
            'home had been destroyed would receive emergency payments within ten days. "No one in Dravic will '
            'spend the winter in a tent," he said.',
            "Opposition politicians questioned whether the promise could be kept. Ilona Farkas, a member of "
            "parliament from the region, said emergency funds from the 2019 floods had taken more than a year to "
            "reach some families.",
            "Seismologists recorded more than 60 aftershocks by Thursday afternoon, the strongest of magnitude 4.8. "
            "The Arvenian Seismological Institute warned that a further strong shock could not be ruled out and "
            "urged people not to return to damaged buildings.",
            "Schools in the Kessova district will remain closed until at least next Monday while engineers inspect "
            "them. Exams scheduled for next week at the district's two secondary schools have been postponed.",
        ],
        "figures": [
            fig(QUAKE_KILLED, 31, "31", None, "National Civil Protection Agency", "2025-09-04"),
            fig(QUAKE_DISPLACED, 4500, "4,500", "about", "Arvenian Red Cross", "2025-09-04"),
            fig(QUAKE_AFTERSHOCKS, 60, "60", "more than", "Arvenian Seismological Institute", "2025-09-04"),
        ],
        "quotes": [
            quote(
                "Mirela Tanase",
                "We believe we have now accounted for everyone who was reported missing. Our work "
                "now is shelter, water and keeping people warm,",
            ),
            quote("Tobias Wren", "No one in Dravic will spend the winter in a tent,"),
        ],
    }
)

PAGES.append(
    {
        "file": P_QUAKE_TOLL,
        "outlet": "meridian",
        "event": "dravic-earthquake",
        "kind": "original",
        "path": "/world/europe/arvenia-quake-death-toll-climbs-to-31-2025-09-04/",
        "published": "2025-09-04T15:35:00+00:00",
        "section": ["World", "Arvenia"],
        "title": "Arvenia quake death toll climbs to 31; thousands in temporary shelters",
        "author": "Lukas Ferrand",
        "credit": "(Reporting by Lukas Ferrand; Editing by Claire Dunmore)",
        "tags": ["Arvenia", "Earthquakes"],
        "body": [
            "KESSOVA, Arvenia, Sept 4 (Meridian Wire) - The death toll from an earthquake in Arvenia's Dravic "
            "Highlands rose to 31 on Thursday after rescuers reached remote villages cut off by landslides, the "
            "National Civil Protection Agency said.",
            "The agency said 212 people had been injured in Wednesday's magnitude 6.4 quake and that the number of "
            "damaged homes had risen to 1,850 from an initial estimate of more than 1,200.",
            "Army engineers reopened the road to the hamlet of Vrana on Thursday morning, where six more bodies were "
            "recovered, officials said.",
            "Thousands of people spent a second night in tents, cars and public buildings. The Arvenian Red Cross "
            "said it was opening additional shelters in Kessova, where aftershocks continued to rattle residents.",
            '"Everyone is tired and everyone is frightened," said Kessova\'s mayor, Dorin Pavel. "But the water is '
            'back on in half the town, and that is something."',
            "Prime Minister Tobias Wren, who visited the area late on Wednesday, said the government would release "
            "40 million crowns in emergency funds for the region. The finance ministry said payments to families "
            "would begin next week.",
            "Neighbouring Lusenia and the Republic of Ostmark offered search-and-rescue teams, but the civil "
            "protection agency said on Thursday that the search phase was largely complete and that help with "
            "shelter would be more useful.",
            "The Arvenian Seismological Institute said the quake was the strongest in the region since 1987. It "
            "recorded more than 60 aftershocks in the 36 hours after the main shock.",
            "Engineers have begun inspecting schools and public buildings across the Kessova district. Local "
            "officials said schools would stay shut at least until Monday.",
        ],
        "figures": [
            fig(QUAKE_KILLED, 31, "31", None, "National Civil Protection Agency", "2025-09-04"),
            fig(QUAKE_INJURED, 212, "212", None, "National Civil Protection Agency", "2025-09-04"),
            fig(QUAKE_HOMES, 1850, "1,850", None, "National Civil Protection Agency", "2025-09-04"),
            fig(QUAKE_HOMES, 1200, "1,200", "more than", "National Civil Protection Agency", "2025-09-03"),
            fig(QUAKE_FUNDS, 40_000_000, "40 million", None, "Tobias Wren", "2025-09-04"),
            fig(QUAKE_AFTERSHOCKS, 60, "60", "more than", "Arvenian Seismological Institute", "2025-09-04"),
        ],
        "quotes": [
            quote("Dorin Pavel", "Everyone is tired and everyone is frightened,"),
            quote("Dorin Pavel", "But the water is back on in half the town, and that is something."),
        ],
    }
)

PAGES.append(
    {
        "file": P_QUAKE_NORTHGATE,
        "outlet": "northgate",
        "event": "dravic-earthquake",
        "kind": "independent",
        "path": "/news/local/northgate-rescuers-return-from-dravic-quake-zone-1-4418820",
        "published": "2025-09-05T17:20:00+01:00",
        "section": ["News", "Local"],
        "title": "Northgate rescuers return from Dravic quake zone",
        "author": "Elaine Foster",
        "photo": (
            "Members of the Northgate search and rescue team at the airfield on Friday.",
            "Mark Dean/Northgate Courier",
        ),
        "body": [
            "Twelve members of Northgate\u2019s urban search and rescue team returned home on Friday after two days "
            "in the Dravic Highlands, where Wednesday\u2019s earthquake killed 31 people.",
            "The team, made up of firefighters from Millbrook and Harrowgate stations, flew out of Northgate "
            "airfield on Wednesday afternoon with two search dogs and four tonnes of equipment.",
            "Station manager Colin Ashby, who led the group, said they had worked mainly in Vrana, a hamlet north "
            "of Kessova that was cut off by a landslide for more than a day. \u201cWe went in on foot with everything "
            "on our backs,\u201d he said. \u201cBy the time the road opened, the hard part was done.\u201d",
            "The team helped recover two of the six people found dead in Vrana on Thursday, he said. It was the "
            "team\u2019s first deployment outside the county since it was formed in 2016.",
            "Dog handler Fiona Reid described the damage as \u201clike nothing I\u2019ve seen on a training ground "
            "\u2014 whole streets of stone houses simply folded.\u201d",
            "Northgate residents have also been raising money for families in the region. A collection organised "
            "by the Caf\u00e9 Ros\u00e9 on Market Street had raised more than 3,400 crowns by Friday lunchtime.",
            "Owner H\u00e9l\u00e8ne Dumas, who grew up in Dravograd, said customers had \u201cemptied their "
            "pockets\u201d since Wednesday morning. \u201cPeople here remember the 1987 quake. Some of them have "
            "family up there,\u201d she said.",
            "Northgate Fire and Rescue Service said the team would be available for redeployment if the civil "
            "protection agency requested further help. The agency said on Thursday that the search phase was "
            "largely complete.",
            "Donations can also be made through the Arvenian Red Cross appeal, which has opened shelters in "
            "Dravograd and Kessova for families whose homes are unsafe.",
        ],
        "figures": [
            fig(RESCUE_TEAM, 12, "Twelve", None, None, "2025-09-05"),
            fig(QUAKE_KILLED, 31, "31", None, None, "2025-09-04"),
            fig(DONATIONS, 3400, "3,400", "more than", None, "2025-09-05"),
        ],
        "quotes": [
            quote("Colin Ashby", "We went in on foot with everything on our backs,"),
            quote(
                "Fiona Reid",
                "like nothing I\u2019ve seen on a training ground \u2014 whole streets of stone houses "
                "simply folded.",
            ),
            quote(
                "H\u00e9l\u00e8ne Dumas",
                "People here remember the 1987 quake. Some of them have family up there,",
            ),
        ],
    }
)

# ================================ High Court ruling ==================================

PAGES.append(
    {
        "file": P_COURT,
        "outlet": "meridian",
        "event": "high-court-retention-ruling",
        "kind": "original",
        "path": "/world/europe/arvenias-high-court-strikes-down-phone-data-law-2025-06-18/",
        "published": "2025-06-18T11:40:00+00:00",
        "section": ["World", "Arvenia"],
        "title": "Arvenia's High Court strikes down bulk phone data retention law",
        "author": "Rafael Ortiz",
        "credit": "(Reporting by Rafael Ortiz; Editing by Claire Dunmore)",
        "tags": ["Arvenia", "Privacy", "Courts"],
        "body": [
            "VALEMONT, June 18 (Meridian Wire) - Arvenia's High Court on Wednesday struck down key parts of a 2022 "
            "law requiring telecoms companies to store the phone and internet records of all customers for two "
            "years, ruling that blanket retention of data was incompatible with the constitution's privacy "
            "guarantee.",
            "The court ruled by five votes to two that the Communications Retention Act went further than necessary "
            'to fight serious crime and gave the state access to "a detailed map of the private lives of the '
            'entire population."',
            "Chief Justice Helena Marsh, writing for the majority, said the law's aims were legitimate but its "
            'means were not. "A state that keeps a record of everyone in case anyone commits a crime has reversed '
            'the presumption on which a free society rests," she wrote.',
            "The case was brought by the digital rights group OpenLine and two journalists, who argued that the law "
            "exposed confidential sources. Under the act, operators were required to retain metadata on about 4.3 "
            "million subscribers, including numbers dialled, location data and internet connection logs.",
            "The court gave the government nine months to pass new legislation. Until then, operators may keep "
            "data only on specific individuals under a judicial order, the ruling said.",
            "Interior Minister Karel Dvorsky said the government respected the ruling but warned that it would make "
            'some investigations harder. "Police will lose a tool they have used in thousands of cases, from '
            'kidnappings to fraud," he said in a statement.',
            "OpenLine's director, Maya Fenwick, called the judgment \"a landmark for every person in Arvenia who "
            'owns a phone."',
            "Two judges dissented, arguing that parliament was entitled to judge what tools the police needed. "
            'Justice Piotr Havel wrote that the majority had "substituted its own view of security for that of the '
            'elected legislature."',
            "The law was passed in 2022 after a series of kidnappings in the capital, with support from both main "
            "parties. Similar laws have been struck down or narrowed by courts in several other countries in recent "
            "years.",
        ],
        "figures": [
            fig(COURT_MAJORITY, 5, "five", None, "High Court", "2025-06-18"),
            fig(SUBSCRIBERS, 4_300_000, "4.3 million", "about", None, "2025-06-18"),
            fig(DEADLINE_MONTHS, 9, "nine", None, "High Court", "2025-06-18"),
        ],
        "quotes": [
            quote("High Court ruling", "a detailed map of the private lives of the entire population."),
            quote(
                "Helena Marsh",
                "A state that keeps a record of everyone in case anyone commits a crime has "
                "reversed the presumption on which a free society rests,",
            ),
            quote(
                "Karel Dvorsky",
                "Police will lose a tool they have used in thousands of cases, from kidnappings to fraud,",
            ),
            quote("Maya Fenwick", "a landmark for every person in Arvenia who owns a phone."),
            quote("Piotr Havel", "substituted its own view of security for that of the elected legislature."),
        ],
    }
)

PAGES.append(
    {
        "file": P_COURT_VP,
        "outlet": "valemont",
        "event": "high-court-retention-ruling",
        "kind": "independent",
        "path": "/arvenia/2025/06/18/high-court-ruling-phone-data-police-operators-scramble/",
        "published": "2025-06-18T21:30:00+02:00",
        "section": ["Arvenia", "Justice"],
        "title": "High Court ruling on phone data leaves police and operators scrambling",
        "author": "Daniel Okafor",
        "tags": ["High Court", "Privacy", "Police", "Telecoms"],
        "body": [
            "Police chiefs and telecoms executives were trying on Wednesday evening to work out what they are "
            "allowed to keep, and for how long, after the High Court threw out the core of Arvenia's data retention "
            "law.",
            "The ruling, backed by five of the court's seven judges, takes effect immediately for new data. But it "
            "leaves unclear what operators should do with the two years of records they already hold on millions of "
            "customers.",
            '"We have about 30 petabytes of retained metadata sitting in secure storage tonight, and no instruction '
            "on whether to delete it,\" said Stefan Aaltonen, chief legal officer of Nordtel, the country's largest "
            'mobile operator. "We will not delete anything until the ministry tells us in writing."',
            "The National Police Directorate said retained data had been used in 6,800 investigations last year, "
            "including 41 kidnapping cases. A spokeswoman, Irena Blom, said the police would comply fully but wanted "
            "parliament to act quickly.",
            "OpenLine, the digital rights group that brought the case, said the police figures showed why the law "
            'had been dangerous. "Every one of those investigations was a moment when the state looked into '
            "someone's private life without a judge,\" said Maya Fenwick, the group's director.",
            "Chief Justice Helena Marsh's majority opinion said the law treated every citizen as a suspect. The two "
            'dissenting judges warned that the decision would leave the police "fighting modern crime with the '
            'tools of the last century".',
            "In parliament, reactions split along unexpected lines. The governing Civic Union, which passed the law "
            "in 2022, said it would draft a narrower version. Some of its own backbenchers welcomed the ruling.",
            '"I voted for this law, and I was wrong to," said Civic Union MP Tomasz Lindqvist. "The court has '
            'done what we should have done ourselves."',
            "The government has nine months to pass a replacement. Interior Minister Karel Dvorsky said a draft "
            'would be published before the summer recess and promised that it would include "real oversight by '
            'judges".',
        ],
        "figures": [
            fig(COURT_MAJORITY, 5, "five", None, None, "2025-06-18"),
            fig(POLICE_INVESTIGATIONS, 6800, "6,800", None, "National Police Directorate", "2024"),
            fig(DEADLINE_MONTHS, 9, "nine", None, None, "2025-06-18"),
        ],
        "quotes": [
            quote(
                "Stefan Aaltonen",
                "We have about 30 petabytes of retained metadata sitting in secure storage "
                "tonight, and no instruction on whether to delete it,",
            ),
            quote(
                "Maya Fenwick",
                "Every one of those investigations was a moment when the state looked into "
                "someone's private life without a judge,",
            ),
            quote("Tomasz Lindqvist", "I voted for this law, and I was wrong to,"),
            quote("Karel Dvorsky", "real oversight by judges"),
        ],
    }
)

PAGES.append(
    {
        "file": P_COURT_HC,
        "outlet": "harbour",
        "event": "high-court-retention-ruling",
        "kind": "independent",
        "path": "/law/2025/jun/19/high-court-data-retention-ruling-explained",
        "published": "2025-06-19T07:00:00+00:00",
        "section": ["Law", "Explainers"],
        "title": "What the High Court\u2019s data ruling means for you",
        "author": "Grace Whitfield",
        "tags": ["Privacy", "High Court", "Explainer"],
        "body": [
            "Arvenia\u2019s High Court on Wednesday struck down most of the Communications Retention Act, the 2022 "
            "law that required phone and internet companies to store records of every customer\u2019s calls, "
            "messages and connections for two years. Here is what changes, and what does not.",
            "What did the court decide? By five votes to two, the judges ruled that storing everyone\u2019s data, "
            "regardless of suspicion, breached the constitution\u2019s guarantee of private life. Chief Justice "
            "Helena Marsh wrote that the law had \u201creversed the presumption on which a free society rests\u201d.",
            "Does my phone company still have my data? For now, yes. Operators hold records going back up to two "
            "years, and the ruling does not say what should happen to them. The telecoms regulator, ARCOM, said on "
            "Thursday that companies should not delete anything until it issues guidance, expected within a month.",
            "Can the police still get data? Only for specific people, with a judge\u2019s order. Before the ruling, "
            "police could request stored records with the approval of a senior officer. The National Police "
            "Directorate says it relies on such requests in thousands of investigations every year.",
            "What happens next? The government has nine months to pass a new law. Interior Minister Karel Dvorsky "
            "has promised a draft before the summer recess. Civil liberties groups want any new law to require a "
            "judge\u2019s approval for every request.",
            "Who brought the case? The digital rights group OpenLine and two investigative journalists, Anika Brandt "
            "and Leo Marchetti, who argued that the law let the state identify their confidential sources. "
            "\u201cJournalism depends on people being able to call us without being logged,\u201d Brandt told the "
            "Harbour Chronicle on Thursday.",
            "Is Arvenia unusual? Not really. Courts in several countries have limited blanket data retention in "
            "recent years, usually on similar grounds. What is unusual is the speed: the government has been given "
            "less than a year, where other countries took several to legislate.",
            "How many people are affected? Almost everyone. The law covered about 4.3 million mobile and broadband "
            "subscribers \u2014 nearly every adult in the country.",
        ],
        "figures": [
            fig(COURT_MAJORITY, 5, "five", None, None, "2025-06-18"),
            fig(DEADLINE_MONTHS, 9, "nine", None, None, "2025-06-18"),
            fig(SUBSCRIBERS, 4_300_000, "4.3 million", "about", None, "2025-06-19"),
        ],
        "quotes": [
            quote("Helena Marsh", "reversed the presumption on which a free society rests"),
            quote("Anika Brandt", "Journalism depends on people being able to call us without being logged,"),
        ],
    }
)

PAGES.append(
    {
        "file": P_COURT_FARM,
        "outlet": "newspulse",
        "event": "high-court-retention-ruling",
        "kind": "copy",
        "source": P_COURT,
        "path": "/2025/06/18/court-kills-phone-data-law-heres-what-happened/",
        "published": "2025-06-18T09:12:00-05:00",
        "section": ["Tech"],
        "title": "Court Kills Phone Data Law: Here\u2019s What Happened",
        "author": "Jake Mercer",
        "tags": ["privacy", "courts", "tech news"],
        "edits": [
            headline_swap(),
            sub(
                "lead sentence lightly edited (dateline removed)",
                "VALEMONT, June 18 (Meridian Wire) - Arvenia's",
                "Arvenia's",
            ),
            boilerplate_inserted(),
        ],
    }
)

PAGES.append(
    {
        "file": P_COURT_KBN,
        "outlet": "kbn",
        "event": "high-court-retention-ruling",
        "kind": "copy",
        "source": P_COURT,
        "path": "/news/arvenia/high-court-rules-phone-data-law-unconstitutional-20250618",
        "published": "2025-06-18T14:05:00+02:00",
        "section": ["News", "Arvenia"],
        "title": "High Court rules phone data law unconstitutional",
        "author": "Rafael Ortiz",
        "byline_suffix": "Meridian Wire",
        "video": "WATCH: Chief Justice Helena Marsh reads the court's ruling",
        "edits": [
            headline_swap(),
            sub(
                "lead sentence lightly edited (dateline removed)",
                "VALEMONT, June 18 (Meridian Wire) - Arvenia's",
                "Arvenia's",
            ),
            trim(1),
            boilerplate_inserted(),
        ],
    }
)

# ================================ Northgate factory fire =============================
# Northgate Courier pages are windows-1252: only characters that encoding has.

PAGES.append(
    {
        "file": P_FIRE,
        "outlet": "northgate",
        "event": "northgate-factory-fire",
        "kind": "original",
        "path": "/news/local/fourteen-dead-in-millbrook-textile-factory-fire-1-4467102",
        "published": "2025-11-07T09:14:00+00:00",
        "section": ["News", "Local"],
        "title": "Fourteen dead in Millbrook textile factory fire",
        "author": "Elaine Foster",
        "body": [
            "Fourteen people died when fire swept through the Brackwater Textiles factory in Northgate\u2019s "
            "Millbrook district overnight, Northgate Fire and Rescue Service said on Friday morning.",
            "The fire broke out shortly after 11pm on Thursday, during the night shift, and spread quickly through "
            "the three-storey building on Canal Road. More than 60 firefighters and 12 engines were sent to the "
            "scene.",
            "Chief Fire Officer Margaret Eldridge said crews had rescued 23 workers from the upper floors, some of "
            "whom had climbed on to the roof. \u201cOur crews went into conditions that were as bad as anything I "
            "have seen in thirty years,\u201d she said. \u201cThey saved lives tonight.\u201d",
            "Nine people were taken to Northgate General Hospital, three of them with serious burns, a hospital "
            "spokesman said.",
            "Workers who escaped said a fire exit on the second floor had been locked. \u201cWe ran to the back door "
            "and it wouldn\u2019t open. We had to go back through the smoke to the main stairs,\u201d said Adriana "
            "Pop, 34, a machinist who had worked at the factory for six years.",
            "Brackwater Textiles, which makes workwear and uniforms, employs around 180 people at the Millbrook "
            "site. The company said in a statement that it was \u201cdevastated\u201d and was co-operating fully "
            "with investigators.",
            "Police have opened an investigation. Detective Superintendent Ravi Menon said it was too early to say "
            "what had caused the fire. \u201cWe will follow the evidence wherever it leads, including to questions "
            "about the building\u2019s safety,\u201d he said.",
            "Canal Road remains closed and residents of nearby streets were told to keep their windows shut because "
            "of the smoke. A rest centre for families has been opened at Millbrook Community Hall.",
            "Council leader Sandra Whitlock said the city was \u201cin shock\u201d. Books of condolence will be "
            "opened at the Town Hall on Saturday \u2014 the first time the council has done so since the Harrowgate "
            "bridge collapse in 1994.",
        ],
        "figures": [
            fig(FIRE_KILLED, 14, "Fourteen", None, "Northgate Fire and Rescue Service", "2025-11-07"),
            fig(FIRE_RESCUED, 23, "23", None, "Margaret Eldridge", "2025-11-07"),
            fig(FIRE_HOSPITAL, 9, "Nine", None, "hospital spokesman", "2025-11-07"),
            fig(FIRE_STAFF, 180, "180", "around", None, "2025-11-07"),
        ],
        "quotes": [
            quote(
                "Margaret Eldridge",
                "Our crews went into conditions that were as bad as anything I have seen in thirty years,",
            ),
            quote(
                "Adriana Pop",
                "We ran to the back door and it wouldn\u2019t open. We had to go back through the "
                "smoke to the main stairs,",
            ),
            quote(
                "Ravi Menon",
                "We will follow the evidence wherever it leads, including to questions about the "
                "building\u2019s safety,",
            ),
        ],
    }
)

PAGES.append(
    {
        "file": P_FIRE_KBN,
        "outlet": "kbn",
        "event": "northgate-factory-fire",
        "kind": "independent",
        "path": "/news/arvenia/northgate-factory-fire-14-killed-locked-exit-20251107",
        "published": "2025-11-07T12:45:00+00:00",
        "section": ["News", "Arvenia"],
        "title": "Northgate factory fire: 14 killed as workers describe locked exit",
        "author": "Priya Lakhani",
        "video": "WATCH: Firefighters battle the blaze at the Brackwater Textiles plant",
        "body": [
            "A fire at a textile factory in Northgate has killed 14 people, Northgate Fire and Rescue Service has "
            "said.",
            "The blaze began late on Thursday at the Brackwater Textiles plant on Canal Road, in the city's "
            "Millbrook area, where about 40 people were working a night shift. Firefighters fought the flames for "
            "more than five hours.",
            "KBN has spoken to two workers who said that a rear fire exit was locked when they tried to escape. "
            'One, who asked not to be named because she feared losing her job, said: "We banged on that door until '
            'our hands were bleeding."',
            "Brackwater Textiles said it would not comment on the claims while the investigation was under way.",
            "Chief Fire Officer Margaret Eldridge said the building's internal layout had made the fire difficult to "
            'fight. "There were stockrooms full of fabric on every floor. Once the fire reached them it moved very, '
            'very fast," she told KBN.',
            "Nine people are being treated in hospital, three of them for serious injuries.",
            "Arvenia's labour minister, Oskar Lindgren, said he would travel to Northgate on Saturday. \"Families "
            'deserve to know whether this was preventable," he said in a post on social media.',
            "It is the deadliest workplace fire in Arvenia since 2011, when 22 people died at a chemical warehouse "
            "in Port Ismer.",
            "The Arvenian Trade Union Confederation called for an immediate inspection of all textile plants in the "
            'region. Its general secretary, Hanna Kovac, said inspections had been "cut to the bone" in recent '
            "years and that many factories had not seen an inspector in a decade.",
            "Northgate City Council has opened a rest centre at Millbrook Community Hall for families waiting for "
            "news, and a helpline for relatives has been set up by police.",
        ],
        "figures": [
            fig(FIRE_KILLED, 14, "14", None, "Northgate Fire and Rescue Service", "2025-11-07"),
            fig(FIRE_HOSPITAL, 9, "Nine", None, None, "2025-11-07"),
        ],
        "quotes": [
            quote(
                "Margaret Eldridge",
                "There were stockrooms full of fabric on every floor. Once the fire reached "
                "them it moved very, very fast,",
            ),
            quote("Oskar Lindgren", "Families deserve to know whether this was preventable,"),
            quote("Hanna Kovac", "cut to the bone"),
        ],
    }
)

PAGES.append(
    {
        "file": P_FIRE_TOLL,
        "outlet": "meridian",
        "event": "northgate-factory-fire",
        "kind": "original",
        "path": "/world/europe/death-toll-in-arvenian-factory-fire-rises-to-16-2025-11-08/",
        "published": "2025-11-08T14:02:00+00:00",
        "section": ["World", "Arvenia"],
        "title": "Death toll in Arvenian factory fire rises to 16; locked exit investigated",
        "author": "Rafael Ortiz",
        "credit": "(Reporting by Rafael Ortiz; Editing by Claire Dunmore)",
        "tags": ["Arvenia", "Industrial accidents"],
        "body": [
            "NORTHGATE, Arvenia, Nov 8 (Meridian Wire) - The death toll from a fire at a textile factory in the "
            "Arvenian city of Northgate rose to 16 on Saturday after two workers died in hospital, the city's fire "
            "service said, as police investigated reports that an emergency exit had been locked.",
            "The fire broke out late on Thursday at the Brackwater Textiles plant in the city's Millbrook district, "
            "which makes workwear and uniforms for the Arvenian army and police.",
            "Seven people remain in hospital, two of them in a critical condition, according to Northgate General "
            "Hospital.",
            "Detective Superintendent Ravi Menon said officers were examining the factory's fire exits and had "
            'seized maintenance records. "We have not arrested anyone and we are not in a position to say how the '
            'fire started," he told reporters.',
            "Several surviving workers have told local media that a rear fire exit on the second floor could not be "
            "opened. Brackwater Textiles has declined to comment on the claims.",
            "Labour Minister Oskar Lindgren visited the site on Saturday and announced a nationwide review of safety "
            'inspections in textile and garment factories. "If rules were broken, people will be held '
            'responsible," he said.',
            "The Arvenian Trade Union Confederation has called a minute's silence in workplaces across the country "
            "on Monday.",
            "The company, which is privately owned, employs about 180 people at the site. Its chief executive, "
            'Gerald Brackwater, said in a statement that the firm was "heartbroken" and would pay for the funerals '
            "of all the victims.",
            "The fire is the deadliest workplace disaster in Arvenia since 2011. Unions have long complained that "
            "the number of labour inspectors has fallen by almost a third over the past decade.",
        ],
        "figures": [
            fig(FIRE_KILLED, 16, "16", None, "Northgate Fire and Rescue Service", "2025-11-08"),
            fig(FIRE_HOSPITAL, 7, "Seven", None, "Northgate General Hospital", "2025-11-08"),
            fig(FIRE_STAFF, 180, "180", "about", None, "2025-11-08"),
        ],
        "quotes": [
            quote(
                "Ravi Menon",
                "We have not arrested anyone and we are not in a position to say how the fire started,",
            ),
            quote("Oskar Lindgren", "If rules were broken, people will be held responsible,"),
        ],
    }
)

PAGES.append(
    {
        "file": P_FIRE_LANTERN,
        "outlet": "lantern",
        "event": "northgate-factory-fire",
        "kind": "copy",
        "source": P_FIRE_TOLL,
        "path": "/news/uk-news/factory-inferno-death-toll-hits-16-3120877",
        "published": "2025-11-08T16:25:00+00:00",
        "section": ["News", "Arvenia News"],
        "title": "Factory inferno death toll hits 16 as probe targets LOCKED fire door",
        "author": "Becky Rowntree",
        "edits": [
            headline_swap(),
            sub(
                "lead sentence lightly edited (dateline removed)",
                "NORTHGATE, Arvenia, Nov 8 (Meridian Wire) - The death toll",
                "The death toll",
            ),
            boilerplate_inserted(),
        ],
    }
)

PAGES.append(
    {
        "file": P_FIRE_INSPECTION,
        "outlet": "northgate",
        "event": "northgate-factory-fire",
        "kind": "independent",
        "path": "/news/local/millbrook-factory-warned-over-fire-exits-1-4469930",
        "published": "2025-11-09T19:45:00+00:00",
        "section": ["News", "Local"],
        "title": "Millbrook factory was warned over fire exits last year, documents show",
        "author": "Elaine Foster and Tom Haskins",
        "body": [
            "Safety inspectors found nine fire safety violations at the Brackwater Textiles factory in Millbrook "
            "last year, including a blocked emergency exit, according to an inspection report seen by the Northgate "
            "Courier.",
            "The report, dated 14 March 2024 and prepared by the regional Labour Inspectorate, gave the company 60 "
            "days to fix the problems. It is not clear whether a follow-up inspection took place.",
            "Among the violations listed were \u201cstorage of combustible materials obstructing the second-floor "
            "escape route\u201d and a fire alarm system that had not been tested for more than a year.",
            "Sixteen people have now died after Thursday night\u2019s fire, which started on the ground floor and "
            "spread through the three-storey building. Survivors have told the Courier and other media that a rear "
            "exit on the second floor was locked.",
            "The Labour Inspectorate confirmed that it had inspected the site in 2024 but would not comment on its "
            "findings while the police investigation continues. A spokesperson said the inspectorate had 41 "
            "inspectors covering more than 9,000 workplaces in the northern region.",
            "Brackwater Textiles\u2019 chief executive, Gerald Brackwater, did not respond to the Courier\u2019s "
            "questions about the report. In a statement on Saturday he said the company had \u201calways taken its "
            "responsibilities seriously\u201d.",
            "Families of the victims gathered on Sunday outside Millbrook Community Hall, where the names of the "
            "dead were read aloud. Among them was Nicol\u00e1s Ferreira, 19, who had started at the factory a month "
            "ago.",
            "His aunt, Luc\u00eda Ferreira, said he had sent her a message at 11.05pm saying there was smoke in the "
            "cutting room. \u201cHe wrote \u2018don\u2019t worry\u2019. That was the last thing,\u201d she said.",
            "Detective Superintendent Ravi Menon said on Sunday that two people had been interviewed under caution. "
            "Neither has been charged.",
            "Labour Minister Oskar Lindgren has promised a nationwide review of factory inspections. Opposition MPs "
            "have called for a public inquiry, and a petition started by Millbrook residents had gathered more "
            "than 2,000 signatures by Sunday evening.",
        ],
        "figures": [
            fig(
                FIRE_VIOLATIONS,
                9,
                "nine",
                None,
                "inspection report seen by the Northgate Courier",
                "2024-03-14",
            ),
            fig(FIRE_KILLED, 16, "Sixteen", None, None, "2025-11-09"),
        ],
        "quotes": [
            quote("Luc\u00eda Ferreira", "He wrote \u2018don\u2019t worry\u2019. That was the last thing,"),
            quote("Gerald Brackwater", "always taken its responsibilities seriously"),
        ],
    }
)

# ================================ Eastbridge election ================================

PAGES.append(
    {
        "file": P_ELECTION_COUNT,
        "outlet": "observer",
        "event": "eastbridge-election-count",
        "kind": "independent",
        "path": "/2026/05/11/eastbridge-count-second-day/",
        "published": "2026-05-11T08:30:00+02:00",
        "section": ["Eastbridge", "Election 2026"],
        "title": "Eastbridge election: count stretches into a second day with Progressive Alliance ahead",
        "author": "Henrik Solberg",
        "tags": ["Election 2026", "Eastbridge"],
        "body": [
            "Counting in the Eastbridge provincial election continued through Sunday night and into Monday, with "
            "the Progressive Alliance ahead in 34 of the 62 seats declared so far, according to figures from the "
            "Provincial Electoral Commission.",
            "The commission said 80 seats were being contested and that full results were expected by Tuesday "
            "evening. Turnout was 61.4 per cent, the highest for a provincial election since 1998.",
            "The count has been slowed by a record number of postal ballots, which must be checked against the "
            "electoral roll before they can be opened. The commission said it had received 198,000 postal votes, "
            "almost double the number four years ago.",
            "At the Eastbridge Exhibition Centre, where ballots from the city\u2019s 14 constituencies are being "
            "counted, party volunteers watched each tray of papers closely. \u201cIt\u2019s slow, but slow is "
            "good,\u201d said Mara Lindholm, a Progressive Alliance scrutineer. \u201cNobody can say this wasn\u2019t "
            "done properly.\u201d",
            "The Progressive Alliance, led by Ruth Castellane, needs 41 seats for a majority. The governing "
            "People\u2019s Party of Eastbridge, under Premier Victor Hale, had won 22 seats by early Monday, with "
            "smaller parties and independents taking the remaining six.",
            "Hale did not concede on Sunday night. \u201cWhen every vote is counted, we will respect the result. "
            "Not before,\u201d he told supporters at a hotel in the city centre.",
            "Castellane struck a cautious note. \u201cWe have not won anything yet,\u201d she said. \u201cThere are "
            "eighteen seats left and some of them are very close.\u201d",
            "The closest contest so far is in Dunmore West, where the People\u2019s Party candidate leads by just "
            "112 votes with all ballots counted. The commission said a recount would be held there on Wednesday if "
            "any candidate requested one.",
            "The election was called early after Hale\u2019s coalition partner, the Farmers\u2019 League, withdrew "
            "its support in February over a dispute about water rights in the Eskar valley.",
        ],
        "figures": [
            fig(PA_SEATS, 34, "34", None, "Provincial Electoral Commission", "2026-05-11"),
            fig(TURNOUT, 61.4, "61.4 per cent", None, "Provincial Electoral Commission", "2026-05-11"),
            fig(POSTAL_VOTES, 198000, "198,000", None, "Provincial Electoral Commission", "2026-05-11"),
            fig(PPE_SEATS, 22, "22", None, None, "2026-05-11"),
            fig(DUNMORE_MARGIN, 112, "112", None, None, "2026-05-11"),
        ],
        "quotes": [
            quote("Mara Lindholm", "It\u2019s slow, but slow is good,"),
            quote("Victor Hale", "When every vote is counted, we will respect the result. Not before,"),
            quote("Ruth Castellane", "We have not won anything yet,"),
        ],
    }
)

PAGES.append(
    {
        "file": P_ELECTION,
        "outlet": "meridian",
        "event": "eastbridge-election-count",
        "kind": "original",
        "path": "/world/europe/opposition-wins-majority-in-eastbridge-provincial-vote-2026-05-12/",
        "published": "2026-05-12T19:10:00+00:00",
        "section": ["World", "Arvenia"],
        "title": "Opposition Progressive Alliance wins majority in Eastbridge provincial vote",
        "author": "Rafael Ortiz",
        "credit": "(Reporting by Rafael Ortiz; Editing by Sofia Lindahl)",
        "tags": ["Arvenia", "Elections"],
        "body": [
            "EASTBRIDGE, Arvenia, May 12 (Meridian Wire) - The opposition Progressive Alliance won a majority in "
            "Eastbridge's provincial parliament, final results showed on Tuesday, ending 12 years of government by "
            "the People's Party of Eastbridge.",
            "The Progressive Alliance won 43 of the 80 seats, according to the Provincial Electoral Commission, two "
            "more than needed for a majority. The People's Party won 29 seats, down from 41 at the last election.",
            "Smaller parties and independents won the remaining eight seats. Turnout was 61.4%, the commission said, "
            "helped by a surge in postal voting.",
            "Progressive Alliance leader Ruth Castellane, a former mayor of Eastbridge city, is expected to be sworn "
            'in as premier next week. "Eastbridge voted for change, and we will not waste a single day of it," she '
            "told supporters early on Tuesday.",
            'Outgoing Premier Victor Hale conceded defeat in a short statement. "The people have spoken clearly, '
            'and I congratulate Ruth Castellane," he said. He said he would stay on as party leader until a '
            "successor was chosen.",
            "The result in one seat, Dunmore West, remains subject to a recount requested by the Progressive "
            "Alliance candidate, who trailed by 112 votes. The outcome will not affect the overall majority.",
            "The campaign was dominated by water rights, housing costs and the future of the province's coal-fired "
            "power station at Ternby, which the Progressive Alliance has promised to close by 2032.",
            "Eastbridge, with a population of about 2.1 million, is Arvenia's third-largest province. The result is "
            "likely to be seen as a warning for Prime Minister Tobias Wren's Civic Union, which governs nationally "
            "in a coalition that includes the People's Party.",
        ],
        "figures": [
            fig(PA_SEATS, 43, "43", None, "Provincial Electoral Commission", "2026-05-12"),
            fig(PPE_SEATS, 29, "29", None, "Provincial Electoral Commission", "2026-05-12"),
            fig(TURNOUT, 61.4, "61.4%", None, "Provincial Electoral Commission", "2026-05-12"),
            fig(DUNMORE_MARGIN, 112, "112", None, None, "2026-05-12"),
        ],
        "quotes": [
            quote(
                "Ruth Castellane", "Eastbridge voted for change, and we will not waste a single day of it,"
            ),
            quote("Victor Hale", "The people have spoken clearly, and I congratulate Ruth Castellane,"),
        ],
    }
)

PAGES.append(
    {
        "file": P_ELECTION_VP,
        "outlet": "valemont",
        "event": "eastbridge-election-count",
        "kind": "copy",
        "source": P_ELECTION,
        "path": "/arvenia/2026/05/12/eastbridge-turns-to-castellane/",
        "published": "2026-05-12T21:45:00+02:00",
        "section": ["Arvenia", "Politics"],
        "title": "Eastbridge turns to Castellane as People's Party loses its grip after 12 years",
        "author": "Rafael Ortiz",
        "byline_suffix": "Meridian Wire",
        "tags": ["Eastbridge", "Elections", "Ruth Castellane"],
        "edits": [
            headline_swap(),
            sub(
                "lead sentence lightly edited (dateline removed)",
                "EASTBRIDGE, Arvenia, May 12 (Meridian Wire) - The opposition",
                "The opposition",
            ),
            sub("number reformat 61.4% -> 61.4 per cent", "61.4%", "61.4 per cent"),
            boilerplate_inserted(),
        ],
    }
)

PAGES.append(
    {
        "file": P_ELECTION_RECOUNT,
        "outlet": "harbour",
        "event": "eastbridge-election-count",
        "kind": "independent",
        "path": "/politics/2026/may/13/dunmore-west-recount-peoples-party-hold",
        "published": "2026-05-13T17:55:00+00:00",
        "section": ["Politics", "Eastbridge"],
        "title": "Dunmore West recount confirms People\u2019s Party hold by 97 votes",
        "author": "Grace Whitfield",
        "tags": ["Eastbridge", "Elections"],
        "body": [
            "A recount in the Eastbridge constituency of Dunmore West on Wednesday confirmed that the People\u2019s "
            "Party had held the seat, but by 97 votes rather than the 112 announced on election night.",
            "The Provincial Electoral Commission said the difference was due to 15 ballots that had been wrongly "
            "counted in the first tally. The result does not change the overall outcome: the Progressive Alliance "
            "holds 43 of the province\u2019s 80 seats.",
            "The Progressive Alliance candidate, Jonas Ekberg, said he accepted the result. \u201cNinety-seven is "
            "closer than 112, but it is still ninety-seven,\u201d he said outside the counting hall. \u201cI wish my "
            "opponent well.\u201d",
            "The People\u2019s Party\u2019s Marit Sandvik, who retains the seat for a third term, said the recount had "
            "been \u201cexactly what democracy should look like: careful, boring and final\u201d.",
            "Ruth Castellane, the premier-elect, used her first press conference on Wednesday to name her finance "
            "and water ministers. She said her government would publish an audit of the province\u2019s finances "
            "within 100 days.",
            "\u201cWe will tell people the truth about what we have inherited,\u201d Castellane said. She declined to "
            "commit to a date for closing the Ternby power station, saying only that the 2032 target "
            "\u201cstands\u201d.",
            "Turnout in the election was 61.4 per cent, according to the commission. Analysts attributed the "
            "increase partly to the surge in postal voting, which nearly doubled compared with four years ago.",
            "Outgoing premier Victor Hale is expected to hand over power on Monday. His party has scheduled a "
            "leadership contest for September, and at least three senior figures are expected to stand.",
            "For Sandvik, the narrow hold was a rare bright spot on a bad week for her party. \u201cWe lost the "
            "province, and we deserve to ask ourselves why,\u201d she said. \u201cBut Dunmore West has told us it "
            "still wants us to listen.\u201d",
        ],
        "figures": [
            fig(DUNMORE_MARGIN, 97, "97", None, "Provincial Electoral Commission", "2026-05-13"),
            fig(DUNMORE_MARGIN, 112, "112", None, None, "2026-05-11"),
            fig(PA_SEATS, 43, "43", None, "Provincial Electoral Commission", "2026-05-13"),
            fig(TURNOUT, 61.4, "61.4 per cent", None, "Provincial Electoral Commission", "2026-05-13"),
        ],
        "quotes": [
            quote("Jonas Ekberg", "Ninety-seven is closer than 112, but it is still ninety-seven,"),
            quote("Marit Sandvik", "exactly what democracy should look like: careful, boring and final"),
            quote("Ruth Castellane", "We will tell people the truth about what we have inherited,"),
        ],
    }
)

# ================================ Valemont rail strike ===============================

PAGES.append(
    {
        "file": P_STRIKE,
        "outlet": "kbn",
        "event": "valemont-rail-strike",
        "kind": "original",
        "path": "/news/arvenia/valemont-rail-strike-1400-services-cancelled-20260120",
        "published": "2026-01-20T10:20:00+01:00",
        "section": ["News", "Arvenia"],
        "title": "Valemont rail strike: around 1,400 services cancelled on first day of walkout",
        "author": "Owen Tarrant",
        "video": "WATCH: Empty platforms at Valemont Central as the strike begins",
        "body": [
            "Around 1,400 train services were cancelled across the Valemont region on Tuesday as rail workers began "
            "a 48-hour strike over pay, according to the state operator, Arvenian Railways.",
            "The company said it was running only 15% of its normal weekday timetable, with most suburban lines "
            "closed entirely and a reduced service on the main line to Northgate.",
            "The strike was called by the Rail and Transit Workers' Union (RTWU), which is demanding a 9.5% pay rise "
            "to make up for inflation over the past two years. Arvenian Railways has offered 4% this year and 3% "
            "next year.",
            '"Our members kept this network running through floods, heatwaves and a pandemic. They are not asking '
            'for a bonus, they are asking to stand still," said RTWU general secretary Bruno Castell on a picket '
            "line at Valemont Central station.",
            "Arvenian Railways' chief executive, Ingrid Solheim, said the union's demand was unaffordable. \"Every "
            'crown we pay above our offer comes from fares or from the taxpayer," she said.',
            "At Valemont Central, the departure boards showed a column of cancellations. Some commuters said they "
            'had set off two hours earlier than usual to catch buses. "I left home at five," said Nina Varga, a '
            'hospital cleaner from Ostby. "I will do it again tomorrow. I understand why they strike, but it is '
            'hard."',
            "Roads into the city were heavily congested during the morning rush hour, and the city's bus operator "
            "said its services were running at capacity. Valemont City Council allowed cars with three or more "
            "passengers to use bus lanes for the two days of the strike.",
            "The government has so far refused to intervene. Transport Minister Elias Morrow said the dispute was "
            '"a matter for the company and the union" and urged both sides to return to talks.',
            "It is the third strike on the network since October. The union has said further action is possible in "
            "February if no agreement is reached.",
        ],
        "figures": [
            fig(RAIL_CANCELLED, 1400, "1,400", "around", "Arvenian Railways", "2026-01-20"),
            fig(RAIL_TIMETABLE, 15, "15%", "only", "Arvenian Railways", "2026-01-20"),
            fig(RAIL_DEMAND, 9.5, "9.5%", None, "Rail and Transit Workers' Union", "2026-01-20"),
            fig(RAIL_OFFER, 4, "4%", None, "Arvenian Railways", "2026-01-20"),
        ],
        "quotes": [
            quote(
                "Bruno Castell",
                "Our members kept this network running through floods, heatwaves and a pandemic. "
                "They are not asking for a bonus, they are asking to stand still,",
            ),
            quote(
                "Ingrid Solheim", "Every crown we pay above our offer comes from fares or from the taxpayer,"
            ),
            quote("Nina Varga", "I left home at five,"),
            quote("Elias Morrow", "a matter for the company and the union"),
        ],
    }
)

PAGES.append(
    {
        "file": P_STRIKE_FARM,
        "outlet": "newspulse",
        "event": "valemont-rail-strike",
        "kind": "rewrite",
        "source": P_STRIKE,
        "path": "/2026/01/20/rail-chaos-more-than-1400-trains-axed-valemont-strike/",
        "published": "2026-01-20T08:55:00-05:00",
        "section": ["World"],
        "title": "Rail Chaos: More Than 1,400 Trains Axed as Valemont Strike Begins",
        "author": "Jake Mercer",
        "tags": ["strike", "trains", "Valemont", "trending"],
        "edits": [
            "sentence-by-sentence paraphrase",
            "qualifier around -> more than",
            "quotes turned into indirect speech",
            "headline swap",
            "boilerplate inserted",
        ],
        "body": [
            "More than 1,400 trains were axed across the Valemont region on Tuesday as rail staff walked out for 48 "
            "hours in a row over pay, state operator Arvenian Railways said.",
            "Just 15% of the usual weekday timetable was running, the operator said, with the majority of suburban "
            "routes shut completely and a reduced service on the main line to Northgate.",
            "The walkout was organised by the Rail and Transit Workers' Union (RTWU), which wants a 9.5% pay "
            "increase to offset two years of inflation. Arvenian Railways has put forward 4% for this year and 3% "
            "for next.",
            "Speaking on a picket line at Valemont Central, RTWU general secretary Bruno Castell said workers had "
            "kept trains running through floods, heatwaves and a pandemic, and were only asking not to fall behind.",
            "Ingrid Solheim, chief executive of Arvenian Railways, insisted the union's demand could not be "
            "afforded, saying any money paid beyond the company's offer would have to come from passengers or "
            "taxpayers.",
            "Many commuters reported leaving home hours earlier than normal in order to catch buses instead. One "
            "hospital cleaner told reporters she had set off at 5 a.m. and would have to do the same the next day.",
            "Traffic into the city was heavy during the morning peak and buses were packed. The city council "
            "temporarily allowed cars carrying three or more people to use bus lanes while the strike lasts.",
            "Transport Minister Elias Morrow has so far declined to get involved, describing the dispute as one for "
            "the company and union to resolve, and called on both sides to get back around the table.",
            "This is the third walkout on the network since October, and the union has warned of more strikes in "
            "February unless a deal is struck.",
        ],
        "figures": [
            fig(RAIL_CANCELLED, 1400, "1,400", "more than", "Arvenian Railways", "2026-01-20"),
            fig(RAIL_TIMETABLE, 15, "15%", "just", "Arvenian Railways", "2026-01-20"),
            fig(RAIL_DEMAND, 9.5, "9.5%", None, "Rail and Transit Workers' Union", "2026-01-20"),
            fig(RAIL_OFFER, 4, "4%", None, "Arvenian Railways", "2026-01-20"),
        ],
        "quotes": [],
    }
)

PAGES.append(
    {
        "file": P_STRIKE_VP,
        "outlet": "valemont",
        "event": "valemont-rail-strike",
        "kind": "independent",
        "path": "/valemont/2026/01/21/rail-strike-day-two-talks-thursday/",
        "published": "2026-01-21T18:05:00+01:00",
        "section": ["Valemont", "Transport"],
        "title": "Rail strike day two: talks set for Thursday as union hints at compromise",
        "author": "Marta Kells",
        "tags": ["Rail strike", "Arvenian Railways", "RTWU"],
        "body": [
            "Arvenian Railways and the Rail and Transit Workers' Union will meet on Thursday for the first talks "
            "since the strike began, both sides said on Wednesday, as the 48-hour walkout brought the Valemont "
            "network to a near standstill for a second day.",
            "The state operator said 1,380 services had been cancelled on Wednesday, slightly fewer than on Tuesday "
            "because some drivers who are not union members had come in to work.",
            "In an interview with the Valemont Post, RTWU general secretary Bruno Castell signalled for the first "
            'time that the union could accept a deal below its 9.5% demand. "Nine and a half is our claim. A claim '
            'is where you start, not where you finish," he said.',
            "He said any agreement would have to include a guarantee that there would be no compulsory redundancies "
            "in ticket offices, which Arvenian Railways plans to close at 40 stations over the next three years.",
            'A spokesman for Arvenian Railways, Mikael Roos, said the company welcomed the talks. "We have always '
            'said the door is open. We are glad the union is walking through it," he said.',
            "Businesses in central Valemont said the strike had cut footfall sharply. The Valemont Chamber of "
            "Commerce estimated that retailers and restaurants in the city centre had lost about 12 million crowns "
            "in sales over the two days.",
            '"Tuesday was like a Sunday in August," said Teodor Ilves, who runs a sandwich shop opposite Valemont '
            'Central. "I threw away half of what I made."',
            'Transport Minister Elias Morrow said he was "encouraged" by the prospect of talks but repeated that '
            "the government would not fund a higher offer.",
            "Normal services are expected to resume on Thursday morning, although Arvenian Railways warned that the "
            "first trains would run later than usual while crews and rolling stock were moved back into position.",
        ],
        "figures": [
            fig(RAIL_CANCELLED, 1380, "1,380", None, "Arvenian Railways", "2026-01-21"),
            fig(RAIL_DEMAND, 9.5, "9.5%", None, "Rail and Transit Workers' Union", "2026-01-21"),
            fig(RAIL_LOSSES, 12_000_000, "12 million", "about", "Valemont Chamber of Commerce", "2026-01-21"),
        ],
        "quotes": [
            quote(
                "Bruno Castell",
                "Nine and a half is our claim. A claim is where you start, not where you finish,",
            ),
            quote(
                "Mikael Roos",
                "We have always said the door is open. We are glad the union is walking through it,",
            ),
            quote("Teodor Ilves", "Tuesday was like a Sunday in August,"),
        ],
    }
)

PAGES.append(
    {
        "file": P_STRIKE_END,
        "outlet": "meridian",
        "event": "valemont-rail-strike",
        "kind": "original",
        "path": "/business/arvenian-rail-union-suspends-further-strikes-2026-01-22/",
        "published": "2026-01-22T20:40:00+00:00",
        "section": ["Business", "Transport"],
        "title": "Arvenian rail union suspends further strikes after pay talks make progress",
        "author": "Sofia Lindahl",
        "credit": "(Reporting by Sofia Lindahl; Editing by Claire Dunmore)",
        "tags": ["Arvenia", "Labour", "Rail"],
        "body": [
            "VALEMONT, Jan 22 (Meridian Wire) - Arvenia's main rail union suspended plans for further strikes on "
            "Thursday after what both sides called constructive talks with the state operator, Arvenian Railways, "
            "following a 48-hour walkout that shut most of the Valemont network.",
            "The Rail and Transit Workers' Union said it would put a revised offer to its members in a ballot over "
            "the next three weeks. Neither side disclosed the details, but two people familiar with the talks said "
            "the offer was worth about 6% this year.",
            '"We have something we can take to our members with our heads up," RTWU general secretary Bruno Castell '
            "said after eight hours of talks at a government conference centre. He did not say whether the union "
            "would recommend accepting it.",
            'Arvenian Railways chief executive Ingrid Solheim said the proposal was "fair to our staff and fair to '
            'the people who pay for the railway."',
            "Services returned to normal on Thursday morning after the strike, which the operator said led to about "
            "2,780 cancellations over two days.",
            "The strike, the third since October, cost the operator an estimated 18 million crowns in lost fares, "
            "according to an internal estimate reported by Arvenian media.",
            "Transport Minister Elias Morrow welcomed the suspension of strike action and said the government "
            'wanted "a settlement that lasts longer than the next timetable change."',
            "The RTWU represents about 11,000 workers, including drivers, conductors and signalling staff. Its "
            "members last accepted a pay deal in 2023, when they voted for a two-year agreement worth 7%.",
            "Business groups in Valemont, which had estimated heavy losses for city-centre shops and restaurants "
            "during the walkout, welcomed the news and urged the union's members to accept the offer.",
        ],
        "figures": [
            fig(RAIL_OFFER, 6, "6%", "about", "two people familiar with the talks", "2026-01-22"),
            fig(RAIL_CANCELLED_TOTAL, 2780, "2,780", "about", "Arvenian Railways", "2026-01-22"),
        ],
        "quotes": [
            quote("Bruno Castell", "We have something we can take to our members with our heads up,"),
            quote("Ingrid Solheim", "fair to our staff and fair to the people who pay for the railway."),
            quote("Elias Morrow", "a settlement that lasts longer than the next timetable change."),
        ],
    }
)

# ================================ pages with no article ==============================

PAGES.append(
    {
        "file": P_SECTION,
        "outlet": "valemont",
        "event": None,
        "kind": "no_article",
        "no_article_kind": "section index",
        "path": "/world/",
        "published": None,
        "section": ["World"],
        "title": "World news | Valemont Post",
        "author": None,
    }
)

PAGES.append(
    {
        "file": P_CONSENT,
        "outlet": "harbour",
        "event": None,
        "kind": "no_article",
        "no_article_kind": "cookie wall",
        "path": "/consent?return=/world/2025/sep/03/deadly-earthquake-strikes-dravic-highlands",
        "published": None,
        "section": [],
        "title": "Before you continue to The Harbour Chronicle",
        "author": None,
    }
)

PAGES.append(
    {
        "file": P_TAG,
        "outlet": "newspulse",
        "event": None,
        "kind": "no_article",
        "no_article_kind": "tag archive",
        "path": "/tag/earthquake/",
        "published": None,
        "section": [],
        "title": "earthquake Archives - NewsPulse Hub",
        "author": None,
    }
)

# --- curated expectations (the builder checks each against the pages) --------------

DIFFERENT_STORY_PAIRS: list[list[str]] = [
    [P_TALKS25_OPEN, P_TALKS26_OPEN],
    [P_TALKS25_STALL, P_TALKS26_FRAMEWORK],
    [P_TALKS25_ANALYSIS, P_TALKS26_TABLE],
    [P_TALKS25_HC, P_TALKS26_VP],
    [P_QUAKE_TOLL, P_FIRE_TOLL],
    [P_STRIKE_END, P_ELECTION],
    [P_COURT, P_QUAKE],
]

CONFLICTS: list[dict[str, Any]] = [
    {
        "event": "kaldar-talks-2025",
        "measure": HOSTAGES,
        "files": [P_TALKS25_OPEN, P_TALKS25_FAMILIES],
        "values": [251, 253],
        "note": "Tessalian government says 251 hostages; the Hostage Families' Forum says 253.",
    },
]

# (event or None, measure): the series is built from the pages' figures.
UPDATES: list[tuple[str | None, str]] = [
    ("kaldar-talks-2025", KILLED_KALDAR),
    ("kaldar-talks-2026", KILLED_KALDAR),
    (None, KILLED_KALDAR),  # across the two rounds: 33,207 (2025) -> 51,140 (2026)
    ("dravic-earthquake", QUAKE_KILLED),
    ("dravic-earthquake", QUAKE_INJURED),
    ("dravic-earthquake", QUAKE_HOMES),
    ("northgate-factory-fire", FIRE_KILLED),
    ("eastbridge-election-count", PA_SEATS),
]

QUALIFIER_DRIFT: list[dict[str, Any]] = [
    {
        "source": P_QUAKE,
        "copy": P_QUAKE_FARM,
        "measure": QUAKE_KILLED,
        "value": 25,
        "from": "as many as",
        "to": "at least",
    },
    {
        "source": P_STRIKE,
        "copy": P_STRIKE_FARM,
        "measure": RAIL_CANCELLED,
        "value": 1400,
        "from": "around",
        "to": "more than",
    },
]

CORROBORATED: list[dict[str, Any]] = [
    {
        "measure": QUAKE_KILLED,
        "value": 31,
        "files": [P_QUAKE_KBN, P_QUAKE_TOLL],
        "note": "KBN and Meridian Wire report 31 dead independently, both citing the civil protection agency.",
    },
    {
        "measure": FIRE_KILLED,
        "value": 14,
        "files": [P_FIRE, P_FIRE_KBN],
        "note": "Northgate Courier and KBN report 14 dead in independent reports.",
    },
    {
        "measure": TURNOUT,
        "value": 61.4,
        "files": [P_ELECTION_COUNT, P_ELECTION, P_ELECTION_RECOUNT],
        "note": "Three outlets report 61.4% turnout.",
    },
]

SINGLE_SOURCE: list[dict[str, Any]] = [
    {"file": P_FIRE_INSPECTION, "measure": FIRE_VIOLATIONS, "value": 9},
    {"file": P_QUAKE_BRASTA, "measure": GRANT_HOUSEHOLDS, "value": 38},
    {"file": P_COURT_VP, "measure": POLICE_INVESTIGATIONS, "value": 6800},
    {"file": P_QUAKE_KBN, "measure": QUAKE_DISPLACED, "value": 4500},
]
