"""A synthetic storytrace store for the web benchmark: N articles in stories, with reuse links and facts.

    .venv/bin/python bench/web_store.py --out /tmp/web_bench/store-100000.db [--articles 100000]
        [--seed 7] [--overwrite] [--quiet]

Or from Python (``bench/`` is scripts: load this file by path)::

    counts = build_store(Path("/tmp/web_bench/store-100000.db"), 100_000, seed=7)

The result is a real store (``Store.open`` creates it with the bundled migrations;
every row goes in through the store's own write functions), deterministic for a
seed except the wall-clock stamps the store adds itself (link ``created_at``, the
run record). Its shape:

- 40 outlets: 6 wires, 24 papers and broadcasters, 10 content farms, each with
  its own UTC offset, domain, feed and (except farms) bylines.
- Stories of 1-40 articles, P(k) ~ k^-1.33 (mean about 6, two thirds of stories
  1-5 articles, about 9% 20-40), starting uniformly over 2023-2025; the founder is
  published at the start, the others within 4 days (exponential, mean 20 hours).
  Each story is an event of one of ten kinds (floods, earthquakes, factory fires,
  train crashes, strikes, elections, protests, job cuts, outbreaks, wildfires) in
  a made-up place, with 1-3 made-up people, an organisation, a main measure
  ("person killed", "job cut", ...) and two secondary ones.
- Article text: 150-600 words in short paragraphs of template sentences filled
  with the story's words: a lead that states the main figure, secondary figures,
  quotes of the story's people, fillers; wires open with a dateline.
- Reuse: 28% of the non-founding members of a story reuse an earlier member:
  copies (half: the text with 0-2 edits to a number, qualifier, attribution or
  quote, a footer, sometimes the last paragraph dropped), rewrites (30%: new text
  with the source's figures) and partial reuse (20%: own text with 1-2 of the
  source's paragraphs pasted in). Each is a ``ReuseLink`` decided by publication
  time, with 1-5 passages whose offsets are exact (verbatim passages are equal text
  on both sides) and the edits made.
- Stories: every article is assigned with a ``StoryWrite`` as the tracker would:
  "started" (score 0), "joined" (score 0.35-0.9), "copy of <id>" (score 1) for copies
  and rewrites; entities JSON of the people, place, country and organisation named
  in the headline and lead; no vectors.
- Facts: 2-7 figures per article (main measure, secondary measures, sometimes a
  background figure dated to an earlier year, an age, a distance) and 0-4 quotes,
  with offsets into the text. Per story the main measure agrees, drifts in its
  qualifier, rises over time (update) or is disputed (conflict), so
  ``storytrace.facts`` shows every status; a copy carries its source's values.

Articles are written in publication order in batches of 2,000 (one transaction
per batch and table family). ``<path>.json`` beside the store records the
parameters and counts; ``build_store`` reuses a store whose sidecar matches.
"""

from __future__ import annotations

import argparse
import heapq
import json
import math
import os
import random
import sys
import time
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

from storytrace.extract import article_id
from storytrace.grouping.cluster import story_id
from storytrace.model import (
    Article,
    Direction,
    Edit,
    Figure,
    IngestReport,
    Passage,
    Quote,
    ReuseLink,
    Sighting,
)
from storytrace.statements.stored import VERSION as FACTS_VERSION
from storytrace.store import Store, StoryWrite

__all__ = ["BATCH", "GENERATOR", "build_store", "main"]

#: Bump when the generated data changes: a cached store of another generator is rebuilt.
GENERATOR = "web-store-1"
#: Articles per write batch.
BATCH = 2000

_START = int(datetime(2023, 1, 1, tzinfo=UTC).timestamp())
_SPAN = 3 * 365 * 86400
_MAX_SIZE = 40
_SIZE_EXPONENT = 1.33
_REUSE_SHARE = 0.28
_SPREAD = 4 * 86400
_HOURS = 3600

# -- outlets -------------------------------------------------------------------

_WIRES = [
    "Meridian Wire",
    "Continental Press Agency",
    "Atlas News Service",
    "Northstar Wire",
    "Pacific Newswire",
    "United Dispatch",
]
_PAPERS = [
    "The Harbour Chronicle",
    "The Valley Gazette",
    "Lakeside Herald",
    "The Morning Ledger",
    "Capital Courier",
    "The Northern Post",
    "Riverbend Times",
    "The Coastal Observer",
    "The Evening Record",
    "Highland Tribune",
    "The Metro Daily",
    "Westfield Examiner",
    "The Southern Star",
    "Granite City Journal",
    "The Daily Compass",
    "Bayside Bulletin",
    "The Weekly Lantern",
    "Eastport Sentinel",
    "The Prairie Voice",
    "Summit Broadcasting",
    "Channel Nine News",
    "The Civic Review",
    "Orchard Valley Press",
    "The Independent Monitor",
]
_FARMS = [
    "DailyBuzzHub",
    "NewsFlash 24",
    "TrendingNow Daily",
    "ViralPulse",
    "QuickRead News",
    "TopStory Online",
    "HeadlineHub",
    "ClickFeed Today",
    "InstaNews Net",
    "FeedFirst",
]
_OFFSETS = [0.0, 1.0, 2.0, -5.0, -8.0, 5.5, 10.0, 3.0, -3.0, 8.0, -4.0]

_FIRST = (
    "Mirela Tomas Ana Jonas Sofia Lukas Elena Marco Ines David Leila Omar Nadia Pavel Clara Erik Hana Ivan "
    "Maya Noah Rosa Samir Tara Viktor Zara Adam Bianca Carlos Dora Emil Fatima Georg Helena Igor Julia "
    "Karim Lena Mateo Nora Oskar Petra Rafael Selma Teodor Ursula Vera Walter Yasmin Anton Beatrix Cyril "
    "Daria Felix Greta Hugo Irene Jakob Katya Leon Milena"
).split()
_LAST = (
    "Tanase Okafor Lindqvist Moreau Brandt Kovac Haddad Petrov Alvarez Nakamura Osei Fischer Novak "
    "Rahman Silva Duarte Varga Berg Costa Ionescu Jensen Keller Laurent Mensah Nilsen Ortega Pereira "
    "Quinn Rossi Schubert Toivonen Urbina Vidal Weber Yilmaz Zeller Abara Bianchi Cardoso Dimitrov "
    "Eriksen Falk Grant Horvat Ibsen Jovanovic Kaplan Lorenz Marsh Navarro Olsen Pavlik Reyes Sandoval "
    "Thorne Ulrich Vasquez Wolff Arslan Bauer Chen Dahl Engel Ferreira Gallo Hart Iqbal Janssen Kim Lund "
    "Maddox Nyberg Oduya Pike Radu Sorensen"
).split()
_PLACE_HEADS = (
    "Var Kest Lind Bram Cor Dun Elm Fal Gran Hol Ivel Jor Kel Mar Nor Ost Pell Quar Ros Sel Tor Vel Wen Yar"
).split()
_PLACE_TAILS = "no moor haven ford bay wick stead ton ridge mouth field gate".split()
_COUNTRIES = [
    ("Kaldar", "Vestry"),
    ("Veloria", "Sant Amel"),
    ("Marenland", "Oldhaven"),
    ("Talvia", "Rusk"),
    ("Brevonia", "Castelmar"),
    ("Castrel", "Lunet"),
    ("Durmenia", "Aldport"),
    ("Estravia", "Pellamy"),
    ("Falkreach", "Norvik"),
    ("Galdor", "Tessel"),
    ("Hestria", "Maravel"),
    ("Ilvania", "Corrin"),
]
_WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]

# -- event kinds -----------------------------------------------------------------
# Figure templates hold "{qual}{N}": the qualifier (with its space) and the number.

_CASUALTY_ATTRS = [
    "police",
    "the interior ministry",
    "local officials",
    "emergency services",
    "the regional government",
]


def _kind(**kw: Any) -> dict[str, Any]:
    return kw


_KINDS: list[dict[str, Any]] = [
    _kind(
        key="flood",
        section="world",
        event="the floods",
        noun="flood",
        casualties=True,
        main=("people killed", "person killed", None, 2, 90),
        main_tpl=[
            "Floodwaters swept through {place} overnight, killing {qual}{N} people, {attr} said.",
            "{Attr} said {qual}{N} people had died in the flooding in {place}.",
            "The death toll from the floods in {place} has risen to {qual}{N}, according to {attr}.",
        ],
        restate="Officials warned that the toll of {qual}{N} dead could still rise as rescuers reach cut-off villages.",
        attrs=_CASUALTY_ATTRS,
        seconds=[
            (
                "homes damaged",
                "home damage",
                None,
                40,
                4000,
                [
                    "Days of heavy rain left {qual}{N} homes damaged across the region, {attr} said.",
                    "Authorities said {qual}{N} homes had been damaged or destroyed.",
                ],
            ),
            (
                "people evacuated",
                "person evacuate",
                None,
                200,
                30000,
                [
                    "{Attr} said {qual}{N} people had been evacuated from low-lying areas.",
                    "Whole neighbourhoods were emptied as {qual}{N} people were moved to emergency shelters.",
                ],
            ),
        ],
        topics=[
            "rising water levels",
            "submerged roads",
            "power cuts",
            "mudslides",
            "overflowing rivers",
            "damaged bridges",
            "shortages of drinking water",
            "waterlogged farmland",
        ],
        titles=[
            "{N} killed as floods hit {place}",
            "Floods in {place} leave {N} dead",
            "Deadly floods sweep through {place}",
            "{surname} pledges help after {place} floods",
            "Rescuers search for survivors after {place} floods",
        ],
        roles=["the mayor of {place}", "a regional governor", "the head of {org}"],
        orgs=["{place} Fire and Rescue", "the {country} Red Cross", "the National Weather Office"],
        quotes=[
            "We have never seen water rise this fast in {place}",
            "Our teams are working around the clock to reach every family",
            "The priority now is clean water and shelter for everyone who lost their home",
            "We will rebuild {place} but it will take years",
            "People need to stay away from the rivers until the water goes down",
            "Nobody expected the rain to last this long",
        ],
    ),
    _kind(
        key="earthquake",
        section="world",
        event="the earthquake",
        noun="earthquake",
        casualties=True,
        main=("people killed", "person killed", None, 3, 400),
        main_tpl=[
            "A powerful earthquake struck near {place} on {day}, killing {qual}{N} people, {attr} said.",
            "{Attr} said {qual}{N} people were killed when the quake hit {place}.",
            "The number of people killed in the earthquake near {place} has reached {qual}{N}, according to {attr}.",
        ],
        restate="Rescuers feared the toll of {qual}{N} dead would rise as they searched the rubble.",
        attrs=_CASUALTY_ATTRS + ["the national disaster agency"],
        seconds=[
            (
                "magnitude",
                "magnitude",
                "magnitude",
                4.8,
                7.9,
                [
                    "The quake had a magnitude of {qual}{N}, {attr} said.",
                    "Seismologists measured the tremor at magnitude {qual}{N}.",
                ],
            ),
            (
                "buildings collapsed",
                "building collapse",
                None,
                10,
                2500,
                [
                    "{Attr} said {qual}{N} buildings had collapsed in and around {place}.",
                    "The tremor brought down {qual}{N} buildings, many of them older homes.",
                ],
            ),
        ],
        topics=[
            "aftershocks",
            "collapsed buildings",
            "cracked roads",
            "makeshift camps",
            "damaged hospitals",
            "landslides in the hills",
            "blocked mountain roads",
            "fears of further tremors",
        ],
        titles=[
            "Earthquake near {place} kills {N}",
            "{N} dead as quake strikes {place}",
            "Powerful earthquake hits {place}",
            "{surname} visits quake zone near {place}",
            "Search for survivors continues after {place} quake",
        ],
        roles=["the mayor of {place}", "a government minister", "the head of {org}"],
        orgs=["the National Disaster Agency", "the {country} Red Cross", "{place} Civil Protection"],
        quotes=[
            "The whole building shook and then everything went dark",
            "We are still pulling people out of the rubble in {place}",
            "Every available team has been sent to the worst hit areas",
            "We need heavy equipment and we need it now",
            "Families are sleeping outside because they are afraid to go home",
            "The government will cover the cost of rebuilding every school",
        ],
    ),
    _kind(
        key="fire",
        section="national",
        event="the factory fire",
        noun="fire",
        casualties=True,
        main=("people killed", "person killed", None, 1, 45),
        main_tpl=[
            "A fire tore through a textile factory in {place} on {day}, killing {qual}{N} people, {attr} said.",
            "{Attr} said {qual}{N} people died in the factory fire in {place}.",
            "The blaze at the factory in {place} killed {qual}{N} workers, according to {attr}.",
        ],
        restate="Investigators said the toll of {qual}{N} dead made it the worst industrial fire in years.",
        attrs=_CASUALTY_ATTRS + ["the fire service"],
        seconds=[
            (
                "workers injured",
                "worker injure",
                None,
                3,
                200,
                [
                    "{Attr} said {qual}{N} workers were injured, several of them seriously.",
                    "Hospitals in {place} treated {qual}{N} injured workers overnight.",
                ],
            ),
            (
                "firefighters",
                "firefighter",
                None,
                20,
                400,
                [
                    "{qual_cap}{N} firefighters were sent to the scene, {attr} said.",
                    "It took {qual}{N} firefighters most of the night to bring the blaze under control.",
                ],
            ),
        ],
        topics=[
            "locked fire exits",
            "safety inspections",
            "toxic smoke",
            "overcrowded workshops",
            "missing workers",
            "compensation for families",
            "building code violations",
            "the factory owners",
        ],
        titles=[
            "Factory fire in {place} kills {N}",
            "{N} dead in {place} factory blaze",
            "Deadly blaze at {place} factory",
            "{surname} orders inquiry into {place} fire",
            "Families wait for news after {place} factory fire",
        ],
        roles=["the mayor of {place}", "a union leader", "the head of {org}"],
        orgs=["{place} Fire Service", "the Labour Inspectorate", "the Garment Workers Union"],
        quotes=[
            "The fire exits were locked and nobody could get out",
            "We demand a full investigation into what happened in {place}",
            "Those responsible for this tragedy will be held to account",
            "We warned the owners about the wiring months ago",
            "Our thoughts are with the families who lost loved ones",
            "Every factory in the region will be inspected",
        ],
    ),
    _kind(
        key="rail",
        section="national",
        event="the train crash",
        noun="crash",
        casualties=True,
        main=("people killed", "person killed", None, 1, 60),
        main_tpl=[
            "A passenger train derailed near {place} on {day}, killing {qual}{N} people, {attr} said.",
            "{Attr} said {qual}{N} people were killed when two trains collided outside {place}.",
            "The train crash near {place} has left {qual}{N} people dead, according to {attr}.",
        ],
        restate="Rail officials said the toll of {qual}{N} dead was the highest on the line in decades.",
        attrs=_CASUALTY_ATTRS + ["the rail operator"],
        seconds=[
            (
                "passengers injured",
                "passenger injure",
                None,
                5,
                300,
                [
                    "{Attr} said {qual}{N} passengers were injured in the crash.",
                    "Ambulances took {qual}{N} injured passengers to hospitals in {place}.",
                ],
            ),
            (
                "passengers on board",
                "passenger on board",
                None,
                80,
                900,
                [
                    "The train was carrying {qual}{N} passengers, {attr} said.",
                    "{Attr} said {qual}{N} passengers had been on board when it left the station.",
                ],
            ),
        ],
        topics=[
            "signalling failures",
            "ageing rolling stock",
            "delayed maintenance",
            "track inspections",
            "stranded passengers",
            "replacement bus services",
            "the wreckage",
            "railway safety rules",
        ],
        titles=[
            "Train crash near {place} kills {N}",
            "{N} dead after derailment near {place}",
            "Rail disaster outside {place}",
            "{surname} promises answers after {place} train crash",
            "Investigators examine wreckage of {place} train",
        ],
        roles=["the transport minister", "the chief executive of {org}", "the mayor of {place}"],
        orgs=["National Rail Services", "the Rail Safety Board", "{place} Transit"],
        quotes=[
            "There was a loud bang and the carriage turned over",
            "We will not speculate on the cause until the investigation is complete",
            "Safety on our railways must come before everything else",
            "The signalling on this line should have been replaced years ago",
            "Our staff are supporting passengers and their families",
            "Services through {place} will remain suspended for several days",
        ],
    ),
    _kind(
        key="strike",
        section="business",
        event="the strike",
        noun="strike",
        casualties=False,
        main=("workers on strike", "worker strike", None, 500, 80000),
        main_tpl=[
            "{Attr} said {qual}{N} workers had walked out at sites across {place}.",
            "The strike in {place} involves {qual}{N} workers, according to {attr}.",
            "Picket lines formed outside plants in {place} as {qual}{N} workers stopped work, {attr} said.",
        ],
        restate="With {qual}{N} workers out, production in the region has largely stopped.",
        attrs=["the union", "organisers", "the labour ministry", "company management"],
        seconds=[
            (
                "pay rise",
                "pay rise",
                "percent",
                3,
                15,
                [
                    "The union is demanding a pay rise of {qual}{N}, {attr} said.",
                    "Workers want wages raised by {qual}{N} to keep up with prices.",
                ],
            ),
            (
                "days of strike",
                "day strike",
                "duration:days",
                1,
                21,
                [
                    "The union said the walkout would last {qual}{N} days.",
                    "{Attr} said the strike could run for {qual}{N} days if talks fail.",
                ],
            ),
        ],
        topics=[
            "stalled pay talks",
            "rising living costs",
            "picket lines",
            "delayed deliveries",
            "empty production lines",
            "overtime rules",
            "pension changes",
            "the employers' offer",
        ],
        titles=[
            "{N} workers strike in {place}",
            "Strike hits {place} as talks stall",
            "Workers walk out across {place}",
            "{surname} calls for talks to end {place} strike",
            "No end in sight for {place} strike",
        ],
        roles=["a union leader", "the labour minister", "the chief executive of {org}"],
        orgs=["the General Workers Union", "{place} Industrial Group", "the Employers Federation"],
        quotes=[
            "Our members cannot keep working for wages that do not cover the rent",
            "The door to negotiations remains open",
            "This strike is costing the economy of {place} every single day",
            "We will stay out until there is a fair offer on the table",
            "The company has made its final offer",
            "Nobody wants a long strike but we have been left with no choice",
        ],
    ),
    _kind(
        key="election",
        section="politics",
        event="the election",
        noun="election",
        casualties=False,
        main=("seats won", "seat win", None, 20, 180),
        main_tpl=[
            "{Attr} said the governing party had won {qual}{N} seats in the vote in {place}.",
            "The opposition alliance took {qual}{N} seats in the regional election, according to {attr}.",
            "With most votes counted, the ruling bloc secured {qual}{N} seats, {attr} said.",
        ],
        restate="The {qual}{N} seats leave the winners short of an outright majority.",
        attrs=["the electoral commission", "official results", "party officials", "preliminary results"],
        seconds=[
            (
                "turnout",
                "turnout",
                "percent",
                35,
                85,
                [
                    "Turnout was {qual}{N}, {attr} said.",
                    "{Attr} put turnout at {qual}{N}, up on the last election.",
                ],
            ),
            (
                "votes counted",
                "vote count",
                None,
                50000,
                2000000,
                [
                    "{Attr} said {qual}{N} votes had been counted by midnight.",
                    "By the end of counting, {qual}{N} ballots had been tallied.",
                ],
            ),
        ],
        topics=[
            "coalition talks",
            "long queues at polling stations",
            "campaign promises",
            "the cost of living",
            "allegations of irregularities",
            "the new parliament",
            "a fragmented opposition",
            "voter apathy",
        ],
        titles=[
            "Ruling party wins {N} seats in {place} vote",
            "{place} election: results show close race",
            "{surname} claims victory in {place}",
            "Coalition talks loom after {place} election",
            "Voters in {place} deliver split verdict",
        ],
        roles=["the party leader", "the prime minister", "an opposition leader"],
        orgs=["the Electoral Commission", "the Democratic Alliance", "the People's Party"],
        quotes=[
            "The people of {place} have spoken and we will listen",
            "This result is a mandate for change",
            "We will talk to every party that shares our values",
            "The count was fair and transparent",
            "We are disappointed but we accept the result",
            "Our work to build a coalition starts tomorrow",
        ],
    ),
    _kind(
        key="protest",
        section="politics",
        event="the protests",
        noun="protest",
        casualties=False,
        main=("people arrested", "person arrest", None, 5, 600),
        main_tpl=[
            "Police said {qual}{N} people had been arrested during the protests in {place}.",
            "{Attr} said {qual}{N} protesters were detained after clashes in central {place}.",
            "The protests in {place} ended with {qual}{N} arrests, according to {attr}.",
        ],
        restate="Lawyers for the {qual}{N} people detained said many had been held without charge.",
        attrs=["police", "the interior ministry", "rights groups", "organisers"],
        seconds=[
            (
                "protesters",
                "protester",
                None,
                800,
                120000,
                [
                    "{Attr} estimated that {qual}{N} people took part in the march.",
                    "Crowds of {qual}{N} filled the main square, {attr} said.",
                ],
            ),
            (
                "officers injured",
                "officer injure",
                None,
                2,
                90,
                [
                    "{Attr} said {qual}{N} officers had been injured in the clashes.",
                    "Police said {qual}{N} of their officers were hurt.",
                ],
            ),
        ],
        topics=[
            "tear gas",
            "road blockades",
            "the new law",
            "banners and chants",
            "a heavy police presence",
            "calls for the minister to resign",
            "closed metro stations",
            "a night-time curfew",
        ],
        titles=[
            "{N} arrested as protests sweep {place}",
            "Thousands march in {place}",
            "Police clash with protesters in {place}",
            "{surname} condemns crackdown in {place}",
            "Protests in {place} enter another day",
        ],
        roles=["a protest organiser", "the interior minister", "a rights campaigner"],
        orgs=["the Citizens Movement", "the {country} Human Rights League", "{place} Police"],
        quotes=[
            "We will keep coming back until the law is withdrawn",
            "The police used force against peaceful people",
            "Public order must be maintained in {place}",
            "Young people feel that nobody is listening to them",
            "Those who broke the law will face the courts",
            "This movement is not going away",
        ],
    ),
    _kind(
        key="jobs",
        section="business",
        event="the job cuts",
        noun="job cuts",
        casualties=False,
        main=("jobs cut", "job cut", None, 100, 15000),
        main_tpl=[
            "{org_cap} said it would cut {qual}{N} jobs at its sites in {place}.",
            "{Attr} said {qual}{N} jobs would go as part of a restructuring plan.",
            "The restructuring will eliminate {qual}{N} positions in {place}, according to {attr}.",
        ],
        restate="Unions said the loss of {qual}{N} jobs would hit {place} hard.",
        attrs=["the company", "union representatives", "a company filing", "people familiar with the plan"],
        seconds=[
            (
                "savings",
                "saving",
                "currency:USD",
                5e6,
                9e8,
                [
                    "The cuts are expected to save {qual}{N} a year, {attr} said.",
                    "{Attr} said the plan would save {qual}{N} annually.",
                ],
            ),
            (
                "share price fall",
                "share price fall",
                "percent",
                2,
                25,
                [
                    "Shares in the company fell {qual}{N} after the announcement.",
                    "The company's stock dropped by {qual}{N} in early trading, {attr} said.",
                ],
            ),
        ],
        topics=[
            "falling orders",
            "automation",
            "cheaper competitors abroad",
            "redundancy packages",
            "the plant's future",
            "government subsidies",
            "retraining schemes",
            "weak demand",
        ],
        titles=[
            "{org_cap} to cut {N} jobs",
            "{N} jobs to go in {place}",
            "Job cuts shock {place}",
            "{surname} defends {place} restructuring",
            "Workers in {place} fear for their future",
        ],
        roles=["the chief executive of {org}", "a union leader", "the economy minister"],
        orgs=["Northwind Industries", "Halvard Motors", "Corvane Steel", "Brightline Logistics"],
        quotes=[
            "These decisions are never easy but they are necessary",
            "The workers of {place} are paying for management mistakes",
            "We will support every employee affected by these changes",
            "The government must step in to save these jobs",
            "Demand has fallen faster than anyone expected",
            "We are committed to keeping a presence in {place}",
        ],
    ),
    _kind(
        key="outbreak",
        section="health",
        event="the outbreak",
        noun="outbreak",
        casualties=False,
        main=("cases confirmed", "case confirm", None, 10, 8000),
        main_tpl=[
            "Health officials said {qual}{N} cases had been confirmed in {place}.",
            "{Attr} has confirmed {qual}{N} cases of the illness in and around {place}.",
            "The outbreak in {place} has grown to {qual}{N} confirmed cases, according to {attr}.",
        ],
        restate="Doctors said the {qual}{N} confirmed cases were probably an undercount.",
        attrs=[
            "the health ministry",
            "regional health authorities",
            "hospital officials",
            "the public health agency",
        ],
        seconds=[
            (
                "people hospitalised",
                "person hospitalise",
                None,
                3,
                900,
                [
                    "{Attr} said {qual}{N} people were being treated in hospital.",
                    "Hospitals in {place} have admitted {qual}{N} patients so far.",
                ],
            ),
            (
                "vaccine doses",
                "vaccine dose",
                None,
                5000,
                500000,
                [
                    "{Attr} said {qual}{N} vaccine doses would be sent to the region.",
                    "A shipment of {qual}{N} vaccine doses arrived in {place} on {day}.",
                ],
            ),
        ],
        topics=[
            "crowded clinics",
            "contaminated water",
            "vaccination queues",
            "school closures",
            "travel restrictions",
            "testing capacity",
            "shortages of medicine",
            "contact tracing",
        ],
        titles=[
            "{N} cases confirmed in {place} outbreak",
            "Outbreak spreads in {place}",
            "Health alert issued for {place}",
            "{surname} urges calm over {place} outbreak",
            "Hospitals in {place} under strain",
        ],
        roles=["the health minister", "the head of {org}", "a senior doctor in {place}"],
        orgs=["the Public Health Agency", "{place} General Hospital", "the {country} Medical Association"],
        quotes=[
            "The situation is serious but it is under control",
            "We are asking everyone in {place} to wash their hands and boil their water",
            "Our hospitals are close to capacity",
            "Vaccination is the best way to stop this outbreak",
            "We expect the number of cases to rise before it falls",
            "Testing has been expanded to every district",
        ],
    ),
    _kind(
        key="wildfire",
        section="world",
        event="the wildfire",
        noun="wildfire",
        casualties=False,
        main=("hectares burned", "hectare burn", "measure:ha", 200, 90000),
        main_tpl=[
            "The fire has burned {qual}{N} hectares of forest near {place}, {attr} said.",
            "{Attr} said the wildfire had destroyed {qual}{N} hectares around {place}.",
            "Flames have scorched {qual}{N} hectares of land near {place}, according to {attr}.",
        ],
        restate="The {qual}{N} hectares burned make it the largest fire in the region this year.",
        attrs=["firefighters", "the forestry service", "regional officials", "emergency services"],
        seconds=[
            (
                "people evacuated",
                "person evacuate",
                None,
                100,
                40000,
                [
                    "{Attr} said {qual}{N} people had been told to leave their homes.",
                    "Authorities ordered {qual}{N} residents to evacuate villages near {place}.",
                ],
            ),
            (
                "firefighters",
                "firefighter",
                None,
                50,
                3000,
                [
                    "{qual_cap}{N} firefighters were battling the flames, {attr} said.",
                    "{Attr} said {qual}{N} firefighters and several water-bombing planes were deployed.",
                ],
            ),
        ],
        topics=[
            "strong winds",
            "dry conditions",
            "thick smoke",
            "closed motorways",
            "water-bombing aircraft",
            "burnt-out farmhouses",
            "poor air quality",
            "shifting fire fronts",
        ],
        titles=[
            "Wildfire burns {N} hectares near {place}",
            "Thousands flee wildfire near {place}",
            "Firefighters battle blaze near {place}",
            "{surname} declares emergency over {place} fire",
            "Winds fan wildfire near {place}",
        ],
        roles=["the head of {org}", "a regional governor", "the mayor of {place}"],
        orgs=["the Forestry Service", "{place} Fire Brigade", "the National Weather Office"],
        quotes=[
            "The wind is pushing the fire towards the villages",
            "Anyone told to leave must leave immediately",
            "We have not seen conditions this dry in decades",
            "Our crews have been on the front line for three days without rest",
            "The smoke can be seen from {place}",
            "We will need help from neighbouring regions",
        ],
    ),
]

_FILLER_SUBJECTS = [
    "Officials in {place}",
    "Residents of {place}",
    "Emergency crews",
    "Aid groups",
    "Local business owners",
    "Opposition politicians",
    "Analysts",
    "Witnesses",
    "Volunteers from {org}",
    "Regional authorities",
    "Community leaders",
    "Staff at {org}",
    "Government ministers in {country}",
    "Several families",
    "Reporters at the scene",
    "People in neighbouring towns",
]
_FILLER_PREDICATES = [
    "said they were preparing for {topic} in the coming days",
    "described {topic} across parts of {place}",
    "called for an independent review of the handling of {event}",
    "warned that {topic} could take weeks to resolve",
    "urged people to follow official guidance and avoid unnecessary travel",
    "said the response to {event} had been slower than expected",
    "praised the work of {org} over the past few days",
    "said {topic} remained their biggest concern",
    "met on {day} to discuss the next steps",
    "asked the national government in {country} for more support",
    "said it was too early to say what caused {event}",
    "spent much of {day} assessing the impact of {event}",
    "reported {topic} and long queues at supply points",
    "said lessons had to be learned from {event}",
    "expressed frustration at the lack of clear information",
    "said they had not been warned in time about {topic}",
    "expected a fuller assessment to be published later in the week",
    "gathered outside the town hall in {place} on {day}",
    "said the situation in {place} was slowly returning to normal",
    "pointed to {topic} as a sign of deeper problems in the region",
    "said {topic} had made a difficult week even harder",
    "questioned whether enough had been done to prepare for {event}",
    "said they would keep a close eye on {topic}",
    "were still waiting for answers on {day}",
    "shared photographs showing {topic} near the centre of {place}",
    "said the national media had paid too little attention to {topic}",
    "called on {org} to publish its figures more often",
    "said they hoped {event} would lead to lasting change",
]
_FILLER_STANDALONE = [
    "The full extent of the damage was not yet clear on {day}.",
    "{Event} dominated the front pages of newspapers across {country}.",
    "It was not immediately possible to verify all of the reports independently.",
    "More information is expected to be released at a briefing on {day}.",
    "The government has faced criticism over its handling of similar events in the past.",
    "Schools in parts of {place} remained closed, according to local media.",
    "Transport links between {place} and {capital} were disrupted for much of the day.",
    "{Org} said it would provide further updates as the situation developed.",
    "Images shared on social media showed {topic} in the centre of {place}.",
    "{Event} has prompted a wider debate in {country} about {topic}.",
    "Many residents said they had little choice but to wait for more news.",
    "Shops in the centre of {place} reopened on {day}, although trade remained slow.",
]
_PERSON_LEADS = [
    "{name}, {role}, visited the scene on {day}.",
    "{name}, {role}, called for calm and promised a full account of what happened.",
    "{name}, {role}, said more help would reach {place} within days.",
    "The response is being led by {name}, {role}.",
]
_QUALIFIERS_DRIFT = ["at least", "as many as", "about", "more than", "up to", "nearly", None]
_QUALIFIER_CLASS = {
    "at least": "min",
    "more than": "over",
    "as many as": "max",
    "up to": "max",
    "about": "approx",
    "around": "approx",
    "nearly": "nearly",
}
_INSERTS = ["now", "really", "simply", "still", "truly"]
_WHO = ["resident", "shopkeeper", "teacher", "student", "driver", "nurse", "farmer", "pensioner"]


# -- text building -----------------------------------------------------------------


class _Sent:
    """One sentence: text, the facts in it (offsets relative to the sentence), how to render it again."""

    __slots__ = ("figs", "fn", "params", "quotes", "spans", "text")

    def __init__(self, text: str, figs: list[tuple[int, int, tuple[Any, ...]]] | None = None) -> None:
        self.text = text
        self.figs = figs or []
        self.quotes: list[tuple[int, int, tuple[Any, ...]]] = []
        self.spans: dict[str, tuple[int, int]] = {}
        self.fn: Any = None
        self.params: tuple[Any, ...] = ()


def _cap(s: str) -> str:
    return s[:1].upper() + s[1:]


def _number_text(value: float, unit: str | None) -> str:
    if unit == "percent":
        return f"{value:g}%"
    if unit == "currency:USD":
        if value >= 1e9:
            return f"${value / 1e9:.1f} billion"
        return f"${value / 1e6:g} million"
    if unit == "magnitude":
        return f"{value:.1f}"
    return f"{int(value):,}"


# A figure spec: (value, qualifier, counted, measure, unit, attribution, time_ref)
def _fig_sentence(tpl: str, ctx: dict[str, str], spec: tuple[Any, ...]) -> _Sent:
    value, qual, counted, measure, unit, attr, time_ref = spec
    before, after = tpl.split("{N}")
    cap_qual = before.endswith("{qual_cap}")
    before = before[: -len("{qual_cap}")] if cap_qual else before[: -len("{qual}")]
    local = dict(ctx, attr=attr or "", Attr=_cap(attr or ""))
    head = before.format(**local)
    qual_text = ""
    if qual:
        qual_text = (_cap(qual) if cap_qual and not head else qual) + " "
    num = _number_text(value, unit)
    if cap_qual and not qual and not head:
        head = "A total of "
    start_q = len(head)
    start_n = start_q + len(qual_text)
    end_n = start_n + len(num)
    text = head + qual_text + num + after.format(**local)
    if unit == "magnitude":
        unit = None
    fig = (num, float(value), unit, qual, _QUALIFIER_CLASS.get(qual or ""), counted, measure, time_ref, attr)
    s = _Sent(text, [(start_n, end_n, fig)])
    s.spans["qual"] = (start_q, end_n)
    if attr and ("{attr}" in tpl or "{Attr}" in tpl):
        shown = _cap(attr) if "{Attr}" in tpl else attr
        i = head.find(shown) if "{attr}" in before or "{Attr}" in before else text.find(shown, end_n)
        if i >= 0:
            s.spans["attr"] = (i, i + len(shown))
    else:
        fig = (*fig[:8], None)
        s.figs[0] = (start_n, end_n, fig)
    s.fn, s.params = _fig_sentence, (tpl, ctx, spec)
    return s


def _quote_sentence(style: int, quote: str, person: tuple[str, str], ctx: dict[str, str], told: str) -> _Sent:
    name, role = person
    if style == 0:
        head, tail, speaker, kind, verb, outlet = '"', f'," {name} said.', name, "name", "said", None
    elif style == 1:
        head, tail, speaker, kind, verb, outlet = '"', f'," said {name}, {role}.', name, "name", "said", None
    elif style == 2:
        head = f'{name}, {role}, told {told}: "'
        tail, speaker, kind, verb, outlet = '."', name, "name", "told", told
    elif style == 3:
        head, tail, speaker, kind, verb, outlet = f'{name} said: "', '."', name, "name", "said", None
    else:
        who = f"a spokesperson for {ctx['org']}"
        head, tail, speaker, kind, verb, outlet = '"', f'," {who} said.', who, "description", "said", None
    s = _Sent(head + quote + tail)
    start = len(head)
    s.quotes.append((start, start + len(quote), (quote, speaker, kind, verb, outlet)))
    s.spans["quote"] = (start, start + len(quote))
    s.fn, s.params = _quote_sentence, (style, quote, person, ctx, told)
    return s


class _Assembled:
    __slots__ = ("figs", "para_spans", "quotes", "sent_starts", "text")

    def __init__(self, paras: list[list[_Sent]]) -> None:
        parts: list[str] = []
        pos = 0
        self.para_spans: list[tuple[int, int]] = []
        self.sent_starts: list[list[int]] = []
        self.figs: list[tuple[int, int, tuple[Any, ...], int, int]] = []
        self.quotes: list[tuple[int, int, tuple[Any, ...]]] = []
        for i, para in enumerate(paras):
            if i:
                parts.append("\n\n")
                pos += 2
            p_start = pos
            starts = []
            for j, s in enumerate(para):
                if j:
                    parts.append(" ")
                    pos += 1
                starts.append(pos)
                parts.append(s.text)
                end = pos + len(s.text)
                for a, b, fig in s.figs:
                    self.figs.append((pos + a, pos + b, fig, pos, end))
                for a, b, q in s.quotes:
                    self.quotes.append((pos + a, pos + b, q))
                pos = end
            self.para_spans.append((p_start, pos))
            self.sent_starts.append(starts)
        self.text = "".join(parts)


class _Member:
    """One article of a story while the story is generated."""

    __slots__ = (
        "asm",
        "edited",
        "id",
        "index",
        "kind",
        "link",
        "n_common",
        "outlet",
        "paras",
        "pasted",
        "reason",
        "source",
        "t",
        "title",
    )

    def __init__(self, index: int, t: int, outlet: tuple[Any, ...]) -> None:
        self.index = index
        self.t = t
        self.outlet = outlet
        self.kind = "joined"  # started, joined, copy, rewrite, partial
        self.source: _Member | None = None
        self.paras: list[list[_Sent]] = []
        self.asm: _Assembled | None = None
        self.title = ""
        self.id = ""
        self.reason = ""
        self.link: ReuseLink | None = None
        self.edited: dict[tuple[int, int], str] = {}  # copies: (paragraph, sentence) -> edit kind
        self.n_common = 0  # copies: leading paragraphs shared with the source
        self.pasted: list[list[_Sent]] = []  # partial reuse: the source's paragraphs pasted in


# -- the generator -----------------------------------------------------------------


class _Generator:
    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)
        rng = self.rng
        outlets = []
        for i, (names, kind) in enumerate(((_WIRES, "wire"), (_PAPERS, "paper"), (_FARMS, "farm"))):
            for j, name in enumerate(names):
                domain = "".join(ch for ch in name.lower().replace("the ", "") if ch.isalnum()) + ".example"
                tz = _OFFSETS[(i * 7 + j) % len(_OFFSETS)]
                authors = (
                    [] if kind == "farm" else [f"{rng.choice(_FIRST)} {rng.choice(_LAST)}" for _ in range(5)]
                )
                outlets.append((name, kind, domain, timezone(timedelta(hours=tz)), authors))
        self.outlets = outlets
        self.by_kind = {k: [o for o in outlets if o[1] == k] for k in ("wire", "paper", "farm")}
        self.places = [h + t for h in _PLACE_HEADS for t in _PLACE_TAILS]
        self.size_weights = [k**-_SIZE_EXPONENT for k in range(1, _MAX_SIZE + 1)]
        self.ids: set[str] = set()
        self.feed_entries: dict[str, int] = {}

    # story plans

    def sizes(self, n: int) -> list[int]:
        out: list[int] = []
        total = 0
        sizes = list(range(1, _MAX_SIZE + 1))
        while total < n:
            k = min(self.rng.choices(sizes, self.size_weights)[0], n - total)
            out.append(k)
            total += k
        return out

    def plan(self, start: int, size: int) -> dict[str, Any]:
        rng = self.rng
        kind = rng.choice(_KINDS)
        country, capital = rng.choice(_COUNTRIES)
        place = rng.choice(self.places)
        base_ctx = {"place": place, "country": country, "capital": capital}
        org = rng.choice(kind["orgs"]).format(**base_ctx)
        ctx = dict(
            base_ctx,
            org=org,
            Org=_cap(org),
            org_cap=_cap(org),
            event=kind["event"],
            Event=_cap(kind["event"]),
        )
        people = []
        for _ in range(rng.randint(1, 3)):
            name = f"{rng.choice(_FIRST)} {rng.choice(_LAST)}"
            if all(name != p[0] for p in people):
                people.append((name, rng.choice(kind["roles"]).format(**ctx)))
        counted, measure, unit, lo, hi = kind["main"]
        base = _draw(rng, lo, hi, unit)
        mode = rng.choices(["agree", "drift", "update", "conflict"], [0.35, 0.15, 0.3, 0.2])[0]
        seconds = [
            (spec, _draw(rng, spec[3], spec[4], spec[2]), rng.choice([None, None, "about", "at least"]))
            for spec in kind["seconds"]
        ]
        pool = []
        for person in people:
            for q in rng.sample(kind["quotes"], rng.randint(1, 2)):
                pool.append((person, q.format(**ctx)))
        year = datetime.fromtimestamp(start, UTC).year
        return {
            "kind": kind,
            "ctx": ctx,
            "people": people,
            "start": start,
            "size": size,
            "main": (counted, measure, unit),
            "base": base,
            "mode": mode,
            "qual": rng.choice([None, None, "at least", "about"]),
            "step": max(1, int(base) // 5) if unit is None else max(1.0, base / 5),
            "attr": rng.choice(kind["attrs"]),
            "seconds": seconds,
            "pool": pool,
            "topics": rng.sample(kind["topics"], 5),
            "background": (year - rng.randint(3, 30), rng.randint(2, 60), rng.choice(self.places)),
            "main_tpl": rng.randrange(len(kind["main_tpl"])),
            "alter": rng.random() < 0.3,  # whether outlets alter the quotations of this story
            "levels": {},  # update mode: publication time -> how many rises the main figure has had
        }

    def main_value(self, plan: dict[str, Any], t: int) -> tuple[float, str | None]:
        rng = self.rng
        base, mode, qual = plan["base"], plan["mode"], plan["qual"]
        if mode == "drift":
            return base, rng.choice(_QUALIFIERS_DRIFT)
        if mode == "update":
            return float(round(base + plan["step"] * plan["levels"].get(t, 0))), qual
        if mode == "conflict" and rng.random() < 0.4:
            delta = max(1, int(base) // 4)
            value = base + rng.choice([-1, 1]) * rng.randint(1, delta)
            return max(1.0, float(value)), qual
        return base, qual

    # one story

    def story(self, plan: dict[str, Any]) -> list[_Member]:
        rng = self.rng
        start, size = plan["start"], plan["size"]
        times = [start]
        for _ in range(size - 1):
            times.append(start + min(_SPREAD, int(rng.expovariate(1 / (20 * _HOURS)))))
        times.sort()
        for i in range(1, len(times)):
            if times[i] <= times[i - 1]:
                times[i] = times[i - 1] + 1 + rng.randint(0, 600)
        if plan["mode"] == "update":
            # The figure rises only across a quiet spell of UPDATE_HOURS or more, so reports
            # closer together than that agree (closer ones differing would be a conflict).
            level = 0
            for i, t in enumerate(times):
                if i and t - times[i - 1] > 6 * _HOURS + 60 and rng.random() < 0.8:
                    level += 1
                plan["levels"][t] = level
        members: list[_Member] = []
        for i, t in enumerate(times):
            if i == 0:
                m = _Member(i, t, self.outlet(rng.choices(["wire", "paper", "farm"], [0.45, 0.5, 0.05])[0]))
                m.kind = "started"
                self.compose(plan, m)
            elif rng.random() < _REUSE_SHARE:
                kind = rng.choices(["copy", "rewrite", "partial"], [0.5, 0.3, 0.2])[0]
                earlier = members[:i]
                wires = [e for e in earlier if e.outlet[1] == "wire" and e.kind != "copy"]
                source = rng.choice(wires) if wires and rng.random() < 0.7 else rng.choice(earlier)
                m = _Member(i, t, self.outlet(rng.choices(["paper", "farm"], [0.4, 0.6])[0]))
                m.kind, m.source = kind, source
                if kind == "copy":
                    self.copy(plan, m, source)
                elif kind == "rewrite":
                    self.rewrite(plan, m, source)
                else:
                    self.partial(plan, m, source)
            else:
                m = _Member(i, t, self.outlet(rng.choices(["wire", "paper", "farm"], [0.2, 0.65, 0.15])[0]))
                self.compose(plan, m)
            members.append(m)
        return members

    def outlet(self, kind: str) -> tuple[Any, ...]:
        return self.rng.choice(self.by_kind[kind])

    def ctx_for(self, plan: dict[str, Any], m: _Member) -> dict[str, str]:
        local = datetime.fromtimestamp(m.t, m.outlet[3])
        return dict(plan["ctx"], day=_WEEKDAYS[local.weekday()])

    def compose(
        self,
        plan: dict[str, Any],
        m: _Member,
        *,
        main: tuple[float, str | None] | None = None,
        quotes: list[tuple[tuple[str, str], str]] | None = None,
    ) -> None:
        """Fresh text for a member: lead with the main figure, facts, quotes, fillers."""
        rng = self.rng
        kind = plan["kind"]
        ctx = self.ctx_for(plan, m)
        value, qual = main if main is not None else self.main_value(plan, m.t)
        counted, measure, unit = plan["main"]
        attr = plan["attr"] if rng.random() < 0.7 else rng.choice(kind["attrs"])
        spec = (value, qual, counted, measure, unit, attr, None)
        tpl_i = plan["main_tpl"] if rng.random() < 0.5 else rng.randrange(len(kind["main_tpl"]))
        lead = [_fig_sentence(kind["main_tpl"][tpl_i], ctx, spec)]
        if m.outlet[1] == "wire":
            lead.insert(0, _Sent(f"{ctx['place'].upper()} ({m.outlet[0]}) -"))
        fill = _Filler(rng, plan, ctx)
        if rng.random() < 0.5:
            name, role = rng.choice(plan["people"])
            lead.append(_Sent(rng.choice(_PERSON_LEADS).format(name=name, role=role, **ctx)))
        elif rng.random() < 0.6:
            lead.append(fill.sentence())
        units: list[list[_Sent]] = []
        for sec, sec_value, sec_qual in rng.sample(plan["seconds"], rng.randint(1, 2)):
            s_counted, s_measure, s_unit, _, _, tpls = sec
            s_spec = (
                sec_value,
                sec_qual if rng.random() < 0.98 else rng.choice(_QUALIFIERS_DRIFT),
                s_counted,
                s_measure,
                s_unit,
                attr,
                None,
            )
            units.append([_fig_sentence(rng.choice(tpls), ctx, s_spec)])
        if rng.random() < 0.3:
            units.append([_fig_sentence(kind["restate"], ctx, spec)])
        if kind["casualties"] and rng.random() < 0.15:
            year, n, where = plan["background"]
            tpl = (
                "In "
                + str(year)
                + ", a similar "
                + kind["noun"]
                + " killed {qual}{N} people in "
                + where
                + "."
            )
            units.append(
                [
                    _fig_sentence(
                        tpl, ctx, (n, None, "people killed", "person killed", None, None, f"In {year}")
                    )
                ]
            )
        if rng.random() < 0.2:
            tpl = (
                "A {qual}{N}-year-old "
                + rng.choice(_WHO)
                + " who saw what happened said the mood in {place} was tense."
            )
            age = rng.randint(18, 85)
            who = tpl.split()[2]
            s = _fig_sentence(tpl, ctx, (age, None, who, who, "age", None, None))
            # The age expression is "45-year-old"; widen the figure to cover it.
            a, b, fig = s.figs[0]
            s.figs[0] = (a, b + len("-year-old"), (f"{age}-year-old", *fig[1:]))
            units.append([s])
        if rng.random() < 0.2:
            tpl = "{place} lies {qual}{N} kilometres from the capital, {capital}."
            km = rng.randint(15, 400)
            units.append(
                [_fig_sentence(tpl, ctx, (km, "about", "kilometres", "kilometre", "measure:km", None, None))]
            )
        if quotes is None:
            n_q = min(len(plan["pool"]), rng.choices([0, 1, 2, 3, 4], [0.15, 0.3, 0.3, 0.15, 0.1])[0])
            quotes = rng.sample(plan["pool"], n_q)
            quotes = [(p, _alter(rng, q) if plan["alter"] and rng.random() < 0.15 else q) for p, q in quotes]
        for person, q in quotes:
            style = rng.choices([0, 1, 2, 3, 4], [0.3, 0.25, 0.15, 0.15, 0.15])[0]
            told = rng.choice(_WIRES) if style == 2 else ""
            units.append([_quote_sentence(style, q, person, ctx, told)])
        for u in units:
            if rng.random() < 0.5:
                u.append(fill.sentence())
        rng.shuffle(units)
        paras = [lead, *units]
        target = int(rng.triangular(150, 560, 300))
        words = sum(len(s.text.split()) for p in paras for s in p)
        while words < target:
            para = [fill.sentence() for _ in range(rng.randint(1, 3))]
            words += sum(len(s.text.split()) for s in para)
            paras.insert(rng.randint(1, len(paras)), para)
        m.paras = paras
        m.title = self.title(plan, value, ctx)

    def title(self, plan: dict[str, Any], value: float, ctx: dict[str, str]) -> str:
        tpl = self.rng.choice(plan["kind"]["titles"])
        surname = self.rng.choice(plan["people"])[0].split()[-1]
        return tpl.format(N=_number_text(value, plan["main"][2]), surname=surname, **ctx)

    def copy(self, plan: dict[str, Any], m: _Member, src: _Member) -> None:
        """The source's text with 0-2 meaning-changing edits, a footer, maybe the last paragraph dropped."""
        rng = self.rng
        paras = [list(p) for p in src.paras]
        edited: dict[tuple[int, int], str] = {}
        candidates = [(i, j) for i, p in enumerate(paras) for j, s in enumerate(p) if s.fn is not None]
        for i, j in rng.sample(
            candidates, min(len(candidates), rng.choices([0, 1, 2], [0.5, 0.35, 0.15])[0])
        ):
            s = paras[i][j]
            if s.fn is _fig_sentence:
                tpl, ctx, spec = s.params
                value, qual, _counted, _measure, unit, attr, time_ref = spec
                if unit == "age":
                    continue
                what = rng.choice(["qualifier", "number", "number", "attribution", "attribution"])
                if what == "attribution" and "attr" not in s.spans:
                    what = "number"
                if what == "qualifier":
                    spec = (value, rng.choice([q for q in _QUALIFIERS_DRIFT if q != qual]), *spec[2:])
                elif what == "number":
                    step = {"magnitude": 0.1, "currency:USD": round(value / 20, -6) or 1e6}.get(unit, 1.0)
                    bump = rng.choice([-2, -1, 1, 2, 3]) * step
                    spec = (max(step, round(value + bump, 1)), *spec[1:])
                else:
                    spec = (
                        *spec[:5],
                        rng.choice([a for a in plan["kind"]["attrs"] if a != attr] or [attr]),
                        time_ref,
                    )
                paras[i][j] = _fig_sentence(tpl, ctx, spec)
            else:
                style, quote, person, ctx, told = s.params
                what = "quote"
                paras[i][j] = _quote_sentence(style, _alter(rng, quote), person, ctx, told)
            edited[(i, j)] = what
        dropped = len(paras) > 4 and rng.random() < 0.3
        if dropped:
            paras.pop()
            edited = {k: v for k, v in edited.items() if k[0] < len(paras)}
        footer = rng.random() < 0.7 or not (edited or dropped)
        if footer:
            year = datetime.fromtimestamp(m.t, UTC).year
            texts = [
                f"This story was first published by {src.outlet[0]}.",
                f"Copyright {year} {src.outlet[0]}. Republished by {m.outlet[0]}.",
                f"Additional reporting by {src.outlet[0]}.",
                f"Follow {m.outlet[0]} for more updates on this story.",
            ]
            paras.append([_Sent(rng.choice(texts))])
        m.paras = paras
        m.title = (
            src.title
            if rng.random() < 0.5
            else rng.choice(["UPDATE: ", "Breaking: ", "WATCH: ", ""]) + src.title
        )
        m.edited = edited
        m.n_common = len(src.paras) - (1 if dropped else 0)

    def rewrite(self, plan: dict[str, Any], m: _Member, src: _Member) -> None:
        """New text with the source's main figure (its qualifier sometimes changed) and quotes."""
        rng = self.rng
        lead = next(s for s in src.paras[0] if s.figs)
        value, qual = lead.params[2][0], lead.params[2][1]
        if rng.random() < 0.15:
            qual = rng.choice([q for q in _QUALIFIERS_DRIFT if q != qual])
        quotes = [(s.params[2], s.params[1]) for p in src.paras for s in p if s.quotes]
        self.compose(plan, m, main=(value, qual), quotes=quotes[:4])

    def partial(self, plan: dict[str, Any], m: _Member, src: _Member) -> None:
        """Own text with one or two of the source's paragraphs pasted in."""
        rng = self.rng
        self.compose(plan, m)
        n_quotes = sum(1 for p in m.paras for s in p if s.quotes)
        options = [i for i in range(1, len(src.paras)) if not any(s.figs for s in src.paras[i])]
        taken = []
        for i in rng.sample(options, min(len(options), rng.randint(1, 2))):
            q = sum(1 for s in src.paras[i] if s.quotes)
            if n_quotes + q <= 4:
                n_quotes += q
                taken.append(i)
        if not taken:
            m.kind, m.source = "joined", None
            return
        inserted = []
        for i in sorted(taken):
            at = rng.randint(1, len(m.paras))
            m.paras.insert(at, src.paras[i])
            inserted.append(src.paras[i])
        m.pasted = inserted

    # finishing members: text, id, link

    def finish(self, m: _Member) -> None:
        for _ in range(20):
            m.asm = _Assembled(m.paras)
            aid = article_id(m.asm.text)
            if aid not in self.ids:
                break
            m.paras.append([_Sent("Further details were not immediately available.")])
        else:  # pragma: no cover - twenty collisions in a row
            raise RuntimeError("could not make a unique article text")
        self.ids.add(aid)
        m.id = aid

    def link(self, m: _Member, published: dict[int, str]) -> ReuseLink | None:
        src = m.source
        if src is None or m.kind not in ("copy", "rewrite", "partial"):
            return None
        rng = self.rng
        sa, ta = src.asm, m.asm
        assert sa is not None and ta is not None
        passages: list[Passage] = []
        edits: list[Edit] = []
        if m.kind == "copy":
            edited = m.edited
            n = m.n_common
            runs: list[tuple[int, int, bool]] = []  # (first para, last para, edited)
            for i in range(n):
                is_edited = any(k[0] == i for k in edited)
                if runs and not is_edited and not runs[-1][2]:
                    runs[-1] = (runs[-1][0], i, False)
                else:
                    runs.append((i, i, is_edited))
            while len(runs) > 5:  # merge the two shortest neighbours into one edited passage
                runs[0:2] = [(runs[0][0], runs[1][1], True)]
            for a, b, is_edited in runs:
                passages.append(
                    Passage(
                        sa.para_spans[a][0],
                        sa.para_spans[b][1],
                        ta.para_spans[a][0],
                        ta.para_spans[b][1],
                        round(rng.uniform(0.88, 0.97), 3) if is_edited else 1.0,
                        "edited" if is_edited else "verbatim",
                    )
                )
            for (i, j), what in sorted(edited.items()):
                s_sent, t_sent = src.paras[i][j], m.paras[i][j]
                key = {"qualifier": "qual", "number": "qual", "attribution": "attr", "quote": "quote"}[what]
                sa0, sa1 = s_sent.spans[key]
                ta0, ta1 = t_sent.spans[key]
                s_text, t_text = s_sent.text[sa0:sa1], t_sent.text[ta0:ta1]
                edits.append(
                    Edit(
                        what,  # type: ignore[arg-type]
                        s_text,
                        t_text,
                        sa.sent_starts[i][j] + sa0,
                        ta.sent_starts[i][j] + ta0,
                        f"{what} changed: {s_text} -> {t_text}" if what != "quote" else "quotation altered",
                    )
                )
            score = round(rng.uniform(0.9, 1.0), 4)
        elif m.kind == "rewrite":
            pairs = [(0, 0)]
            for i in rng.sample(
                range(1, min(len(src.paras), len(m.paras))), min(2, min(len(src.paras), len(m.paras)) - 1)
            ):
                pairs.append((i, i))
            for i, j in sorted(pairs):
                passages.append(
                    Passage(
                        sa.para_spans[i][0],
                        sa.para_spans[i][1],
                        ta.para_spans[j][0],
                        ta.para_spans[j][1],
                        round(rng.uniform(0.55, 0.8), 3),
                        "paraphrase",
                    )
                )
            s_lead = next((k, s) for k, s in enumerate(src.paras[0]) if s.figs)
            t_lead = next((k, s) for k, s in enumerate(m.paras[0]) if s.figs)
            if s_lead[1].params[2][1] != t_lead[1].params[2][1]:
                sa0, sa1 = s_lead[1].spans["qual"]
                ta0, ta1 = t_lead[1].spans["qual"]
                s_text, t_text = s_lead[1].text[sa0:sa1], t_lead[1].text[ta0:ta1]
                edits.append(
                    Edit(
                        "qualifier",
                        s_text,
                        t_text,
                        sa.sent_starts[0][s_lead[0]] + sa0,
                        ta.sent_starts[0][t_lead[0]] + ta0,
                        f"qualifier changed: {s_text} -> {t_text}",
                    )
                )
            score = round(rng.uniform(0.6, 0.85), 4)
        else:
            for para in m.pasted:
                i = src.paras.index(para)
                j = next(k for k, p in enumerate(m.paras) if p is para)
                passages.append(
                    Passage(
                        sa.para_spans[i][0],
                        sa.para_spans[i][1],
                        ta.para_spans[j][0],
                        ta.para_spans[j][1],
                        1.0,
                    )
                )
            score = round(rng.uniform(0.5, 0.8), 4)
        s_cov = sum(p.source_end - p.source_start for p in passages)
        t_cov = sum(p.target_end - p.target_start for p in passages)
        direction = Direction(
            decided_by="published",
            confidence=round(rng.uniform(0.85, 0.99), 3),
            source_published=published[src.index],
            target_published=published[m.index],
            source_in_target=round(min(1.0, s_cov / max(1, len(sa.text))), 4),
            target_in_source=round(min(1.0, t_cov / max(1, len(ta.text))), 4),
            source_only_chars=max(0, len(sa.text) - s_cov),
            target_only_chars=max(0, len(ta.text) - t_cov),
        )
        return ReuseLink(src.id, m.id, m.kind, score, direction, passages, edits)  # type: ignore[arg-type]

    def article(
        self, m: _Member, plan: dict[str, Any], published: str, section: str
    ) -> tuple[Article, Sighting]:
        rng = self.rng
        name, kind, domain, tz, authors = m.outlet
        assert m.asm is not None
        local = datetime.fromtimestamp(m.t, tz)
        seen = datetime.fromtimestamp(m.t + rng.randint(300, 5400), UTC).isoformat(timespec="seconds")
        slug = "-".join("".join(ch for ch in w.lower() if ch.isalnum()) for w in m.title.split()[:8]).strip(
            "-"
        )
        entry = self.feed_entries.get(domain, 0) + 1
        self.feed_entries[domain] = entry
        url = f"https://{domain}/{local:%Y/%m/%d}/{slug}-{entry}"
        article = Article(
            id=m.id,
            text=m.asm.text,
            title=m.title,
            published=published,
            outlet=name,
            author=rng.choice(authors) if authors and rng.random() < 0.8 else None,
            language="en",
            url=url,
            canonical_url=None if kind == "farm" else url,
            extra={"section": section},
            ingested_at=seen,
        )
        return article, Sighting(f"https://{domain}/feed.xml#entry={entry}", "feed", url, seen, seen)

    def entities(self, plan: dict[str, Any], m: _Member) -> dict[str, Any]:
        assert m.asm is not None
        lead = m.asm.text[:1000]
        ctx = plan["ctx"]
        found: list[tuple[str, str]] = [("PERSON", p[0]) for p in plan["people"]]
        found += [("GPE", ctx["place"]), ("GPE", ctx["country"]), ("ORG", ctx["org"].removeprefix("the "))]
        counts: dict[str, float] = {}
        names: dict[str, str] = {}
        for label, name in found:
            n = m.title.count(name) + lead.count(name)
            if n:
                key = f"{label}:{name.casefold()}"
                counts[key] = 1.0 + math.log(n)
                names[key] = name
        norm = math.sqrt(sum(v * v for v in counts.values())) or 1.0
        return {"entities": {k: round(v / norm, 6) for k, v in counts.items()}, "names": names, "spans": []}


class _Filler:
    """Filler sentences for one article, not repeating a predicate until all are used."""

    def __init__(self, rng: random.Random, plan: dict[str, Any], ctx: dict[str, str]) -> None:
        self.rng = rng
        self.topics = plan["topics"]
        self.ctx = dict(ctx)
        self.preds = list(range(len(_FILLER_PREDICATES)))
        rng.shuffle(self.preds)
        self.standalone = list(range(len(_FILLER_STANDALONE)))
        rng.shuffle(self.standalone)

    def sentence(self) -> _Sent:
        rng = self.rng
        self.ctx["topic"] = rng.choice(self.topics)
        if rng.random() < 0.25 and self.standalone:
            tpl = _FILLER_STANDALONE[self.standalone.pop()]
            return _Sent(tpl.format(**self.ctx))
        if not self.preds:
            self.preds = list(range(len(_FILLER_PREDICATES)))
            rng.shuffle(self.preds)
        predicate = _FILLER_PREDICATES[self.preds.pop()]
        subject = rng.choice(_FILLER_SUBJECTS)
        while "{org}" in subject and "{org}" in predicate:
            subject = rng.choice(_FILLER_SUBJECTS)
        return _Sent(f"{subject.format(**self.ctx)} {predicate.format(**self.ctx)}.")


def _draw(rng: random.Random, lo: float, hi: float, unit: str | None) -> float:
    value = math.exp(rng.uniform(math.log(lo), math.log(hi)))
    if unit == "magnitude":
        return round(value, 1)
    if unit == "currency:USD":
        return round(value / 1e6) * 1e6 if value < 1e9 else round(value / 1e8) * 1e8
    if unit == "percent":
        return float(round(value))
    if value > 1000:
        return float(round(value, -2))
    return float(round(value))


def _alter(rng: random.Random, quote: str) -> str:
    """The quote with one word inserted: an altered quotation."""
    words = quote.split()
    at = rng.randint(1, max(1, len(words) - 1))
    return " ".join([*words[:at], rng.choice(_INSERTS), *words[at:]])


# -- building the store -------------------------------------------------------------


def _sidecar(path: Path) -> Path:
    return path.with_name(path.name + ".json")


def _remove(path: Path) -> None:
    for p in (path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")):
        p.unlink(missing_ok=True)


def _cached(path: Path, params: dict[str, Any]) -> dict[str, Any] | None:
    side = _sidecar(path)
    if not (path.is_file() and side.is_file()):
        return None
    try:
        data = json.loads(side.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    # Parameters only: opening the store with a newer storytrace migrates it (new
    # indexes change its size), and that is the same data.
    if data.get("params") != params:
        return None
    return dict(data["counts"], cached=True)


def build_store(
    path: Path,
    n_articles: int = 100_000,
    seed: int = 7,
    *,
    progress: bool = False,
    overwrite: bool = False,
) -> dict[str, Any]:
    """Build a synthetic store of ``n_articles`` at ``path``; returns its counts.

    Counts: articles, stories, links (and ``links_by_kind``), figures, quotes,
    seconds (build time), bytes (file size), cached (True when an existing store
    with the same parameters was reused). An existing ``path`` is reused when its
    sidecar ``<path>.json`` records the same parameters; otherwise it is refused
    (``FileExistsError``) unless ``overwrite``, which always rebuilds.
    """
    path = Path(path)
    if n_articles < 1:
        raise ValueError("n_articles must be at least 1")
    params = {"generator": GENERATOR, "n_articles": n_articles, "seed": seed}
    if path.exists():
        if not overwrite:
            cached = _cached(path, params)
            if cached is not None:
                return cached
            raise FileExistsError(f"{path} exists and was not built with {params}; pass overwrite=True")
        _remove(path)
    _sidecar(path).unlink(missing_ok=True)
    path.parent.mkdir(parents=True, exist_ok=True)
    building = path.with_name(path.name + ".building")
    _remove(building)
    started = time.perf_counter()
    with Store.open(building) as store:
        counts = _fill(store, n_articles, seed, progress, started)
    os.replace(building, path)
    _remove(building)  # a -wal or -shm left behind by the closed connection
    counts["seconds"] = round(time.perf_counter() - started, 1)
    counts["bytes"] = path.stat().st_size
    tmp = path.with_name(path.name + ".json.tmp")
    tmp.write_text(
        json.dumps({"params": params, "counts": counts, "bytes": counts["bytes"]}, indent=2), encoding="utf-8"
    )
    tmp.replace(_sidecar(path))
    return dict(counts, cached=False)


def _fill(store: Store, n_articles: int, seed: int, progress: bool, started: float) -> dict[str, Any]:
    gen = _Generator(seed)
    rng = gen.rng
    sizes = gen.sizes(n_articles)
    starts = sorted(_START + rng.randrange(_SPAN) for _ in sizes)
    run = store.start_run(f"bench/web_store.py --articles {n_articles} --seed {seed}")
    report = IngestReport(run_id=run)
    counts: dict[str, Any] = {"articles": 0, "stories": len(sizes), "links": 0, "figures": 0, "quotes": 0}
    by_kind: dict[str, int] = {}
    # Articles wait in a heap until nothing earlier can come: stories start in order and
    # publish within _SPREAD of their start, so the store fills in publication order.
    pending: list[tuple[int, int, dict[str, Any]]] = []
    seq = 0
    batch: list[dict[str, Any]] = []

    def flush() -> None:
        if not batch:
            return
        items = [(b["article"], b["sighting"]) for b in batch]
        new = store.write_articles(items)
        if not all(new):  # pragma: no cover - ids are checked unique as they are made
            raise RuntimeError("duplicate article ids in a batch")
        keys = store.keys_for([a.id for a, _ in items])
        links = [b["link"] for b in batch if b["link"] is not None]
        if links:
            store.save_links(links)
        now = max(a.ingested_at or "" for a, _ in items)
        store.write_stories([_story_write(b, keys[b["article"].id]) for b in batch], now=now)
        store.write_facts(
            [(keys[b["article"].id], b["figures"], b["quotes"]) for b in batch],
            version=FACTS_VERSION,
            now=now,
        )
        report.ingested.extend(a.id for a, _ in items)
        counts["articles"] += len(batch)
        counts["links"] += len(links)
        for link in links:
            by_kind[link.kind] = by_kind.get(link.kind, 0) + 1
        counts["figures"] += sum(len(b["figures"]) for b in batch)
        counts["quotes"] += sum(len(b["quotes"]) for b in batch)
        batch.clear()
        if progress:
            elapsed = time.perf_counter() - started
            print(
                f"  {counts['articles']:,}/{n_articles:,} articles, {elapsed:.0f} s",
                file=sys.stderr,
                flush=True,
            )

    for start, size in zip(starts, sizes, strict=True):
        while pending and pending[0][0] < start:
            batch.append(heapq.heappop(pending)[2])
            if len(batch) >= BATCH:
                flush()
        plan = gen.plan(start, size)
        for row in _story_rows(gen, plan):
            heapq.heappush(pending, (int(row["time"]), seq, row))
            seq += 1
    while pending:
        batch.append(heapq.heappop(pending)[2])
        if len(batch) >= BATCH:
            flush()
    flush()
    store.finish_run(run, report)
    counts["links_by_kind"] = dict(sorted(by_kind.items()))
    return counts


def _story_rows(gen: _Generator, plan: dict[str, Any]) -> list[dict[str, Any]]:
    """Generate one story's members and everything the store needs about each."""
    members = gen.story(plan)
    published: dict[int, str] = {}
    rows = []
    founder = ""
    for m in members:
        gen.finish(m)
        published[m.index] = datetime.fromtimestamp(m.t, m.outlet[3]).isoformat(timespec="seconds")
        founder = founder or m.id
    sid = story_id(founder)
    for m in members:
        assert m.asm is not None
        article, sighting = gen.article(m, plan, published[m.index], plan["kind"]["section"])
        link = gen.link(m, published)
        figures = [
            Figure(m.id, a, b, fig[0], fig[1], fig[2], fig[3], fig[4], fig[5], fig[6], fig[7], fig[8], ss, se)
            for a, b, fig, ss, se in m.asm.figs
        ]
        quotes = [Quote(m.id, a, b, q[0], q[1], q[2], q[3], q[4]) for a, b, q in m.asm.quotes]
        if m.kind == "started":
            score, reason = 0.0, "started"
        elif m.kind in ("copy", "rewrite") and m.source is not None:
            score, reason = 1.0, f"copy of {m.source.id}"
        else:
            score, reason = round(gen.rng.uniform(0.35, 0.9), 6), "joined"
        rows.append(
            {
                "article": article,
                "sighting": sighting,
                "link": link,
                "figures": figures,
                "quotes": quotes,
                "story": sid,
                "score": score,
                "reason": reason,
                "headline_score": round(gen.rng.uniform(0.2, 0.95), 6),
                "entities": gen.entities(plan, m),
                "time": float(m.t),
            }
        )
    return rows


def _story_write(row: dict[str, Any], key: int) -> StoryWrite:
    a = row["article"]
    return StoryWrite(
        article_key=key,
        story_id=row["story"],
        score=row["score"],
        reason=row["reason"],
        title=a.title,
        headline_score=row["headline_score"],
        published=a.published,
        published_time=row["time"],
        time=row["time"],
        entities=row["entities"],
        vector=None,
    )


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=Path("/tmp/web_bench/store-100000.db"))
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--overwrite", action="store_true", help="rebuild even if a matching store exists")
    parser.add_argument("--quiet", action="store_true", help="no progress lines")
    args = parser.parse_args(argv)
    try:
        counts = build_store(
            args.out, args.articles, args.seed, progress=not args.quiet, overwrite=args.overwrite
        )
    except FileExistsError as exc:
        print(f"error: {exc} (use --overwrite)", file=sys.stderr)
        raise SystemExit(2) from exc
    print(json.dumps(counts, indent=2))
    how = "reused (built earlier in" if counts["cached"] else "built in"
    print(
        f"{args.out}: {counts['articles']:,} articles, {counts['stories']:,} stories, {counts['links']:,} links,"
        f" {counts['figures']:,} figures, {counts['quotes']:,} quotes; {counts['bytes'] / 1e6:.0f} MB;"
        f" {how} {counts['seconds']:.1f} s{')' if counts['cached'] else ''}"
    )


if __name__ == "__main__":
    main()
