"""One race harness for the concurrency tests: run work in threads that start at the same moment.

    results = race(lambda i: actions.sign_up(people[i], shift), 8)
    results = race_each([lambda: submit(a), lambda: submit(b)])

Each thread waits at a barrier so that all of them hit the database together, and closes its own
database connection when done (Django opens one per thread; a test database cannot be dropped
while they stay open). The result list is in thread order; a thread that raised has the exception
in its place, so a test can count winners and losers, and an unexpected error shows in the
assertion instead of vanishing in a thread.
"""

import threading
from collections.abc import Callable

from django.db import connection

TIMEOUT = 60  # seconds; a thread stuck on a lock longer than this is a deadlock, not a race


def race(work: Callable[[int], object], count: int) -> list:
    """Call `work(i)` for i in 0..count-1, each in its own thread, all released at once."""
    barrier = threading.Barrier(count)
    results: list = [None] * count

    def run(index):
        try:
            barrier.wait(timeout=TIMEOUT)
            results[index] = work(index)
        except Exception as exc:  # returned, so that the test's assertion shows it
            results[index] = exc
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(i,), daemon=True) for i in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=TIMEOUT)
        if thread.is_alive():
            raise AssertionError(f"a racing thread did not finish within {TIMEOUT} s")
    return results


def race_each(functions: list[Callable[[], object]]) -> list:
    """Run each of `functions` in its own thread, all released at once."""
    return race(lambda index: functions[index](), len(functions))


def errors(results: list, kind: type[BaseException] = Exception) -> list:
    """The exceptions of `kind` among `results`."""
    return [result for result in results if isinstance(result, kind)]
