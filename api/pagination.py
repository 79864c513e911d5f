"""Pages of results: numbered, of `page_size` rows (at most 1,000), in a stable order."""

from rest_framework.pagination import PageNumberPagination


class Pages(PageNumberPagination):
    page_size = 100
    page_size_query_param = "page_size"
    max_page_size = 1000
