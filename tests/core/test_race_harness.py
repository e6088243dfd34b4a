"""The race harness that every concurrency test uses: threads run together, results in order."""

import threading

from tests.race import errors, race, race_each


def test_all_threads_run_at_the_same_time():
    # Each thread waits for all the others inside the work: run one after another, this breaks.
    inside = threading.Barrier(6, timeout=10)
    assert race(lambda i: inside.wait() is not None and i, 6) == [0, 1, 2, 3, 4, 5]


def test_an_exception_takes_the_place_of_its_result():
    def work(i):
        if i % 2:
            raise ValueError(i)
        return i

    results = race(work, 4)
    assert results[0] == 0 and results[2] == 2
    assert [e.args for e in errors(results, ValueError)] == [(1,), (3,)]


def test_race_each_runs_different_functions():
    assert race_each([lambda: "a", lambda: "b"]) == ["a", "b"]
