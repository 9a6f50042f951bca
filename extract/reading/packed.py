"""Per-character boxes packed into float arrays.

Every character of a document keeps the box it was printed in; as a tuple of
Python floats that cost ~170 bytes a character (~0.5 MB a page), as four
32-bit floats it costs 16. float32 keeps PDF coordinates to 1/1000 of a point.
"""

from __future__ import annotations

from array import array
from collections.abc import Iterable, Iterator
from typing import overload


class PackedBoxes:
    """A list of fixed-width float tuples; with `nullable`, a tuple whose first field is 0 reads as None."""

    __slots__ = ("_a", "nullable", "width")

    def __init__(self, width: int, nullable: bool = False, items: Iterable[tuple[float, ...] | None] = ()) -> None:
        self.width = width
        self.nullable = nullable
        self._a = array("f")
        for it in items:
            self.append(it)

    def append(self, box: tuple[float, ...] | None) -> None:
        if box is None:
            if not self.nullable:
                raise ValueError("this box list has no empty entries")
            self._a.extend((0.0,) * self.width)
        else:
            self._a.extend(box)

    @classmethod
    def from_flat(cls, width: int, values: Iterable[float]) -> PackedBoxes:
        """Boxes from their fields laid end to end (a loop collects floats faster than tuples)."""
        out = cls(width)
        out._a = array("f", values)
        if len(out._a) % width:
            raise ValueError("the values do not make whole boxes")
        return out

    def append_prefixed(self, first: float, src: PackedBoxes, i: int) -> None:
        """Append (first, *src[i]) without building the tuple: a text map's (page, box) per character."""
        w = src.width
        k = i * w
        if self.width != w + 1 or i < 0 or k + w > len(src._a):
            raise IndexError(i)
        self._a.append(first)
        self._a.extend(src._a[k : k + w])

    def column(self, j: int) -> array[float]:
        """Field `j` of every box, in order (an empty entry reads as 0.0)."""
        return self._a[j :: self.width]

    def pop(self) -> None:
        del self._a[-self.width :]

    def __len__(self) -> int:
        return len(self._a) // self.width

    def _get(self, i: int) -> tuple[float, ...] | None:
        k = i * self.width
        t = tuple(self._a[k : k + self.width])
        return None if self.nullable and t[0] == 0.0 else t

    @overload
    def __getitem__(self, i: int) -> tuple[float, ...] | None: ...
    @overload
    def __getitem__(self, i: slice) -> list[tuple[float, ...] | None]: ...
    def __getitem__(self, i: int | slice) -> tuple[float, ...] | list[tuple[float, ...] | None] | None:
        n = len(self)
        if isinstance(i, slice):
            return [self._get(k) for k in range(*i.indices(n))]
        if i < 0:
            i += n
        if not 0 <= i < n:
            raise IndexError(i)
        return self._get(i)

    def __delitem__(self, i: slice) -> None:
        start, stop, step = i.indices(len(self))
        if step != 1:
            raise ValueError("only contiguous ranges can be deleted")
        del self._a[start * self.width : stop * self.width]

    def __iter__(self) -> Iterator[tuple[float, ...] | None]:
        return (self._get(k) for k in range(len(self)))
