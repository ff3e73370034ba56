"""Small-number suppression for figures that leave the ministry.

A published cell under the threshold (default 5) shows "< 5". That alone is not enough: when a
row total is published, the one hidden cell of that row is the total minus the others, and the
same holds across filters (the figure for all roles minus the figure for one role is the figure
for the other roles). So the published figures are treated as one system of cells and of
*lines* — a margin cell that equals the sum of its member cells — and hidden cells are added
until, in every line whose margin is published, the hidden members together are either 0 or at
least the threshold. Then no subtraction of published numbers yields a count from 1 to
threshold − 1.

Every table a shared view can show for one year is drawn from one such system, so the same cell
is hidden the same way whatever filter shows it.
"""

from dataclasses import dataclass, field

PRIMARY = "primary"  # under the threshold
SECONDARY = "secondary"  # hidden to protect a primary cell


@dataclass
class CellSystem:
    threshold: int
    values: dict = field(default_factory=dict)
    lines: list = field(default_factory=list)  # (margin_key, tuple(member_keys))
    hidden: dict = field(default_factory=dict)  # key -> PRIMARY | SECONDARY

    def add_cell(self, key, value):
        self.values[key] = self.values.get(key, 0) + value

    def ensure_cell(self, key):
        self.values.setdefault(key, 0)

    def add_line(self, margin, members):
        members = tuple(members)
        for key in (margin, *members):
            self.ensure_cell(key)
        self.lines.append((margin, members))

    def solve(self):
        """Hide every cell under the threshold, then as few others as this greedy pass finds
        until no published line gives away a small remainder."""
        for key, value in self.values.items():
            if 0 < value < self.threshold:
                self.hidden[key] = PRIMARY
        changed = True
        while changed:
            changed = False
            for margin, members in self.lines:
                # Checked even when the margin is hidden: it may be derivable from another line.
                hidden_sum = sum(self.values[key] for key in members if key in self.hidden)
                if 0 < hidden_sum < self.threshold and self._hide_one_more(margin, members):
                    changed = True
        return self

    def _hide_one_more(self, margin, members):
        candidates = [key for key in members if key not in self.hidden and self.values[key] > 0]
        if candidates:
            smallest = min(candidates, key=lambda key: (self.values[key], repr(key)))
            self.hidden[smallest] = SECONDARY
            return True
        if margin not in self.hidden:
            self.hidden[margin] = SECONDARY
            return True
        return False  # every member and the margin are hidden: nothing is given away

    def published(self, key):
        """The cell as it may be shown: (value or None, reason or None)."""
        value = self.values.get(key, 0)
        reason = self.hidden.get(key)
        return (None, reason) if reason else (value, None)
