"""Severity bands as published: each scheme lists its bands from the lowest score up."""

from __future__ import annotations

from dataclasses import dataclass

from scoring.result import Band
from scoring.sources import Source


@dataclass(frozen=True)
class BandScheme:
    # Names the scheme and its source; copied into every Band so a stored result says which.
    # Each band's published wording is under (scheme, code) in cstr_desk/score_words.py.
    scheme: Source
    # (lowest score in the band, code), ascending by lowest score.
    bands: tuple[tuple[float, str], ...]

    def band_for(self, score: float) -> Band:
        chosen = self.bands[0]
        for band in self.bands:
            if score >= band[0]:
                chosen = band
        return Band(code=chosen[1], scheme=self.scheme)
