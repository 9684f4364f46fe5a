"""Articles from the web: fetching a page by URL (:mod:`~annotations.web.fetch`) and the
folder of fetched pages, one copy per URL (:mod:`~annotations.web.pages`), which later
reads and annotations use offline."""
