"""Writers of Exact Online eExact XML files.

Exact tag names live only in this package. Each writer turns validated records
into the bytes of one eExact document: UTF-8, no namespace, children in the
order of the 2017 schema's sequences, and the same bytes for the same input.
"""

from __future__ import annotations


__all__: list[str] = []
