# cython: language_level=3, boundscheck=False, wraparound=False
"""Boosted regression trees walked in compiled code: the log-odds of a feature vector under
:class:`cleannews.fields.model.TreeModel`'s trees, ``init + rate * leaf`` added tree by tree in
the trees' order (so the sum is the same float plain Python arithmetic gives).

A node is ``(feature, threshold, left, right, value)``: a node with ``feature`` -1 is a leaf
whose ``value`` is added; any other goes to ``left`` when the feature's value is at most
``threshold``, else to ``right``.
"""

from cpython.array cimport array, clone

cdef array _INTS = array("i")
cdef array _DOUBLES = array("d")


cdef class Forest:
    """The nodes of all trees in flat arrays (each tree's nodes after the previous tree's)."""

    cdef readonly int n_features
    cdef readonly double init, rate
    cdef array feature, left, right, roots
    cdef array threshold, value

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

    def log_odds(self, x):
        """The log-odds of the feature values ``x`` (a sequence of ``n_features`` numbers).
        Raises ValueError when ``x`` has another length."""
        cdef Py_ssize_t n = len(x), t, node, steps
        if n != self.n_features:
            raise ValueError(f"{n} feature values for {self.n_features} features")
        cdef array values = clone(_DOUBLES, n, False)
        cdef double* xs = values.data.as_doubles
        cdef int* feature = self.feature.data.as_ints
        cdef int* left = self.left.data.as_ints
        cdef int* right = self.right.data.as_ints
        cdef int* roots = self.roots.data.as_ints
        cdef double* threshold = self.threshold.data.as_doubles
        cdef double* value = self.value.data.as_doubles
        cdef Py_ssize_t i
        for i in range(n):
            xs[i] = x[i]
        cdef double z = self.init
        cdef Py_ssize_t limit = len(self.feature), n_trees = len(self.roots)
        for t in range(n_trees):
            node = roots[t]
            steps = 0
            while feature[node] >= 0 and steps < limit:  # (a malformed tree cannot loop forever)
                node = left[node] if xs[feature[node]] <= threshold[node] else right[node]
                steps += 1
            z += self.rate * value[node]
        return z
