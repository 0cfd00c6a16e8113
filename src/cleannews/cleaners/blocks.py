"""Blocks of prose and the article's main run among them.

Good lines with little chrome between them form a block; a closing-section header ("Comments",
"Related") ends one, except a related-links box of a few lines inside the text. The main run is
the block with the most prose (weighted by its purity) in the first part of the page that has
real prose, preferring the block right under the headline, joined with neighbouring blocks
across light chrome (not with a lone short paragraph behind several chrome lines: a teaser's
summary). Comment threads stand after their header; teaser lists (title, author, date,
summary) are impure.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, NamedTuple

import regex

from ..article import RemovalCode
from ..page import Page
from .end_headers import end_headers
from .line_classes import BAD, CODE, GOOD, ITEM, NEAR_GOOD, Labels
from .line_features import function_chars, prose_mass

if TYPE_CHECKING:
    from .main_text import MainText

_CREDIT_START = regex.compile(r"^\s*(?:©|\(c\))\s*\p{L}")


def hard_breaks(page: Page) -> set[int]:
    """The closing-section headers that end a block of prose. Not counted: a header-like line
    that an earlier step removed together with the line directly above or below it (a
    "Comments" button in a share bar, a menu item), and a line starting with "© Name" (a
    photo credit; a copyright footer starts with "© 2024" or stands after the article's prose
    anyway).
    """
    out = {i for i, line in enumerate(page.lines)  # "More from the Times": the section step's link
           if line.removal is not None and line.removal.code is RemovalCode.SECTION_LINK}
    for i, family in end_headers(page):
        line = page.lines[i]
        if _in_toolbar(page, i):
            continue
        if family == "footer" and _CREDIT_START.match(line.text):
            continue  # "© Name/Agency": a photo credit, unless the page's prose ends there
        out.add(i)
    return out


def _in_toolbar(page: Page, i: int) -> bool:
    """True when line i is one button of a bar, not a header: it was removed together with a
    neighbour (no blank line between) by the same step, or it stands right next to a share
    button ("Facebook", "Twitter", "E-Mail", "Kommentare")."""
    removal = page.lines[i].removal
    cleaner = removal.cleaner if removal is not None else None
    for j in (i - 1, i + 1):
        if 0 <= j < len(page.lines):
            other = page.lines[j]
            if not other.text or other.removal is None:
                continue
            if other.removal.cleaner == cleaner or other.removal.code is RemovalCode.SHARE_BUTTON:
                return True
    return False


class Block(NamedTuple):
    """Good lines (indices into page.lines) that belong together, and their prose mass."""

    start: int
    end: int             # index of the block's last good line
    mass: int            # characters of good lines, times the block's purity
    gap_before: float    # weight of the chrome between the previous block and this one
    header_before: str   # the family of a closing-section header between them ("" if none)
    purity: float = 1.0  # share of its kept lines that are prose on their own
    soft_before: str = ""  # a related-links box's header between them, deemed inside the text
    core: int = -1       # of a run: the first line of its block with the most prose (-1: not a run)



def build_blocks(page: Page, labels: Labels, headers: set[int], paragraphs: bool, opts: MainText) -> list[Block]:
    """Runs of good lines with less than ``opts.max_gap`` chrome between them, top to bottom,
    given the page's closing-section headers and whether it sets paragraphs apart."""
    spaceless = function_chars(page) is not None
    rows: list[tuple[int, bool, float]] = []  # (index, good, chrome weight) of content lines
    for i, line in enumerate(page.lines):
        if not line.text or line.fields:  # headline, byline, date: neither
            continue
        cls = labels.get(i, (BAD,))[0]
        if i not in headers and cls == GOOD:
            rows.append((i, True, 0.0))
        elif cls == CODE:
            rows.append((i, False, 0.0))  # a code listing inside the article
        elif not line.kept:
            # a line an earlier step removed (a caption, an ad label, a share bar) often
            # stands inside articles: it weighs a quarter
            rows.append((i, False, opts.removed_weight))
        elif paragraphs and standalone(page, i):
            rows.append((i, False, opts.standalone_weight))  # a list item or subheading
        else:
            rows.append((i, False, 1.0))
    out: list[Block] = []
    current: list[int] = []  # positions in rows of the current block's lines
    gap, header_at, since_header = 0.0, None, 0
    mass = 0
    pending: tuple[float, str, str] = (0.0, "", "")
    families = dict(end_headers(page))
    for n, (i, is_good, weight) in enumerate(rows):
        if is_good:
            # a header that is no end-section header is the section step's "More from …"
            family = (families.get(header_at) or "related") if header_at is not None else ""
            soft = header_at is not None and soft_header(family, since_header, page, labels, i, opts)
            hard = family if not soft else ""
            if current and (gap >= opts.max_gap or hard or soft):
                out.append(close_block(rows, current, mass, labels, pending))
                current, mass = [], 0
                pending = (gap, hard, family if soft else "")
            elif not current:
                pending = (gap, hard, family if soft else "")
            current.append(n)
            mass += min(prose_mass(page.lines[i].text, spaceless), 1500)
            gap, header_at, since_header = 0.0, None, 0
            continue
        if i in headers:
            header_at, since_header = i, 0
        else:
            since_header += 1
        gap += weight
        if current:
            current.append(n)
    if current:
        out.append(close_block(rows, current, mass, labels, pending))
    return out


def soft_header(family: str, lines_after: int, page: Page, labels: Labels, i: int, opts: MainText) -> bool:
    """A related-articles header (or a "More from …" link) with a few links under it, and
    prose again right after (line ``i``), is a box inside the article, not its end; so is a
    donation button ("Jetzt spenden!") right above two paragraphs of prose (an appeal under
    its button is one paragraph, and the page's chrome follows it)."""
    if family == "donation":
        if lines_after > opts.max_button_lines:
            return False
        nxt = page.next_nonblank(i)
        return nxt is not None and labels.get(nxt, (BAD,))[0] == GOOD
    return lines_after <= opts.max_box_lines and family in ("related", "read_more")


def close_block(rows: list[tuple[int, bool, float]], current: list[int], mass: int, labels: Labels,
                pending: tuple[float, str, str]) -> Block:
    """The block, its prose mass weighted by its purity: the share of its kept lines (code
    aside) that are prose or nearly on their own (a teaser list that alternates titles, authors, dates and
    summaries is a third pure; an article nearly all)."""
    while not rows[current[-1]][1]:  # the block ends at its last good line
        current.pop()
    span = [rows[n][0] for n in range(current[0], current[-1] + 1)
            if rows[n][0] in labels and labels[rows[n][0]][1].cls != CODE
            and labels[rows[n][0]][1].tag != ITEM]
    prose = sum(1 for i in span if labels[i][1].cls in (GOOD, NEAR_GOOD))
    purity = prose / len(span) if span else 0.0
    return Block(rows[current[0]][0], rows[current[-1]][0], round(mass * purity), pending[0], pending[1],
                 purity, pending[2])


def choose_run(page: Page, all_blocks: list[Block], opts: MainText) -> Block | None:
    """The article's run: the block with the most prose after the headline, joined with its
    neighbours across light chrome (see :class:`~cleannews.cleaners.main_text.MainText`)."""
    head = page.headline_index()
    blocks = [b for b in all_blocks if head is None or b.start > head]
    # closing-section headers cut the page into zones; the article is in the first zone
    # that holds a block of real prose (comments and teasers come after their header)
    # unless a later zone holds several times more prose (a teaser box with a header
    # above the article)
    zones: list[list[Block]] = []
    for b in blocks:
        if b.header_before or not zones:
            zones.append([])
        zones[-1].append(b)
    best = [max(z.mass for z in zone) for zone in zones]
    rival = [0 if zone[0].header_before == "comments" else best[n] for n, zone in enumerate(zones)]
    blocks = []
    for n, zone in enumerate(zones):
        if sum(z.mass for z in zone) >= opts.min_chars and best[n] >= opts.zone_share * max(rival[n:] + [0]):
            blocks = zone
            break
    if not blocks:
        return None
    # the block right under the headline is the likeliest article start
    bonus = [opts.headline_bonus if head is not None and n == 0 and b.gap_before < opts.max_gap else 1.0
             for n, b in enumerate(blocks)]
    k = max(range(len(blocks)), key=lambda n: blocks[n].mass * bonus[n])
    first = last = k
    # under a known headline, prose above the best block is the article's opening (a lead
    # set apart by a picture, its caption and credits), however much chrome stands between
    merge_before = opts.merge_before if head is None else opts.merge_under_headline
    while first > 0 and not blocks[first].header_before and blocks[first].gap_before < merge_before:
        first -= 1
    # after a related-links box only article-like prose continues the article (teaser
    # summaries under a "More about …" header do not)
    while last + 1 < len(blocks) and not blocks[last + 1].header_before and (
            blocks[last + 1].gap_before < opts.merge_after
            or (blocks[last + 1].gap_before < opts.merge_after_pure and blocks[last + 1].purity >= opts.pure)) \
            and (not blocks[last + 1].soft_before or blocks[last + 1].purity >= opts.pure) \
            and not stray_line(page, blocks[last + 1], opts):
        last += 1
    mass = sum(b.mass for b in blocks[first:last + 1])
    if mass < opts.min_chars:
        return None
    return Block(blocks[first].start, blocks[last].end, mass, blocks[first].gap_before,
                 blocks[first].header_before, core=blocks[k].start)


def stray_line(page: Page, block: Block, opts: MainText) -> bool:
    """True for a block of one short paragraph behind ``opts.stray_gap`` or more chrome: a
    teaser's summary between teaser titles, not the article going on."""
    return (block.start == block.end and block.gap_before >= opts.stray_gap
            and len(page.lines[block.start].text) < opts.stray_chars)


def standalone(page: Page, i: int) -> bool:
    """True when line i has blank lines (or the page's edge) directly above and below."""
    lines = page.lines
    return (i == 0 or not lines[i - 1].text) and (i + 1 >= len(lines) or not lines[i + 1].text)


def uses_paragraph_breaks(page: Page) -> bool:
    """True when blank lines set paragraphs apart on this page but not everything: then a
    line standing alone is more likely article text than a tight list of links."""
    lines = [i for i, line in enumerate(page.lines) if line.text]
    if len(lines) < 10:
        return False
    alone = sum(1 for i in lines if standalone(page, i))
    return 0.1 <= alone / len(lines) <= 0.8
