"""Small-number protection for the figures that leave the ministry (the shared monitor).

The shared release is a handful of one-way tables of one closed year: the year's total and, for
each table, how those reports divide over quarters, kinds, channels, police, municipality size,
office type and province. No cross-table, no filter. That shape is what makes the protection
provable without a solver: given only one-way tables with a common, published total, any
combination of them is realisable by some set of reports (line the reports up and hand out each
table's values in turn; kinds too, as long as each kind is at most the total and together at
least the total). So what one table lets someone conclude never depends on another table, and
the exact range of every hidden cell follows from its own table alone, by `attacker_ranges`.

The rule, per table:
- every count under the threshold, zero included, is hidden as a primary cell ("< 5" means 0 to
  4: a shown zero would turn every "< 5" into 1 to 4 and give away that someone reported);
- then, while some hidden cell has fewer than `threshold` possible values, the smallest shown
  count is hidden too (secondary, "×": at least the threshold);
- if hiding every row is still not enough, the table is withheld altogether.

`attacker_ranges` assumes the reader knows the total, every shown count, what both symbols mean
and that secondaries are picked smallest first (so a secondary is at most every shown count).
"""

PRIMARY = "primary"  # under the threshold (0 included)
SECONDARY = "secondary"  # hidden so that a primary cell cannot be worked out


def attacker_ranges(
    values: dict[str, int],
    total: int,
    hidden: dict[str, str],
    *,
    threshold: int,
    additive: bool,
) -> dict[str, tuple[int, int]]:
    """The smallest and largest value each hidden cell can have, for someone who sees the rest.

    `values`: code -> true count; `total`: the published total; `hidden`: code -> PRIMARY or
    SECONDARY; `additive`: the rows split the total (else, kinds: each row at most the total,
    together at least the total). Exact: a sum with bounds on each term takes every value in
    between."""
    shown = [value for code, value in values.items() if code not in hidden]
    cap = min([total, *shown])  # a secondary is the smallest count still shown when picked
    bounds = {
        code: (0, threshold - 1) if reason == PRIMARY else (threshold, cap)
        for code, reason in hidden.items()
    }
    rest = total - sum(shown)
    low_sum = sum(low for low, _high in bounds.values())
    high_sum = sum(high for _low, high in bounds.values())
    ranges = {}
    for code, (low, high) in bounds.items():
        others_low, others_high = low_sum - low, high_sum - high
        smallest = max(low, rest - others_high)
        largest = min(high, rest - others_low) if additive else min(high, total)
        ranges[code] = (smallest, largest)
    return ranges


def is_protected(
    values: dict[str, int], total: int, hidden: dict[str, str], *, threshold: int, additive: bool
) -> bool:
    ranges = attacker_ranges(values, total, hidden, threshold=threshold, additive=additive)
    return all(high - low + 1 >= threshold for low, high in ranges.values())


def protect(
    values: dict[str, int], total: int, *, threshold: int, additive: bool
) -> dict[str, str] | None:
    """Which cells of one table to hide: code -> PRIMARY | SECONDARY, or None when even hiding
    every row leaves a cell narrower than the threshold (then the table is not shown)."""
    order = {code: index for index, code in enumerate(values)}
    hidden = {code: PRIMARY for code, value in values.items() if value < threshold}
    while not is_protected(values, total, hidden, threshold=threshold, additive=additive):
        candidates = [code for code in values if code not in hidden]
        if not candidates:
            return None
        smallest = min(candidates, key=lambda code: (values[code], order[code]))
        hidden[smallest] = SECONDARY
    return hidden
