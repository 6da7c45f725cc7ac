"""python-telegram-bot's request layer on aiohttp: the bot's Bot API client.

PTB's default :class:`~telegram.request.HTTPXRequest` spends most of a busy bot's CPU in
httpx and httpcore: every request walks httpcore's connection pool and asks each pooled
connection (through anyio) whether it expired, so the cost grows with the number of
concurrent requests. :class:`AiohttpRequest` implements PTB's documented extension point,
:class:`~telegram.request.BaseRequest`, on aiohttp's client, whose connector hands out
keep-alive connections in constant time. Measured with
``python -m benchmarks.throughput --requests`` (see "Performance" in the README).

Behaviour matches HTTPXRequest where PTB relies on it, except that parameters travel as
JSON (``multipart/form-data`` when files are uploaded; see :func:`_body`), timeouts raise
:class:`~telegram.error.TimedOut`, other transport errors
:class:`~telegram.error.NetworkError`, and the answer is returned as (status, body) for
PTB to parse.
"""

from __future__ import annotations

import json
import re
from typing import Any

import aiohttp
from telegram.error import NetworkError, TimedOut
from telegram.request import BaseRequest, RequestData

_TOKEN_SHAPE = re.compile(r"[0-9]{3,}:[A-Za-z0-9_-]{10,}")
"""A bot token (``<bot id>:<secret>``), as it appears in Bot API URLs."""
_JSON = {"Content-Type": "application/json"}
DEFAULT_POOL_SIZE = 256
"""Keep-alive connections at most (PTB's default for an Application's request object)."""


def _seconds(value: Any, default: float | None) -> float | None:
    """Return a timeout argument, or ``default`` when PTB passed its DEFAULT_NONE marker."""
    return default if isinstance(value, type(BaseRequest.DEFAULT_NONE)) else value


class AiohttpRequest(BaseRequest):
    """A :class:`~telegram.request.BaseRequest` on one :class:`aiohttp.ClientSession`.

    The timeouts are HTTPXRequest's, in seconds (``None`` waits forever): connecting,
    waiting for a free connection of the pool, and waiting for the answer's bytes. aiohttp
    has no write timeout, so the write timeout only bounds the whole call (write + read).
    """

    __slots__ = ("_connect_timeout", "_media_write_timeout", "_pool_size", "_pool_timeout",
                 "_read_timeout", "_session", "_write_timeout")

    def __init__(
        self,
        connection_pool_size: int = DEFAULT_POOL_SIZE,
        read_timeout: float | None = 5.0,
        write_timeout: float | None = 5.0,
        connect_timeout: float | None = 5.0,
        pool_timeout: float | None = 1.0,
        media_write_timeout: float | None = 20.0,
    ) -> None:
        if connection_pool_size < 1:
            raise ValueError(f"connection_pool_size must be at least 1, not {connection_pool_size}")
        self._pool_size = connection_pool_size
        self._read_timeout = read_timeout
        self._write_timeout = write_timeout
        self._connect_timeout = connect_timeout
        self._pool_timeout = pool_timeout
        self._media_write_timeout = media_write_timeout
        self._session: aiohttp.ClientSession | None = None

    @property
    def read_timeout(self) -> float | None:
        """The default read timeout in seconds (PTB adds it to ``getUpdates``' timeout)."""
        return self._read_timeout

    async def initialize(self) -> None:
        """Open the client session (once; again after :meth:`shutdown`)."""
        if self._session is None or self._session.closed:
            self._session = aiohttp.ClientSession(
                connector=aiohttp.TCPConnector(limit=self._pool_size),
                headers={"User-Agent": self.USER_AGENT},
                # Bot API answers are JSON that PTB decodes itself; no cookies, no redirects.
                cookie_jar=aiohttp.DummyCookieJar(),
            )

    async def shutdown(self) -> None:
        """Close the session and its connections."""
        if self._session is not None and not self._session.closed:
            await self._session.close()

    async def do_request(
        self,
        url: str,
        method: str,
        request_data: RequestData | None = None,
        read_timeout: Any = BaseRequest.DEFAULT_NONE,
        write_timeout: Any = BaseRequest.DEFAULT_NONE,
        connect_timeout: Any = BaseRequest.DEFAULT_NONE,
        pool_timeout: Any = BaseRequest.DEFAULT_NONE,
    ) -> tuple[int, bytes]:
        """Send one Bot API request and return (HTTP status, body)."""
        if self._session is None or self._session.closed:
            raise RuntimeError("This AiohttpRequest is not initialized!")
        files = request_data is not None and request_data.contains_files
        read = _seconds(read_timeout, self._read_timeout)
        write = _seconds(write_timeout,
                         self._media_write_timeout if files else self._write_timeout)
        connect = _seconds(connect_timeout, self._connect_timeout)
        pool = _seconds(pool_timeout, self._pool_timeout)
        # aiohttp has no write timeout of its own: the whole call may take the write and
        # the read timeout together; waiting for a pooled connection and connecting share
        # ``connect``.
        timeout = aiohttp.ClientTimeout(
            total=None if read is None or write is None else read + write,
            connect=None if connect is None or pool is None else connect + pool,
            sock_connect=connect,
            sock_read=read,
        )
        try:
            async with self._session.request(
                method, url, data=_body(request_data), timeout=timeout, allow_redirects=False,
                headers=_JSON if request_data is not None and not files else None,
            ) as response:
                return response.status, await response.read()
        except TimeoutError as error:
            raise TimedOut from error
        except aiohttp.ClientError as error:
            message = f"aiohttp.{type(error).__name__}: {error}"
            redacted = _TOKEN_SHAPE.sub("[REDACTED]", message.replace(url, "<Bot API URL>"))
            if redacted != message:  # e.g. an invalid URL: the URL holds the token
                raise NetworkError(redacted) from None  # the cause would show it again
            raise NetworkError(message) from error


def _body(request_data: RequestData | None) -> bytes | aiohttp.FormData | None:
    """Return the request body: JSON, or multipart form data when files are uploaded.

    The Bot API takes ``application/json`` for every call without files. One
    ``json.dumps`` of the parameters costs about a tenth of PTB's urlencoded form (each
    nested value JSON-encoded, then every character of an HTML answer percent-quoted):
    10 µs instead of 83 µs for a typical answer.
    """
    if request_data is None:
        return None
    if not request_data.contains_files:
        return json.dumps(request_data.parameters).encode("ascii")
    form = aiohttp.FormData()
    for name, value in request_data.json_parameters.items():
        form.add_field(name, value)
    for name, upload in request_data.multipart_data.items():
        if isinstance(upload, tuple):
            filename, content, *mimetype = upload
            form.add_field(name, content, filename=filename,
                           content_type=mimetype[0] if mimetype else None)
        else:
            form.add_field(name, upload)
    return form
