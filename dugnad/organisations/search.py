"""Full-text search over the directory.

PostgreSQL: a `norwegian` text-search vector over `search_document`, stored by the database in
the generated column `search_vector` (GIN index, migration 0004), and trigram similarity on the
name (GIN index, migration 0002). Matching and ranking read the stored vector, so a search no
longer computes to_tsvector for every row in the count and the page query.
SQLite: a substring match on the same column, which there holds the document in lower case (a
simple fallback for the embedded development database).
"""

from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector, TrigramSimilarity
from django.db import connection
from django.db.models import F, Q

from dugnad.core.text import fold

SEARCH_CONFIG = "norwegian"


def search_vector():
    return SearchVector("search_document", config=SEARCH_CONFIG)


class StoredSearchVector(SearchVector):
    """The generated column's expression: to_tsvector on PostgreSQL; on SQLite, which has no
    text search, the document in lower case for LIKE."""

    def as_sqlite(self, compiler, connection, **extra):
        (expression,) = self.get_source_expressions()
        sql, params = compiler.compile(expression)
        return f"LOWER(COALESCE({sql}, ''))", params


def apply_search(queryset, text: str):
    text = (text or "").strip()
    if not text:
        return queryset
    if connection.vendor != "postgresql":
        # The document holds its words folded too (build_search_document), so the folded
        # words typed find "Språkkafé" as "sprakkafe" and the other way round.
        condition = Q()
        for word in fold(text).split():
            condition &= Q(search_vector__contains=word)
        return queryset.filter(condition)
    query = SearchQuery(text, config=SEARCH_CONFIG, search_type="websearch")
    folded = SearchQuery(fold(text), config=SEARCH_CONFIG, search_type="websearch")
    # Match with the operators the GIN indexes serve (`@@` and `%`, whose threshold is
    # pg_trgm.similarity_threshold, 0.3 by default); rank and similarity only order the hits.
    return (
        queryset.filter(
            Q(search_vector=query) | Q(search_vector=folded) | Q(name__trigram_similar=text)
        )
        .annotate(
            search_rank=SearchRank(F("search_vector"), query),
            name_similarity=TrigramSimilarity("name", text),
        )
        .order_by(F("name_similarity").desc(), F("search_rank").desc(), "name")
    )
