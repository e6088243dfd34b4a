"""Full-text search over the directory.

PostgreSQL: a `norwegian` text-search vector over `search_document` and trigram similarity on
the name, both backed by GIN indexes (migration 0002). The index expressions are built from the
functions below, so the queries and the indexes cannot drift apart.
SQLite: a case-insensitive substring match on the same document (a simple fallback for the
embedded development database).
"""

from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector, TrigramSimilarity
from django.db import connection
from django.db.models import F, Q

SEARCH_CONFIG = "norwegian"


def search_vector():
    return SearchVector("search_document", config=SEARCH_CONFIG)


def apply_search(queryset, text: str):
    text = (text or "").strip()
    if not text:
        return queryset
    if connection.vendor != "postgresql":
        words = text.split()
        condition = Q()
        for word in words:
            condition &= Q(search_document__icontains=word)
        return queryset.filter(condition)
    query = SearchQuery(text, config=SEARCH_CONFIG, search_type="websearch")
    # Match with the operators the GIN indexes serve (`@@` and `%`, whose threshold is
    # pg_trgm.similarity_threshold, 0.3 by default); rank and similarity only order the hits.
    return (
        queryset.annotate(document=search_vector())
        .filter(Q(document=query) | Q(name__trigram_similar=text))
        .annotate(
            search_rank=SearchRank(search_vector(), query),
            name_similarity=TrigramSimilarity("name", text),
        )
        .order_by(F("name_similarity").desc(), F("search_rank").desc(), "name")
    )
