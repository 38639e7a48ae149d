-- 0013: where an article's title and outlet came from, as the import read them (0012 did the
-- same for its date). Rows imported before this migration have neither (NULL: not recorded).
-- An analyst's corrections are kept in `article_corrections` and shown before these; assigning
-- articles to an outlet sets the outlet's source to 'analyst'.
--
-- title_source
--   metadata    the file's own metadata: JSON-LD headline, og:title, <title>, front matter, a
--               record's title field
--   heading     the page's <h1>, or the first line of a text file
--   text        no headline anywhere: the body's first words
-- outlet_source
--   metadata    the file states it: og:site_name, JSON-LD publisher, front matter, a field
--   sidecar     an outlet.txt or outlet.toml in the file's folder or above it
--   import      the outlet the analyst gave the import
--   first line  a text file's first line that is a site's name
--   registry    the page's address, named through the registry of sources
--   address     the page's address, a site the registry does not know ("example.com")
--   folder      the folder's name, which names an outlet the library or the registry knows
--   analyst     assigned by an analyst
--   none        nothing named it: the unknown outlet
ALTER TABLE articles ADD COLUMN title_source TEXT
    CHECK (title_source IN ('metadata', 'heading', 'text'));
ALTER TABLE articles ADD COLUMN outlet_source TEXT
    CHECK (outlet_source IN ('metadata', 'sidecar', 'import', 'first line', 'registry', 'address',
                             'folder', 'analyst', 'none'));
