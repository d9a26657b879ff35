"""Version numbers of what the caches hold: a cache written under another number is rebuilt, not read."""

# Bump when extraction or attribution of quotations changes: the search index and the quotation table
# hold the speakers found.
QUOTES_VERSION = 6
