-- Facts: the figures and direct quotations each article states (offsets into its text).

CREATE TABLE figures (
    article_key     INTEGER NOT NULL REFERENCES articles (key) ON DELETE CASCADE,
    seq             INTEGER NOT NULL,   -- order in the article
    start           INTEGER NOT NULL,   -- the number expression: "1,200", "2.3 million"
    end             INTEGER NOT NULL,
    text            TEXT NOT NULL,
    value           REAL NOT NULL,
    unit            TEXT,               -- percent, currency:USD, age, duration:days, fraction, measure:km
    qualifier       TEXT,               -- as written: "as many as"
    qualifier_class TEXT,               -- min, over, max, under, approx, nearly, vague
    counted         TEXT,               -- what it counts, in the article's words
    measure         TEXT,               -- the same, normalised: "person killed"
    time_ref        TEXT,               -- the time it refers to, as written
    attribution     TEXT,               -- whom it is credited to
    sentence_start  INTEGER NOT NULL,
    sentence_end    INTEGER NOT NULL,
    PRIMARY KEY (article_key, seq)
) WITHOUT ROWID;
CREATE INDEX figures_measure ON figures (measure);

CREATE TABLE quotes (
    article_key  INTEGER NOT NULL REFERENCES articles (key) ON DELETE CASCADE,
    seq          INTEGER NOT NULL,
    start        INTEGER NOT NULL,      -- the quoted words, without the marks
    end          INTEGER NOT NULL,
    text         TEXT NOT NULL,
    speaker      TEXT,
    speaker_kind TEXT NOT NULL,         -- name, description, unknown
    verb         TEXT,
    outlet       TEXT,                  -- whom it was said to ("told Reuters")
    PRIMARY KEY (article_key, seq)
) WITHOUT ROWID;
CREATE INDEX quotes_speaker ON quotes (speaker);

-- Which articles fact extraction has read (an article may state no fact at all).
CREATE TABLE fact_state (
    article_key  INTEGER PRIMARY KEY REFERENCES articles (key) ON DELETE CASCADE,
    extracted_at TEXT NOT NULL,
    version      TEXT NOT NULL          -- extractor version: a newer one re-reads
);
