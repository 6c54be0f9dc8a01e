"""Test oracle: RFC 6962 §2.1 MTH, PATH and PROOF transcribed literally (recursive, O(n)).

Independent of shebao_tlog.tree (which works on stored complete subtrees) so that
generated proofs are checked against the RFC's own definitions.
"""

from functools import cache

from shebao_tlog.hashing import EMPTY_ROOT, node_hash


class ReferenceTree:
    def __init__(self, leaf_hashes):
        self.leaves = tuple(leaf_hashes)

    @staticmethod
    def _k(n):
        k = 1
        while k * 2 < n:
            k *= 2
        return k

    @cache  # noqa: B019 - instances live for one test
    def mth(self, lo, hi):
        if hi == lo:
            return EMPTY_ROOT
        if hi - lo == 1:
            return self.leaves[lo]
        k = self._k(hi - lo)
        return node_hash(self.mth(lo, lo + k), self.mth(lo + k, hi))

    def path(self, m, lo, hi):
        """PATH(m, D[lo:hi]), m relative to lo."""
        n = hi - lo
        if n == 1:
            return []
        k = self._k(n)
        if m < k:
            return self.path(m, lo, lo + k) + [self.mth(lo + k, hi)]
        return self.path(m - k, lo + k, hi) + [self.mth(lo, lo + k)]

    def subproof(self, m, lo, hi, b):
        """SUBPROOF(m, D[lo:hi], b)."""
        n = hi - lo
        if m == n:
            return [] if b else [self.mth(lo, hi)]
        k = self._k(n)
        if m <= k:
            return self.subproof(m, lo, lo + k, b) + [self.mth(lo + k, hi)]
        return self.subproof(m - k, lo + k, hi, False) + [self.mth(lo, lo + k)]

    def inclusion(self, index, size):
        return self.path(index, 0, size)

    def consistency(self, old, new):
        return self.subproof(old, 0, new, True)
