-- infoview index, schema version 2. Derived data only: delete the file and `infoview sync`
-- rebuilds it. Documented in docs/index.md.
CREATE TABLE meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
-- One row per indexed note.
CREATE TABLE notes (
    id             INTEGER PRIMARY KEY,  -- also the rowid of its notes_fts row
    path           TEXT NOT NULL UNIQUE, -- vault-relative POSIX path
    name           TEXT NOT NULL,     -- `name:` or the file stem
    type           TEXT,              -- contact | company | interview | NULL
    mtime_ns       INTEGER NOT NULL,
    size           INTEGER NOT NULL,
    hash           TEXT NOT NULL,     -- sha256 of the file's bytes
    read_ns        INTEGER NOT NULL,  -- when the file was read (for the racy-mtime check)
    frontmatter_ok INTEGER NOT NULL,  -- 0 when its frontmatter does not parse
    props          TEXT NOT NULL,     -- JSON: frontmatter through the field aliases
    data           TEXT NOT NULL      -- JSON: the parsed note (headings, items, links, fields)
);
CREATE INDEX notes_type ON notes(type);
CREATE INDEX notes_name ON notes(name COLLATE NOCASE);
-- Every link of every note, with what it resolved to.
CREATE TABLE links (
    source   TEXT NOT NULL,   -- the linking note
    line     INTEGER NOT NULL,
    field    TEXT NOT NULL,   -- `body` or the frontmatter key
    target   TEXT NOT NULL,   -- as written, without #subpath and |alias
    explicit INTEGER NOT NULL,-- 1 for a [[wikilink]], 0 for plain text in a link-type field
    resolved TEXT,            -- path of the note or file it names, NULL if none
    status   TEXT NOT NULL    -- ok | unresolved | ambiguous | self
);
CREATE INDEX links_source ON links(source);
CREATE INDEX links_resolved ON links(resolved);
-- The names a note goes by (for resolving links and matching people).
CREATE TABLE names (
    path TEXT NOT NULL,
    key  TEXT NOT NULL,       -- NFC, case-folded
    kind TEXT NOT NULL        -- path (without .md) | stem | name | alias | email
);
CREATE INDEX names_key ON names(key);
CREATE INDEX names_path ON names(path);
-- Problems found while reading notes (invalid frontmatter, bad bytes...).
CREATE TABLE problems (
    path    TEXT NOT NULL,
    line    INTEGER,
    kind    TEXT NOT NULL,
    message TEXT NOT NULL
);
CREATE INDEX problems_path ON problems(path);
-- Files that are not indexed as notes, but which links may name (conflict copies aside).
CREATE TABLE files (
    path TEXT PRIMARY KEY,
    kind TEXT NOT NULL        -- conflict | attachment | template | generated
);
-- Full-text search over each note's name, property values and body (rowid = notes.id).
CREATE VIRTUAL TABLE notes_fts USING fts5(
    path UNINDEXED, name, properties, body, tokenize = 'unicode61 remove_diacritics 2'
);
CREATE VIEW contacts AS
    SELECT path, name,
           json_extract(props, '$.company') AS company, json_extract(props, '$.role') AS role,
           json_extract(props, '$.email') AS email, json_extract(props, '$.status') AS status
    FROM notes WHERE type = 'contact';
CREATE VIEW interviews AS
    SELECT path, name, json_extract(props, '$.contact') AS contact,
           json_extract(props, '$.date') AS date
    FROM notes WHERE type = 'interview';
