"""Severity bands as published: each scheme lists its bands from the lowest score up."""

from __future__ import annotations

from dataclasses import dataclass

from scoring.result import Band


@dataclass(frozen=True)
class BandScheme:
    # Names the scheme and its source; copied into every Band so a stored result says which.
    name: str
    # (lowest score in the band, code, published label), ascending by lowest score.
    bands: tuple[tuple[float, str, str], ...]

    def band_for(self, score: float) -> Band:
        chosen = self.bands[0]
        for band in self.bands:
            if score >= band[0]:
                chosen = band
        return Band(code=chosen[1], label=chosen[2], scheme=self.name)
