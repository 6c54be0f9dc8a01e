"""QR codes on printed documents: segno builds the symbol, reportlab draws it as vectors.

Drawn as one filled path of dark modules (not an embedded bitmap), so it stays sharp at any
zoom and printer resolution, and adjacent modules leave no hairline seams that upset scanners.
"""

from __future__ import annotations

import segno
from reportlab.platypus import Flowable

QUIET_ZONE = 4  # modules of white border the QR standard asks for around the symbol


def qr_modules(data: str) -> tuple[tuple[bool, ...], ...]:
    """The dark (True) and light modules of a QR code for ``data``, without the quiet zone.

    Error correction level M at least (segno raises it when the version allows): a
    certificate survives folding, a photocopy and a phone camera at an angle.
    """
    symbol = segno.make(data, error="m", micro=False, boost_error=True)
    return tuple(tuple(bool(v) for v in row) for row in symbol.matrix)


class QrCode(Flowable):
    """A QR code ``size`` points square, quiet zone included."""

    def __init__(self, data: str, size: float) -> None:
        super().__init__()
        self.modules = qr_modules(data)
        self.size = size

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        return self.size, self.size

    def draw(self) -> None:
        count = len(self.modules)
        cell = self.size / (count + 2 * QUIET_ZONE)
        canvas = self.canv
        canvas.saveState()
        canvas.setFillColorRGB(1, 1, 1)
        canvas.rect(0, 0, self.size, self.size, stroke=0, fill=1)
        canvas.setFillColorRGB(0, 0, 0)
        path = canvas.beginPath()
        for row_index, row in enumerate(self.modules):
            y = self.size - (row_index + QUIET_ZONE + 1) * cell
            column = 0
            while column < count:  # one rectangle per run of dark modules in the row
                if not row[column]:
                    column += 1
                    continue
                start = column
                while column < count and row[column]:
                    column += 1
                path.rect((start + QUIET_ZONE) * cell, y, (column - start) * cell, cell)
        canvas.drawPath(path, stroke=0, fill=1)
        canvas.restoreState()
