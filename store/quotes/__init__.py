"""Quotations: quote marks paired (`marks`), the engine that decides which spans are quotations and who said
them (`engine`), with the speech verbs (`cues`), one article's cast of people (`cast`), name words and given
names (`name_words`, `names`) and the evidence kept for each attribution (`evidence`).

Nothing is imported here, so that the marks or the cast load without the engine; `store.extract_quotations`
loads the engine on first use."""
