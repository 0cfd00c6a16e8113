# cython: language_level=3, boundscheck=False, wraparound=False
"""Boosted regression trees walked in compiled code: the log-odds of a feature vector under
:class:`cleannews.fields.model.TreeModel`'s trees, ``init + rate * leaf`` added tree by tree in
the trees' order (so the sum is the same float plain Python arithmetic gives).

A node is ``(feature, threshold, left, right, value)``: a node with ``feature`` -1 is a leaf
whose ``value`` is added; any other goes to ``left`` when the feature's value is at most
``threshold``, else to ``right``.
"""

cimport cython
from cpython.array cimport array, clone

cdef array _INTS = array("i")
cdef array _DOUBLES = array("d")


@cython.final
cdef class Forest:
    """The nodes of all trees in flat arrays (each tree's nodes after the previous tree's)."""

    cdef readonly int n_features
    cdef readonly double init, rate
    cdef array feature, left, right, roots
    cdef array threshold, value
    cdef int _visits  # (the number of the next visit within one call of used_features)

    def __init__(self, trees, int n_features, double init, double rate):
        """``trees``: a sequence of trees, each a sequence of nodes (feature, threshold, left,
        right, value) whose children are indices within the tree. ValueError for a tree without
        nodes, or a node that names a feature outside ``n_features`` or a child outside its tree."""
        cdef Py_ssize_t total = sum(len(t) for t in trees), at = 0, k = 0
        self.n_features, self.init, self.rate = n_features, init, rate
        self.feature, self.left, self.right = clone(_INTS, total, False), clone(_INTS, total, False), \
            clone(_INTS, total, False)
        self.threshold, self.value = clone(_DOUBLES, total, False), clone(_DOUBLES, total, False)
        self.roots = clone(_INTS, len(trees), False)
        for t, tree in enumerate(trees):
            if not len(tree):
                raise ValueError("a tree without nodes")
            self.roots.data.as_ints[t] = at
            for f, threshold, left, right, value in tree:
                if f >= n_features or (f >= 0 and not (0 < left < len(tree) and 0 < right < len(tree))):
                    raise ValueError("a tree node names a feature or child that does not exist")
                self.feature.data.as_ints[k] = f
                self.left.data.as_ints[k] = at + left
                self.right.data.as_ints[k] = at + right
                self.threshold.data.as_doubles[k] = threshold
                self.value.data.as_doubles[k] = value
                k += 1
            at += len(tree)

    cdef array _values(self, x):
        """x as an array of doubles (ValueError when it has another length than the features)."""
        cdef Py_ssize_t n = len(x), i
        if n != self.n_features:
            raise ValueError(f"{n} feature values for {self.n_features} features")
        cdef array values = clone(_DOUBLES, n, False)
        cdef double* xs = values.data.as_doubles
        for i in range(n):
            xs[i] = x[i]
        return values

    def log_odds(self, x):
        """The log-odds of the feature values ``x`` (a sequence of ``n_features`` numbers).
        Raises ValueError when ``x`` has another length."""
        cdef array values = self._values(x)
        cdef double z = self.init
        cdef Py_ssize_t t
        for t in range(len(self.roots)):
            z += self.rate * self.value.data.as_doubles[_leaf(self, t, values.data.as_doubles, NULL, NULL)]
        return z

    def used_features(self, x):
        """(feature index, visits) for each feature whose internal nodes the walk of ``x``
        through the trees visits, in the order of each feature's first visit."""
        cdef array values = self._values(x)
        cdef array visits = clone(_INTS, self.n_features, True), first = clone(_INTS, self.n_features, True)
        cdef Py_ssize_t t
        self._visits = 0
        for t in range(len(self.roots)):
            _leaf(self, t, values.data.as_doubles, visits.data.as_ints, first.data.as_ints)
        used = [f for f in range(self.n_features) if visits.data.as_ints[f]]
        used.sort(key=first.__getitem__)
        return [(f, visits.data.as_ints[f]) for f in used]


cdef inline Py_ssize_t _leaf(Forest forest, Py_ssize_t t, const double* xs, int* visits, int* first):
    """The node where the walk of ``xs`` through the forest's tree t ends (its leaf). ``visits``
    and ``first``, when not NULL, receive per feature the internal nodes visited and the number
    of the visit that came first (counted over the walks that share them)."""
    cdef int* feature = forest.feature.data.as_ints
    cdef int* left = forest.left.data.as_ints
    cdef int* right = forest.right.data.as_ints
    cdef double* threshold = forest.threshold.data.as_doubles
    cdef Py_ssize_t node = forest.roots.data.as_ints[t], steps = 0, limit = len(forest.feature)
    cdef int f
    while feature[node] >= 0 and steps < limit:  # (a malformed tree cannot loop forever)
        f = feature[node]
        if visits != NULL:
            if visits[f] == 0:
                first[f] = forest._visits
            visits[f] += 1
            forest._visits += 1
        node = left[node] if xs[f] <= threshold[node] else right[node]
        steps += 1
    return node
