"""The speakers of the whole corpus: the speaker table kept in the corpus database and the merging of the names
that stand for one person (`table`), which the speaker view asks."""
