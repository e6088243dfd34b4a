"""A WSGI app for test_wrk_run's access-log test: it answers as the page cache labels pages."""


def application(environ, start_response):
    label = "hit" if "hit" in environ.get("QUERY_STRING", "") else "miss"
    start_response("200 OK", [("Content-Type", "text/plain"), ("X-Dugnad-Cache", label)])
    return [b"ok"]
