-- Give articles a stable integer key (a rowid alias survives VACUUM, a bare rowid
-- does not): the reuse indexes beside the store and the FTS index refer to it.
DROP TRIGGER articles_fts_insert;
DROP TRIGGER articles_fts_delete;
DROP TRIGGER articles_fts_update;
DROP TABLE articles_fts;

CREATE TABLE articles_new (
    key           INTEGER PRIMARY KEY,
    id            TEXT NOT NULL UNIQUE,
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
INSERT INTO articles_new (key, id, title, text, published, outlet, author, language, url,
                          canonical_url, extra, word_count, ingested_at)
SELECT rowid, id, title, text, published, outlet, author, language, url, canonical_url, extra,
       word_count, ingested_at
FROM articles ORDER BY rowid;

-- sightings reference articles(id); move them across while the old table is dropped.
CREATE TABLE sightings_new (
    article_id TEXT NOT NULL REFERENCES articles_new (id) ON DELETE CASCADE,
    source     TEXT NOT NULL,
    kind       TEXT NOT NULL,
    url        TEXT,
    first_seen TEXT NOT NULL,
    last_seen  TEXT NOT NULL,
    times      INTEGER NOT NULL DEFAULT 1,
    PRIMARY KEY (article_id, source)
);
INSERT INTO sightings_new SELECT * FROM sightings;
DROP TABLE sightings;
DROP TABLE articles;
ALTER TABLE articles_new RENAME TO articles;
ALTER TABLE sightings_new RENAME TO sightings;
CREATE INDEX sightings_source ON sightings (source);
CREATE INDEX articles_published ON articles (published);
CREATE INDEX articles_outlet ON articles (outlet);
CREATE INDEX articles_ingested_at ON articles (ingested_at);

CREATE VIRTUAL TABLE articles_fts USING fts5 (
    title, text,
    content = 'articles', content_rowid = 'key',
    tokenize = 'unicode61 remove_diacritics 2'
);
INSERT INTO articles_fts (articles_fts) VALUES ('rebuild');
CREATE TRIGGER articles_fts_insert AFTER INSERT ON articles BEGIN
    INSERT INTO articles_fts (rowid, title, text) VALUES (new.key, new.title, new.text);
END;
CREATE TRIGGER articles_fts_delete AFTER DELETE ON articles BEGIN
    INSERT INTO articles_fts (articles_fts, rowid, title, text)
    VALUES ('delete', old.key, old.title, old.text);
END;
CREATE TRIGGER articles_fts_update AFTER UPDATE OF title, text ON articles BEGIN
    INSERT INTO articles_fts (articles_fts, rowid, title, text)
    VALUES ('delete', old.key, old.title, old.text);
    INSERT INTO articles_fts (rowid, title, text) VALUES (new.key, new.title, new.text);
END;

-- One link per related pair, whichever way round: source is the original.
CREATE TABLE reuse_links (
    id         INTEGER PRIMARY KEY,
    source_id  TEXT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    target_id  TEXT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    kind       TEXT NOT NULL CHECK (kind IN ('copy', 'partial', 'rewrite')),
    score      REAL NOT NULL,
    direction  TEXT NOT NULL,   -- JSON: the Direction evidence
    passages   TEXT NOT NULL,   -- JSON: aligned passages with offsets and similarity
    edits      TEXT NOT NULL,   -- JSON: meaning-changing edits
    created_at TEXT NOT NULL,
    CHECK (source_id <> target_id)
);
CREATE UNIQUE INDEX reuse_links_pair ON reuse_links (min(source_id, target_id), max(source_id, target_id));
CREATE INDEX reuse_links_source ON reuse_links (source_id);
CREATE INDEX reuse_links_target ON reuse_links (target_id);

-- How far the indexes beside the store have got: articles with a larger key still
-- need indexing (the store is the truth; the index files are a rebuildable cache).
CREATE TABLE index_state (
    name      TEXT PRIMARY KEY,
    max_key   INTEGER NOT NULL,
    version   TEXT NOT NULL,
    saved_at  TEXT NOT NULL
);
