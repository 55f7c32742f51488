"""Which outlet published an article: from its URL, its metadata, or how the file is named.

Conventions for plain files (documented for users in ``read_paths``):

* ``OUTLET__anything.txt`` — the part before the first double underscore is the outlet.
* ``NAME.meta.json`` (or ``NAME.EXT.meta.json``) next to ``NAME.EXT`` — a JSON object with any
  of ``url``, ``outlet``, ``published``, ``title``; its values win over what the reader infers,
  because a person or a crawler wrote them down deliberately.

An outlet that cannot be established stays ``None``: a wrong outlet is worse than none for
provenance analysis.
"""

from __future__ import annotations

import ipaddress
import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from urllib.parse import urlsplit

SIDECAR_SUFFIX = ".meta.json"
_FILENAME_OUTLET_SEPARATOR = "__"
_MAX_SIDECAR_BYTES = 1024 * 1024


def outlet_from_url(url: str | None) -> str | None:
    """The registrable domain of a URL ("https://www.sputniknews.com/x" -> "sputniknews.com")."""
    if not url:
        return None
    try:
        host = urlsplit(url if "//" in url else f"//{url}").hostname
    except ValueError:
        return None
    return outlet_from_host(host.lower().rstrip(".")) if host else None


@lru_cache(maxsize=16384)
def outlet_from_host(host: str) -> str | None:
    """The registrable domain of a host name; cached, since a corpus has few hosts and many articles."""
    try:
        ipaddress.ip_address(host)
        return host
    except ValueError:
        pass
    from tld import get_fld

    registrable = get_fld(host, fix_protocol=True, fail_silently=True)
    if isinstance(registrable, str) and registrable:
        return registrable.lower()
    # Hosts outside the public suffix list (intranets, "localhost"): the host minus "www.".
    return host.removeprefix("www.") if "." in host else None


def outlet_from_filename(path: Path) -> str | None:
    """``OUTLET__rest.txt`` -> ``OUTLET``; None for files not following the convention."""
    prefix, separator, rest = path.name.partition(_FILENAME_OUTLET_SEPARATOR)
    prefix = prefix.strip()
    if not separator or not rest or not prefix or len(prefix) > 100:
        return None
    return prefix


def is_sidecar(path: Path) -> bool:
    return path.name.endswith(SIDECAR_SUFFIX)


@dataclass(frozen=True)
class Sidecar:
    """Metadata given next to a file; every field optional."""

    url: str | None = None
    outlet: str | None = None
    published: str | None = None
    title: str | None = None
    warning: str | None = None


def _sidecar_candidates(path: Path) -> list[Path]:
    return [path.with_name(path.name + SIDECAR_SUFFIX), path.with_name(path.stem + SIDECAR_SUFFIX)]


def read_sidecar(path: Path) -> Sidecar | None:
    """The sidecar of ``path`` if there is one; a broken sidecar yields a warning, not an error."""
    for candidate in _sidecar_candidates(path):
        if candidate.is_file():
            return _parse_sidecar(candidate)
    return None


def _parse_sidecar(sidecar: Path) -> Sidecar:
    if sidecar.stat().st_size > _MAX_SIDECAR_BYTES:
        return Sidecar(warning=f"sidecar {sidecar.name} is larger than 1 MB and was ignored")
    try:
        data = json.loads(sidecar.read_bytes())
    except (ValueError, UnicodeDecodeError) as exc:
        return Sidecar(warning=f"sidecar {sidecar.name} is not valid JSON and was ignored: {exc}")
    if not isinstance(data, dict):
        return Sidecar(warning=f"sidecar {sidecar.name} is not a JSON object and was ignored")

    def text_field(name: str) -> str | None:
        value = data.get(name)
        return str(value).strip() or None if value is not None else None

    return Sidecar(
        url=text_field("url"), outlet=text_field("outlet"), published=text_field("published"), title=text_field("title")
    )
