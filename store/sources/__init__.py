"""Where articles come from: the file formats (`formats`: plain text and Markdown; `feeds`: RSS and Atom;
`webpage`: saved HTML pages, with `html_text` turning HTML into text), finding and loading the article files
under a folder (`article_files`), and downloading feeds into the cache (`feed_download`)."""
