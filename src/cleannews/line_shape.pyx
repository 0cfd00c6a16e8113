# cython: language_level=3, boundscheck=False, wraparound=False, cdivision=True
"""The shape of every line of a page in one compiled pass: its length without surrounding
whitespace, its whitespace-separated tokens, how many of them start with a capital letter, its
letters and digits, and bits for its casing and its last characters.

Every measure is what the same question asked of the stripped line in Python answers, character
for character (the same Unicode tables: CPython's), e.g. ``letters`` is
``sum(ch.isalpha() for ch in text)`` and ``caps`` is
``sum(1 for t in text.split() if t[:1].isupper())``; the bits are listed under :data:`UPPER`.
:class:`cleannews.line_table.LineTable` holds the columns.
"""

from cpython.array cimport array, clone
from cpython.unicode cimport (Py_UNICODE_ISALPHA, Py_UNICODE_ISDIGIT, Py_UNICODE_ISLOWER, Py_UNICODE_ISSPACE,
                              Py_UNICODE_ISTITLE, Py_UNICODE_ISUPPER)

# (C constants for the loops; the module's names below are their Python values)
cdef enum:
    C_UPPER = 1
    C_STARTS_UPPER = 2
    C_END_PERIOD = 4
    C_END_QUESTION = 8
    C_END_COLON = 16
    C_END_ELLIPSIS = 32
    C_LETTER = 1
    C_NUMBER = 2
    C_MARK = 4
    C_UPPER_LETTER = 8

#: ``text.isupper()``: at least one cased character and no lower-case or title-case one.
UPPER = C_UPPER
#: the stripped line's first character is upper case (``text[:1].isupper()``).
STARTS_UPPER = C_STARTS_UPPER
#: the stripped line ends with "." but not with "...".
END_PERIOD = C_END_PERIOD
#: ... with "?" or "!".
END_QUESTION = C_END_QUESTION
#: ... with ":".
END_COLON = C_END_COLON
#: ... with "..." or "…".
END_ELLIPSIS = C_END_ELLIPSIS

#: The columns :func:`shape_columns` returns, in order.
COLUMNS = ("chars", "tokens", "caps", "letters", "digits", "flags")

cdef array _INTS = array("i")


cdef inline bint _upper(Py_UCS4 ch):
    """``ch.isupper()`` for one character."""
    return Py_UNICODE_ISUPPER(ch) and not (Py_UNICODE_ISLOWER(ch) or Py_UNICODE_ISTITLE(ch))


def shape_columns(list texts):
    """The shape of each text, as six ``array("i")`` columns (see :data:`COLUMNS`): ``chars``
    (the length of ``text.strip()``), ``tokens`` (``len(text.split())``), ``caps`` (tokens whose
    first character is upper case), ``letters`` (``str.isalpha`` characters), ``digits``
    (``str.isdigit`` characters) and ``flags`` (the bits :data:`UPPER` ... :data:`END_ELLIPSIS`
    of the stripped text). Raises TypeError for an item that is not a str."""
    cdef Py_ssize_t n = len(texts), k, i, first, last, length
    cdef array chars = clone(_INTS, n, False), tokens = clone(_INTS, n, False), caps = clone(_INTS, n, False)
    cdef array letters = clone(_INTS, n, False), digits = clone(_INTS, n, False), flags = clone(_INTS, n, False)
    cdef int n_tokens, n_caps, n_letters, n_digits, bits
    cdef bint in_token, cased, lower
    cdef Py_UCS4 ch, c1, c2, c3
    cdef str text
    for k in range(n):
        text = texts[k]
        length = len(text)
        n_tokens = n_caps = n_letters = n_digits = 0
        in_token = cased = lower = False
        first = -1
        last = -1
        for i in range(length):
            ch = text[i]
            if Py_UNICODE_ISSPACE(ch):
                in_token = False
                continue
            if first < 0:
                first = i
            last = i
            if not in_token:
                in_token = True
                n_tokens += 1
                if _upper(ch):
                    n_caps += 1
            if Py_UNICODE_ISALPHA(ch):
                n_letters += 1
            if Py_UNICODE_ISDIGIT(ch):
                n_digits += 1
            if Py_UNICODE_ISLOWER(ch) or Py_UNICODE_ISTITLE(ch):
                lower = True
            elif Py_UNICODE_ISUPPER(ch):
                cased = True
        bits = 0
        if first >= 0:
            if cased and not lower:
                bits |= C_UPPER
            if _upper(text[first]):
                bits |= C_STARTS_UPPER
            c1 = text[last]
            c2 = text[last - 1] if last > first else 0
            c3 = text[last - 2] if last - 1 > first else 0
            if c1 == u"." and c2 == u"." and c3 == u".":
                bits |= C_END_ELLIPSIS
            elif c1 == u".":
                bits |= C_END_PERIOD
            elif c1 == u"?" or c1 == u"!":
                bits |= C_END_QUESTION
            elif c1 == u":":
                bits |= C_END_COLON
            elif c1 == u"…":
                bits |= C_END_ELLIPSIS
        chars.data.as_ints[k] = last - first + 1 if first >= 0 else 0
        tokens.data.as_ints[k] = n_tokens
        caps.data.as_ints[k] = n_caps
        letters.data.as_ints[k] = n_letters
        digits.data.as_ints[k] = n_digits
        flags.data.as_ints[k] = bits
    return chars, tokens, caps, letters, digits, flags


#: The bits of a character-class table (see :func:`word_columns`): a letter (``\p{L}``), a number
#: (``\p{N}``), a combining mark (``\p{M}``), an upper-case letter (``\p{Lu}``, with
#: :data:`LETTER`).
LETTER = C_LETTER
NUMBER = C_NUMBER
MARK = C_MARK
UPPER_LETTER = C_UPPER_LETTER

#: The columns :func:`word_columns` returns, in order.
WORD_COLUMNS = ("words", "stopwords", "capitalised", "numbers", "alphabetic")


cdef inline unsigned char _class(Py_UCS4 ch, const unsigned char[:] classes) except 255:
    if ch < 128:
        if u"a" <= ch <= u"z":
            return C_LETTER
        if u"A" <= ch <= u"Z":
            return C_LETTER | C_UPPER_LETTER
        if u"0" <= ch <= u"9":
            return C_NUMBER
        return 0
    if <Py_ssize_t>ch >= classes.shape[0]:
        raise ValueError("a character-class table for every code point is needed for non-ASCII text")
    return classes[ch]


def word_columns(list texts, stops, const unsigned char[:] classes):
    """The words of each text as five ``array("i")`` columns (see :data:`WORD_COLUMNS`): ``words``
    (the matches of ``[\\p{L}\\p{N}][\\p{L}\\p{N}\\p{M}'’\\-]*``, left to right), ``stopwords``
    (words whose casefolded form is in ``stops``), ``capitalised`` (words whose first character
    is upper case), ``numbers`` (``\\p{N}`` characters) and ``alphabetic`` (``\\p{L}``
    characters) of the whole text. ``classes``: each code point's :data:`LETTER`,
    :data:`NUMBER` and :data:`MARK` bits (the `regex` module's Unicode classes); it may be empty
    when every text is ASCII."""
    cdef Py_ssize_t n = len(texts), k, i, start, length
    cdef array words = clone(_INTS, n, False), stopwords = clone(_INTS, n, False)
    cdef array capitalised = clone(_INTS, n, False), numbers = clone(_INTS, n, False)
    cdef array alphabetic = clone(_INTS, n, False)
    cdef int n_words, n_stops, n_caps, n_numbers, n_letters
    cdef unsigned char cls
    cdef Py_UCS4 ch
    cdef str text
    for k in range(n):
        text = texts[k]
        length = len(text)
        n_words = n_stops = n_caps = n_numbers = n_letters = 0
        i = 0
        while i < length:
            ch = text[i]
            cls = _class(ch, classes)
            if cls & C_LETTER:
                n_letters += 1
            elif cls & C_NUMBER:
                n_numbers += 1
            if not cls & (C_LETTER | C_NUMBER):
                i += 1
                continue
            start = i  # a word: a letter or number, then letters, numbers, marks, ' ’ -
            if _upper(ch):
                n_caps += 1
            i += 1
            while i < length:
                ch = text[i]
                cls = _class(ch, classes)
                if cls & (C_LETTER | C_NUMBER | C_MARK) or ch == u"'" or ch == u"’" or ch == u"-":
                    if cls & C_LETTER:
                        n_letters += 1
                    elif cls & C_NUMBER:
                        n_numbers += 1
                    i += 1
                else:
                    break
            n_words += 1
            if text[start:i].casefold() in stops:
                n_stops += 1
        words.data.as_ints[k] = n_words
        stopwords.data.as_ints[k] = n_stops
        capitalised.data.as_ints[k] = n_caps
        numbers.data.as_ints[k] = n_numbers
        alphabetic.data.as_ints[k] = n_letters
    return words, stopwords, capitalised, numbers, alphabetic


def content_words(str text, stops, Py_ssize_t min_chars, const unsigned char[:] classes):
    """The set of casefolded words of text of ``min_chars`` characters or more that are not in
    ``stops``, a word being a match of ``\\p{L}[\\p{L}\\p{M}'’\\-]*`` (the `regex` module's
    classes, see :func:`word_columns`): ``{w.casefold() for w in words if len(w) >= min_chars} - stops``."""
    cdef Py_ssize_t length = len(text), i = 0, start
    cdef unsigned char cls
    cdef Py_UCS4 ch
    cdef set found = set()
    cdef str word
    while i < length:
        if not _class(text[i], classes) & C_LETTER:
            i += 1
            continue
        start = i
        i += 1
        while i < length:
            ch = text[i]
            cls = _class(ch, classes)
            if cls & (C_LETTER | C_MARK) or ch == u"'" or ch == u"’" or ch == u"-":
                i += 1
            else:
                break
        if i - start >= min_chars:
            word = text[start:i].casefold()
            if word not in stops:
                found.add(word)
    return found


def name_tokens(str text, const unsigned char[:] classes):
    """How many of text's whitespace-separated tokens are shaped like a part of a name: a match
    of ``^\\p{Lu}[\\p{L}\\p{M}'’\\-]*\\.?$`` (``cleannews.text.NAME_TOKEN``; the `regex`
    module's classes, see :func:`word_columns`)."""
    cdef Py_ssize_t length = len(text), i = 0, start, end
    cdef int found = 0
    cdef bint shaped
    cdef Py_UCS4 ch
    while i < length:
        if Py_UNICODE_ISSPACE(text[i]):
            i += 1
            continue
        start = i
        while i < length and not Py_UNICODE_ISSPACE(text[i]):
            i += 1
        end = i - 1 if i - 1 > start and text[i - 1] == u"." else i  # (one final "." may close it)
        shaped = _class(text[start], classes) & C_UPPER_LETTER
        start += 1
        while shaped and start < end:
            ch = text[start]
            shaped = _class(ch, classes) & (C_LETTER | C_MARK) or ch == u"'" or ch == u"’" or ch == u"-"
            start += 1
        if shaped:
            found += 1
    return found
