"""Where a key that moves between code blocks lands, worked out from what is on screen (no Textual here)."""

from __future__ import annotations

import bisect
from collections.abc import Sequence


def code_target(owners: Sequence[int], focused: int | None, visible: range, step: int) -> int | None:
    """The code block (1-based) that Tab (``step`` 1) or Shift+Tab (-1) goes to, or None past the last one.

    Args:
        owners: For each code block, the top-level block that holds it, in order.
        focused: The code block under the cursor, if any.
        visible: The top-level blocks at least partly on screen.
        step: 1 for the next block, -1 for the previous one.

    A cursor on screen moves on from itself. A cursor out of sight is ignored:
    the reader has scrolled away from it, and jumping back to it would pull the
    view away from what they read. Then the first block on screen is the
    target, or when none is on screen, the nearest block below the view (above
    it, for Shift+Tab).
    """
    if focused is not None and owners[focused - 1] in visible:
        target = focused + step
        return target if 1 <= target <= len(owners) else None
    first = bisect.bisect_left(owners, visible.start)
    if first < len(owners) and owners[first] in visible:
        return first + 1
    if step > 0:
        return first + 1 if first < len(owners) else None
    return first if first > 0 else None
