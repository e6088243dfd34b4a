"""The sizes the generator builds. `as` is the figures of issue #7; `tiny` is for the tests."""

from dataclasses import dataclass


@dataclass(frozen=True)
class Scale:
    name: str
    municipalities: int
    organisations: int
    rooms: int
    bookings: int
    occurrences: int
    volunteers: int
    applications: int

    @property
    def buildings(self) -> int:
        return max(1, self.rooms // 5)

    @property
    def assignments(self) -> int:
        return max(3, self.volunteers // 10)


SCALES = {
    "tiny": Scale("tiny", 2, 30, 6, 300, 200, 40, 10),
    "as": Scale("as", 1, 400, 60, 30_000, 6_000, 3_000, 150),
    "region": Scale("region", 36, 4_000, 600, 300_000, 60_000, 30_000, 1_500),
    "norway": Scale("norway", 357, 100_000, 6_000, 2_000_000, 1_000_000, 300_000, 15_000),
}

# The municipality the deployment serves (settings.DUGNAD_MUNICIPALITY_NUMBER) keeps the `as`
# share of everything at every scale: its own pages then show the same amount of data, and
# what grows is the rest of the country in the same tables, which is what indexes must absorb.
HOME_SHARE = SCALES["as"]
