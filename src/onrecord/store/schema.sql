-- The onrecord store: one DuckDB file. Offsets are [start, end) into articles.text as
-- given, as in the JSON record (design.md); *_text columns are copies for search and display.
-- Every statement is idempotent: the store applies this file each time it opens for writing.
-- (article_id, id) is unique in entities and attributions because articles.id is: rows
-- of one article are written in one transaction. DuckDB's zone maps filter most columns
-- well enough; a speaker's rows are the exception (scattered through the table), so
-- speaker_id has an index (measured: the speaker page's aggregates 27 -> 10 ms on a million
-- attributions, for ~6 ms more per checkpoint). The attribution columns a page of quotes
-- shows are stored uncompressed: a page's 50 rows lie in 50 different blocks, and
-- decompressing a whole block of strings for each row cost more than the rest of the
-- query (measured: a top speaker's page 24 -> 10 ms, for a 5% bigger file).

CREATE TABLE IF NOT EXISTS articles (
    id VARCHAR PRIMARY KEY,           -- content hash of url + text: the same input twice is one row
    doc_id VARCHAR NOT NULL,          -- the id the reader gave (path, JSONL id, file@offset)
    title VARCHAR,
    outlet VARCHAR,                   -- site or publication, from the metadata or the URL
    url VARCHAR,
    author VARCHAR,
    published DATE,
    text VARCHAR NOT NULL,            -- exactly as given: every offset points into it
    meta JSON,                        -- all metadata the input carried
    headings JSON,                    -- [[start, end], ...]
    repairs JSON,                     -- [{"span": [start, end], "fixed": "..."}, ...]
    attribution_count INTEGER NOT NULL,
    ingested_at TIMESTAMP NOT NULL DEFAULT current_timestamp
);

CREATE TABLE IF NOT EXISTS speakers (
    id BIGINT PRIMARY KEY,            -- one person or organisation across all articles
    name VARCHAR NOT NULL,            -- its fullest form (speakers.py), as an entity gave it
    type VARCHAR NOT NULL,            -- PERSON, ORG, GPE, ... (spaCy's labels)
    key VARCHAR NOT NULL              -- the normalised name it is matched by (speakers.py)
);

CREATE TABLE IF NOT EXISTS entities (
    article_id VARCHAR NOT NULL,
    id VARCHAR NOT NULL,              -- e1, e2, ... within the article
    name VARCHAR NOT NULL,            -- the surface form in this article: "Zelensky"
    type VARCHAR NOT NULL,
    role VARCHAR,                     -- "Ukrainian President", kept apart from the name
    mentions JSON,
    speaker_id BIGINT                 -- speakers.id
);

CREATE TABLE IF NOT EXISTS attributions (
    article_id VARCHAR NOT NULL USING COMPRESSION uncompressed,
    id VARCHAR NOT NULL USING COMPRESSION uncompressed,  -- a1, a2, ... in the article
    kind VARCHAR NOT NULL,            -- direct | mixed | indirect
    type VARCHAR,                     -- statement | thought; NULL: stored before onrecord decided it
    content JSON NOT NULL,
    cue JSON NOT NULL,
    source JSON NOT NULL,
    content_text VARCHAR NOT NULL USING COMPRESSION uncompressed,
    cue_text VARCHAR USING COMPRESSION uncompressed,
    source_text VARCHAR USING COMPRESSION uncompressed,
    entity_id VARCHAR,                -- entities.id in the same article
    speaker_id BIGINT,                -- speakers.id; NULL when unknown or anonymous
    via VARCHAR,                      -- the attribution that reports this one
    confidence DOUBLE NOT NULL,
    speaker_confidence DOUBLE,        -- how likely speaker_id (NULL too) is right; NULL: not known
    outlet VARCHAR,                   -- copies of the article's, so filters need no join
    published DATE,
    search_text VARCHAR NOT NULL,     -- ' ' + variants.search_text(content) + ' ': phrase search
    quote_group BIGINT NOT NULL,      -- near-duplicates of this quote share it (variants.py)
    seq BIGINT NOT NULL               -- 1, 2, 3, ... in the order stored: quote_words points here
);

-- columns added since a table was first made: a store made by an earlier onrecord gets
-- them (NULL in its old rows) the next time it opens for writing; readers of a store not
-- yet written to again do without them (Store.has_column)
ALTER TABLE attributions ADD COLUMN IF NOT EXISTS speaker_confidence DOUBLE;
ALTER TABLE attributions ADD COLUMN IF NOT EXISTS type VARCHAR;

-- the words of each quote (variants.word_keys): phrase search finds its candidates here.
-- Kept sorted by word (ingest re-sorts it when the unsorted tail grows), so a lookup reads
-- a few row groups through DuckDB's zone maps instead of scanning every quote's text.
CREATE TABLE IF NOT EXISTS quote_words (
    word INTEGER NOT NULL,
    quote BIGINT NOT NULL             -- attributions.seq
);

-- every (name, type) an entity was given, and its speaker: speakers are a function of
-- these forms alone (speakers.py), so any order of ingest gives the same speakers; a
-- later article may move a form to another speaker, and its rows with it (speaker_rows.py)
CREATE TABLE IF NOT EXISTS speaker_forms (
    name VARCHAR NOT NULL,
    type VARCHAR NOT NULL,
    speaker_id BIGINT NOT NULL        -- speakers.id
);

-- small facts about the store itself, e.g. how many quote_words rows are sorted
CREATE TABLE IF NOT EXISTS store_info (
    key VARCHAR PRIMARY KEY,
    value BIGINT NOT NULL
);

-- MinHash LSH band keys of each quote group's first quote: the candidates of a new quote
CREATE TABLE IF NOT EXISTS quote_bands (
    band BIGINT NOT NULL,
    quote_group BIGINT NOT NULL,
    search_text VARCHAR NOT NULL
);

-- quotes per speaker, month and outlet (speaker_counts), per outlet and speaker
-- (outlet_counts), and articles per speaker's name and role (name_counts): the speaker
-- and outlet pages read these sums instead of counting a top speaker's tens of thousands
-- of rows (counts.py). Every article adds its rows in
-- its own transaction; an ingest folds them into one row per key at its end, sorted by
-- the first key. Readers always sum, so the counts are exact either way.
CREATE TABLE IF NOT EXISTS speaker_counts (
    speaker_id BIGINT,                -- NULL: sources that resolve to no speaker
    month DATE,                       -- the first day of the publication month, or NULL
    outlet VARCHAR,
    direct BIGINT NOT NULL,
    mixed BIGINT NOT NULL,
    indirect BIGINT NOT NULL,
    articles BIGINT NOT NULL          -- articles quoting the speaker (each is in one month)
);

CREATE TABLE IF NOT EXISTS outlet_counts (
    outlet VARCHAR,
    speaker_id BIGINT,
    direct BIGINT NOT NULL,
    mixed BIGINT NOT NULL,
    indirect BIGINT NOT NULL,
    articles BIGINT NOT NULL
);

CREATE TABLE IF NOT EXISTS name_counts (
    speaker_id BIGINT NOT NULL,
    name VARCHAR NOT NULL,            -- as entities.name and .role: the names a speaker is given
    role VARCHAR,
    articles BIGINT NOT NULL
);

CREATE TABLE IF NOT EXISTS errors (
    doc_id VARCHAR NOT NULL,
    source VARCHAR,                   -- the file it came from
    "offset" BIGINT,                  -- byte offset in that file (WARC) or NULL
    code VARCHAR NOT NULL,
    message VARCHAR NOT NULL,
    logged_at TIMESTAMP NOT NULL DEFAULT current_timestamp,
    PRIMARY KEY (doc_id, code)
);

-- every name and role a speaker was given, with how often
CREATE OR REPLACE VIEW speaker_names AS
SELECT speaker_id, name, role, count(*) AS articles
FROM entities WHERE speaker_id IS NOT NULL
GROUP BY speaker_id, name, role;

CREATE INDEX IF NOT EXISTS attributions_speaker ON attributions (speaker_id);
CREATE INDEX IF NOT EXISTS entities_speaker ON entities (speaker_id);
-- an article page reads its rows by article: without these, a scan of every row's key
-- (of a million quotes: 2-7 ms a table; with them well under 1 ms)
CREATE INDEX IF NOT EXISTS attributions_article ON attributions (article_id);
CREATE INDEX IF NOT EXISTS entities_article ON entities (article_id);
