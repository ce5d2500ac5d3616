-- Articles, where each was seen, ingest runs and the problems they met.
CREATE TABLE articles (
    id            TEXT PRIMARY KEY,
    title         TEXT,
    text          TEXT NOT NULL,
    published     TEXT,
    outlet        TEXT,
    author        TEXT,
    language      TEXT,
    url           TEXT,
    canonical_url TEXT,
    extra         TEXT NOT NULL DEFAULT '{}',
    word_count    INTEGER NOT NULL,
    ingested_at   TEXT NOT NULL
);
CREATE INDEX articles_published ON articles (published);
CREATE INDEX articles_outlet ON articles (outlet);
CREATE INDEX articles_ingested_at ON articles (ingested_at);

CREATE TABLE sightings (
    article_id TEXT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    source     TEXT NOT NULL,
    kind       TEXT NOT NULL,
    url        TEXT,
    first_seen TEXT NOT NULL,
    last_seen  TEXT NOT NULL,
    times      INTEGER NOT NULL DEFAULT 1,
    PRIMARY KEY (article_id, source)
);
CREATE INDEX sightings_source ON sightings (source);

CREATE TABLE runs (
    id          INTEGER PRIMARY KEY,
    command     TEXT NOT NULL,
    started_at  TEXT NOT NULL,
    finished_at TEXT,
    ingested    INTEGER NOT NULL DEFAULT 0,
    duplicates  INTEGER NOT NULL DEFAULT 0,
    skipped     INTEGER NOT NULL DEFAULT 0,
    failed      INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE problems (
    id      INTEGER PRIMARY KEY,
    run_id  INTEGER NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
    item    TEXT NOT NULL,
    stage   TEXT NOT NULL,
    kind    TEXT NOT NULL,
    reason  TEXT NOT NULL
);
CREATE INDEX problems_run ON problems (run_id);

-- Full-text index over title and text, kept in step by triggers.
CREATE VIRTUAL TABLE articles_fts USING fts5 (
    title, text,
    content = 'articles', content_rowid = 'rowid',
    tokenize = 'unicode61 remove_diacritics 2'
);
CREATE TRIGGER articles_fts_insert AFTER INSERT ON articles BEGIN
    INSERT INTO articles_fts (rowid, title, text) VALUES (new.rowid, new.title, new.text);
END;
CREATE TRIGGER articles_fts_delete AFTER DELETE ON articles BEGIN
    INSERT INTO articles_fts (articles_fts, rowid, title, text)
    VALUES ('delete', old.rowid, old.title, old.text);
END;
CREATE TRIGGER articles_fts_update AFTER UPDATE OF title, text ON articles BEGIN
    INSERT INTO articles_fts (articles_fts, rowid, title, text)
    VALUES ('delete', old.rowid, old.title, old.text);
    INSERT INTO articles_fts (rowid, title, text) VALUES (new.rowid, new.title, new.text);
END;
