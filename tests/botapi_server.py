"""A Telegram Bot API server on 127.0.0.1 for tests and benchmarks.

It speaks the documented HTTP API (``POST /bot<token>/<method>`` with form, multipart
or JSON parameters) for the methods the bot calls, serves scripted updates through
long-polling ``getUpdates`` (offset, limit, timeout) or by POSTing them to a webhook
set with ``setWebhook`` (with the secret-token header), records every call, and
checks every HTML text the way Telegram does. Latency and faults can be injected per
method.

In a test::

    async with BotApiServer() as server:
        chat = server.private_chat()
        server.send_text(chat, "Wer hat den Vertrag ratifiziert?")
        call = await server.wait_for("sendMessage")

Standalone (for benchmarks or a manual run of ``article-bot run``)::

    python -m tests.botapi_server --port 8081 --verbose
    curl -d '{"text": "Wer hat ratifiziert?"}' http://127.0.0.1:8081/_control/message
    curl http://127.0.0.1:8081/_control/calls?method=sendMessage

Control endpoints (JSON bodies): ``POST /_control/message`` (``text``, optional
``chat_id``, ``user_id``, ``chat_type``, ``reply_to_message_id``), ``POST
/_control/updates`` (raw updates, ``update_id`` assigned when missing), ``GET
/_control/calls`` (``method``, ``since``), ``POST /_control/config`` (``latency``,
``method_latency``, ``faults``), ``POST /_control/reset``, ``GET /_control/stats``.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import itertools
import json
import logging
import time
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass, field
from typing import Any, Literal

from aiohttp import ClientSession, ClientTimeout, web

from tests.telegram_html import MAX_MESSAGE_LENGTH, TelegramHtmlError, check_message_text

logger = logging.getLogger(__name__)

BOT_ID = 7000000001
BOT_USERNAME = "ArticleBot"

# Parameters that travel as JSON-encoded strings in form data (everything else is a
# string, or an integer for the names in _INT_PARAMS).
_JSON_PARAMS = frozenset({
    "reply_markup", "results", "commands", "scope", "reply_parameters",
    "link_preview_options", "entities", "allowed_updates", "button", "caption_entities",
    "disable_web_page_preview", "disable_notification", "protect_content", "show_alert",
    "is_personal", "drop_pending_updates", "allow_sending_without_reply", "cache_time",
})
_INT_PARAMS = frozenset({
    "offset", "limit", "timeout", "message_id", "reply_to_message_id", "message_thread_id",
    "max_connections",
})

FaultKind = Literal["status", "reset", "delay", "late", "malformed"]


@dataclass
class Fault:
    """A fault injected into the next ``times`` calls of ``method`` (``None``: any method).

    ``status``: answer with HTTP ``status`` and a Bot API error (``retry_after`` for 429);
    ``reset``: drop the connection without answering; ``delay``: wait ``delay`` seconds,
    then answer normally (a client that gives up first gets nothing done: the call is
    recorded with status 0); ``late``: carry the call out, then wait ``delay`` seconds
    before answering (a client that gives up cannot know it was done); ``malformed``:
    answer 200 with a body that is not JSON.
    ``times`` < 0 means every call until the fault is removed.
    """

    kind: FaultKind
    method: str | None = None
    times: int = 1
    status: int = 500
    retry_after: int | None = None
    delay: float = 0.0
    description: str = ""

    def matches(self, method: str) -> bool:
        """Tell whether this fault applies to a call of ``method``."""
        return self.times != 0 and (self.method is None or self.method == method)


@dataclass
class Call:
    """One recorded call of the Bot API: method, decoded parameters and our answer."""

    method: str
    params: dict[str, Any]
    at: float
    status: int = 200
    result: Any = None
    fault: str | None = None

    @property
    def text(self) -> str:
        """The call's ``text`` parameter (empty when absent)."""
        return str(self.params.get("text", ""))

    @property
    def chat_id(self) -> int | None:
        """The call's ``chat_id`` as an integer, when it has one."""
        value = self.params.get("chat_id")
        try:
            return int(value) if value is not None else None
        except (TypeError, ValueError):
            return None


class BotApiError(Exception):
    """An error answer of the Bot API (``{"ok": false, ...}``)."""

    def __init__(self, status: int, description: str, retry_after: int | None = None):
        super().__init__(description)
        self.status = status
        self.description = description
        self.retry_after = retry_after


def _decode_value(name: str, value: Any) -> Any:
    """Decode one form-data value the way the Bot API reads it."""
    if not isinstance(value, str):
        return value
    if name in _JSON_PARAMS:
        with contextlib.suppress(ValueError):
            return json.loads(value)
    if name in _INT_PARAMS or name == "chat_id":
        with contextlib.suppress(ValueError):
            return int(value)
    return value


def utf16_offsets(text: str, start: int, length: int) -> tuple[int, int]:
    """Convert a Python (code point) span into Telegram's UTF-16 offset and length."""
    prefix = len(text[:start].encode("utf-16-le")) // 2
    return prefix, len(text[start : start + length].encode("utf-16-le")) // 2


def text_entities(text: str) -> list[dict[str, Any]]:
    """Return the entities a Telegram client attaches: a leading command, @mentions, URLs."""
    entities: list[dict[str, Any]] = []
    index = 0
    for word in text.split(" "):
        stripped = word.rstrip(".,!?;:\n")
        core = stripped.split("\n")[0]
        if index == 0 and core.startswith("/") and len(core) > 1:
            offset, length = utf16_offsets(text, 0, len(core))
            entities.append({"type": "bot_command", "offset": offset, "length": length})
        elif core.startswith("@") and len(core) > 1:
            offset, length = utf16_offsets(text, index, len(core))
            entities.append({"type": "mention", "offset": offset, "length": length})
        index += len(word) + 1
    return entities


@dataclass
class ServerConfig:
    """Run-time knobs: latency per call (seconds) and the queue of faults."""

    latency: float = 0.0
    method_latency: dict[str, float] = field(default_factory=dict)
    faults: list[Fault] = field(default_factory=list)
    check_html: bool = True


class BotApiServer:
    """The Bot API on 127.0.0.1: scripted updates in, recorded calls out.

    ``token`` restricts the accepted token (others get 401 like Telegram); ``None``
    accepts any token. Use as ``async with BotApiServer() as server``.
    """

    def __init__(
        self,
        *,
        host: str = "127.0.0.1",
        port: int = 0,
        token: str | None = None,
        bot_username: str = BOT_USERNAME,
        bot_id: int = BOT_ID,
        latency: float = 0.0,
        verbose: bool = False,
    ):
        self.host = host
        self.port = port
        self.token = token
        self.bot_user: dict[str, Any] = {
            "id": bot_id,
            "is_bot": True,
            "first_name": "Article Bot",
            "username": bot_username,
            "can_join_groups": True,
            "can_read_all_group_messages": False,
            "supports_inline_queries": True,
        }
        self.config = ServerConfig(latency=latency)
        self.verbose = verbose
        self.calls: list[Call] = []
        self.html_errors: list[str] = []
        self.webhook: dict[str, Any] | None = None
        self.webhook_deliveries: list[tuple[int, int]] = []  # (update_id, HTTP status)
        self._updates: list[dict[str, Any]] = []
        self._update_ids = itertools.count(1)
        self._message_ids: dict[int, itertools.count[int]] = {}
        self.messages: dict[tuple[int, int], dict[str, Any]] = {}
        self.chats: dict[int, dict[str, Any]] = {}
        self._ids = itertools.count(100)
        self.counts: Counter[str] = Counter()  # successful calls per method
        self._changed = asyncio.Event()
        self._runner: web.AppRunner | None = None
        self._session: ClientSession | None = None
        self._tasks: set[asyncio.Task[None]] = set()
        self._handlers: dict[str, Callable[[dict[str, Any]], Any]] = {
            "getMe": lambda p: self.bot_user,
            "logOut": lambda p: True,
            "close": lambda p: True,
            "getUpdates": self._get_updates,  # async, special-cased in _dispatch
            "setWebhook": self._set_webhook,
            "deleteWebhook": self._delete_webhook,
            "getWebhookInfo": self._get_webhook_info,
            "sendMessage": self._send_message,
            "editMessageText": self._edit_message_text,
            "editMessageReplyMarkup": self._edit_message_reply_markup,
            "answerCallbackQuery": lambda p: True,
            "answerInlineQuery": self._answer_inline_query,
            "sendChatAction": lambda p: True,
            "setMyCommands": lambda p: True,
            "deleteMyCommands": lambda p: True,
            "getMyCommands": self._get_my_commands,
            "setMyDescription": lambda p: True,
            "setMyShortDescription": lambda p: True,
            "setMyName": lambda p: True,
            "deleteMessage": lambda p: True,
        }

    # ----------------------------------------------------------------- life cycle
    async def __aenter__(self) -> BotApiServer:
        await self.start()
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        await self.stop()

    async def start(self) -> None:
        """Bind to ``host:port`` (port 0 picks a free one) and start serving."""
        app = web.Application(client_max_size=16 * 1024 * 1024)
        app.router.add_route("*", "/_control/{action}", self._control)
        app.router.add_route("*", "/bot{token}/{method}", self._api)
        app.router.add_route("*", "/file/bot{token}/{path:.*}", self._file)
        # Long polls in progress are cancelled at once on stop (no graceful drain needed).
        self._runner = web.AppRunner(app, access_log=None, handler_cancellation=True,
                                     shutdown_timeout=0.5)
        await self._runner.setup()
        site = web.TCPSite(self._runner, self.host, self.port, reuse_address=True)
        await site.start()
        server = site._server
        if server is not None and server.sockets:  # resolve port 0
            self.port = server.sockets[0].getsockname()[1]
        self._session = ClientSession(timeout=ClientTimeout(total=10))

    async def stop(self) -> None:
        """Stop serving and close the webhook client."""
        for task in list(self._tasks):
            task.cancel()
        if self._session is not None:
            await self._session.close()
        if self._runner is not None:
            await self._runner.cleanup()

    @property
    def url(self) -> str:
        """The server's root URL, e.g. ``http://127.0.0.1:8081``."""
        return f"http://{self.host}:{self.port}"

    @property
    def base_url(self) -> str:
        """What to pass as ``TELEGRAM_API_BASE_URL`` / PTB's ``base_url``."""
        return f"{self.url}/bot"

    @property
    def base_file_url(self) -> str:
        """What to pass as PTB's ``base_file_url``."""
        return f"{self.url}/file/bot"

    def reset(self) -> None:
        """Forget recorded calls, pending updates, faults and HTML errors."""
        self.calls.clear()
        self.counts.clear()
        self.html_errors.clear()
        self._updates.clear()
        self.config = ServerConfig(latency=self.config.latency)

    # ----------------------------------------------------------------- scripting
    def private_chat(self, user_id: int | None = None, **user: Any) -> dict[str, Any]:
        """Return a private chat with a fresh user; the user is ``chat["user"]``."""
        uid = user_id or next(self._ids)
        sender = {
            "id": uid,
            "is_bot": False,
            "first_name": user.pop("first_name", f"User{uid}"),
            "language_code": user.pop("language_code", "de"),
            **user,
        }
        return {"id": uid, "type": "private", "first_name": sender["first_name"], "user": sender}

    def group_chat(self, chat_type: str = "supergroup", chat_id: int | None = None) -> dict:
        """Return a group (or supergroup) chat; pair it with :meth:`user`."""
        cid = chat_id or -(1000000000000 + next(self._ids))
        return {"id": cid, "type": chat_type, "title": f"Group {-cid}"}

    def user(self, user_id: int | None = None, **user: Any) -> dict[str, Any]:
        """Return a human user (for group messages and inline queries)."""
        uid = user_id or next(self._ids)
        return {"id": uid, "is_bot": False, "first_name": f"User{uid}", "language_code": "de",
                **user}

    def next_message_id(self, chat_id: int) -> int:
        """Allocate the next message id in ``chat_id`` (shared by users and the bot)."""
        counter = self._message_ids.setdefault(chat_id, itertools.count(1))
        return next(counter)

    def message(
        self,
        chat: dict[str, Any],
        text: str | None = None,
        *,
        sender: dict[str, Any] | None = None,
        reply_to: dict[str, Any] | None = None,
        entities: list[dict[str, Any]] | None = None,
        **extra: Any,
    ) -> dict[str, Any]:
        """Build a message object as a client would send it (entities detected from text)."""
        sender = sender or chat.get("user") or self.user()
        chat_obj = {k: v for k, v in chat.items() if k != "user"}
        message: dict[str, Any] = {
            "message_id": self.next_message_id(chat["id"]),
            "date": int(time.time()),
            "chat": chat_obj,
            "from": sender,
            **extra,
        }
        if text is not None:
            message["text"] = text
            found = text_entities(text) if entities is None else entities
            if found:
                message["entities"] = found
        if reply_to is not None:
            message["reply_to_message"] = reply_to
        self.messages[(chat["id"], message["message_id"])] = message
        self.chats[chat["id"]] = chat_obj
        return message

    def send_text(self, chat: dict[str, Any], text: str, **kwargs: Any) -> int:
        """Queue a text message update; return its update id."""
        return self.add_update({"message": self.message(chat, text, **kwargs)})

    def send_sticker(self, chat: dict[str, Any], **kwargs: Any) -> int:
        """Queue a sticker message update."""
        sticker = {"file_id": "CAACAgIAAxk", "file_unique_id": "AgADsticker", "type": "regular",
                   "width": 512, "height": 512, "is_animated": False, "is_video": False,
                   "emoji": "😀"}
        return self.add_update({"message": self.message(chat, sticker=sticker, **kwargs)})

    def send_photo(self, chat: dict[str, Any], caption: str | None = None, **kwargs: Any) -> int:
        """Queue a photo message update (optionally captioned)."""
        photo = [{"file_id": "AgACAgIAAxk", "file_unique_id": "AgADphoto", "width": 90,
                  "height": 90, "file_size": 1000}]
        extra = {"caption": caption} if caption else {}
        return self.add_update({"message": self.message(chat, photo=photo, **extra, **kwargs)})

    def send_voice(self, chat: dict[str, Any], **kwargs: Any) -> int:
        """Queue a voice message update."""
        voice = {"file_id": "AwACAgIAAxk", "file_unique_id": "AgADvoice", "duration": 3}
        return self.add_update({"message": self.message(chat, voice=voice, **kwargs)})

    def send_document(self, chat: dict[str, Any], **kwargs: Any) -> int:
        """Queue a document message update."""
        document = {"file_id": "BQACAgIAAxk", "file_unique_id": "AgADdoc", "file_name": "a.pdf"}
        return self.add_update({"message": self.message(chat, document=document, **kwargs)})

    def edit_text(self, message: dict[str, Any], text: str) -> int:
        """Queue an ``edited_message`` update changing ``message``'s text."""
        edited = {**message, "text": text, "edit_date": int(time.time())}
        edited.pop("entities", None)
        if found := text_entities(text):
            edited["entities"] = found
        return self.add_update({"edited_message": edited})

    def channel_post(self, text: str, chat_id: int | None = None) -> int:
        """Queue a ``channel_post`` update."""
        chat = {"id": chat_id or -(1000000000000 + next(self._ids)), "type": "channel",
                "title": "Channel"}
        post = {"message_id": self.next_message_id(chat["id"]), "date": int(time.time()),
                "chat": chat, "text": text}
        return self.add_update({"channel_post": post})

    def press_button(
        self, message: dict[str, Any], data: str, sender: dict[str, Any] | None = None
    ) -> int:
        """Queue a ``callback_query`` for a button with ``data`` under the bot's ``message``."""
        chat = message["chat"]
        sender = sender or (
            {"id": chat["id"], "is_bot": False, "first_name": chat.get("first_name", "U"),
             "language_code": "de"}
            if chat["type"] == "private" else self.user()
        )
        query = {"id": str(next(self._ids)), "from": sender, "message": message,
                 "chat_instance": str(chat["id"]), "data": data}
        return self.add_update({"callback_query": query})

    def inline_query(self, query: str, sender: dict[str, Any] | None = None) -> int:
        """Queue an ``inline_query`` update."""
        sender = sender or self.user()
        inline = {"id": str(next(self._ids)), "from": sender, "query": query, "offset": "",
                  "chat_type": "sender"}
        return self.add_update({"inline_query": inline})

    def add_update(self, update: dict[str, Any]) -> int:
        """Queue a raw update (``update_id`` assigned when missing) and wake pollers."""
        update = dict(update)
        update.setdefault("update_id", next(self._update_ids))
        self._updates.append(update)
        if self.webhook:
            task = asyncio.get_running_loop().create_task(self._deliver_webhook())
            self._tasks.add(task)
            task.add_done_callback(self._tasks.discard)
        else:
            self._notify()
        return update["update_id"]

    def _notify(self) -> None:
        """Wake everyone waiting in :meth:`_wait_until` (long polls and :meth:`wait_for`)."""
        self._changed.set()
        self._changed = asyncio.Event()

    async def _wait_until(self, condition: Callable[[], bool]) -> None:
        """Return once ``condition()`` holds, re-checking after every change."""
        while not condition():
            await self._changed.wait()

    @property
    def pending_updates(self) -> int:
        """Updates queued and not yet confirmed by the bot."""
        return len(self._updates)

    # ----------------------------------------------------------------- inspection
    def calls_of(self, method: str, chat_id: int | None = None) -> list[Call]:
        """Return the recorded successful calls of ``method`` (optionally in one chat)."""
        return [
            c for c in self.calls
            if c.method == method and c.status == 200
            and (chat_id is None or c.chat_id == chat_id)
        ]

    async def wait_for(
        self,
        method: str,
        count: int = 1,
        *,
        chat_id: int | None = None,
        predicate: Callable[[Call], bool] | None = None,
        timeout: float = 10.0,
    ) -> Call:
        """Wait until ``count`` matching successful calls were made; return the last one."""
        found = await self.wait_for_all(method, count, chat_id=chat_id, predicate=predicate,
                                        timeout=timeout)
        return found[-1]

    async def wait_for_all(
        self,
        method: str,
        count: int = 1,
        *,
        chat_id: int | None = None,
        predicate: Callable[[Call], bool] | None = None,
        timeout: float = 10.0,
    ) -> list[Call]:
        """Wait until ``count`` matching successful calls were made; return them all."""

        def matching() -> list[Call]:
            calls = self.calls_of(method, chat_id)
            return [c for c in calls if predicate is None or predicate(c)]

        def done() -> bool:
            if self.counts[method] < count:
                return False
            return (chat_id is None and predicate is None) or len(matching()) >= count

        try:
            await asyncio.wait_for(self._wait_until(done), timeout)
            return matching()
        except TimeoutError:
            seen = [(c.method, c.params.get("text", "")) for c in self.calls[-10:]]
            raise AssertionError(
                f"expected {count} call(s) of {method}, got {len(matching())}; last calls: {seen}"
            ) from None

    def messages_in(self, chat_id: int, *, from_bot: bool | None = None) -> list[dict[str, Any]]:
        """Return the messages of ``chat_id`` (users' and the bot's) in message id order."""
        found = sorted((m for (c, _), m in self.messages.items() if c == chat_id),
                       key=lambda m: m["message_id"])
        if from_bot is None:
            return found
        return [m for m in found
                if (m.get("from", {}).get("id") == self.bot_user["id"]) == from_bot]

    async def wait_for_updates_confirmed(self, timeout: float = 10.0) -> None:
        """Wait until the bot has confirmed (fetched past) every queued update."""

        try:
            await asyncio.wait_for(self._wait_until(lambda: not self._updates), timeout)
        except TimeoutError:
            raise AssertionError(f"{len(self._updates)} update(s) never confirmed") from None

    async def quiet(self, seconds: float = 0.3) -> None:
        """Wait until no call was made for ``seconds`` (to assert that nothing was sent)."""
        while True:
            before = len(self.calls)
            await asyncio.sleep(seconds)
            if len(self.calls) == before:
                return

    # ----------------------------------------------------------------- HTTP side
    async def _read_params(self, request: web.Request) -> dict[str, Any]:
        """Read parameters from the query string and a form, multipart or JSON body."""
        params: dict[str, Any] = dict(request.query)
        if request.can_read_body:
            ctype = request.content_type
            if ctype == "application/json":
                body = await request.json()
                if isinstance(body, dict):
                    params.update(body)
                return params
            form = await request.post()
            for key, value in form.items():
                params[key] = value if isinstance(value, str) else "<file>"
        return {k: _decode_value(k, v) for k, v in params.items()}

    async def _api(self, request: web.Request) -> web.StreamResponse:
        """Serve one Bot API call."""
        method = request.match_info["method"]
        if self.token is not None and request.match_info["token"] != self.token:
            return self._error_response(BotApiError(401, "Unauthorized"))
        try:
            params = await self._read_params(request)
        except (ValueError, UnicodeDecodeError):
            return self._error_response(BotApiError(400, "Bad Request: invalid parameters"))
        call = Call(method, params, time.monotonic())
        self.calls.append(call)
        fault = self._take_fault(method)
        delay = self.config.method_latency.get(method, self.config.latency)
        if fault is not None and fault.kind == "delay":
            delay += fault.delay
        if delay > 0:
            try:
                await asyncio.sleep(delay)
            except asyncio.CancelledError:  # the client hung up: nothing was done
                call.status, call.fault = 0, "cancelled"
                raise
        if fault is not None and fault.kind not in ("delay", "late"):
            call.fault = fault.kind
            call.status = fault.status if fault.kind == "status" else 0
            self._notify()
            return await self._fault_response(request, fault)
        try:
            handler = self._handlers.get(method)
            if handler is None:
                raise BotApiError(404, "Not Found")
            result = handler(params)
            if asyncio.iscoroutine(result):
                result = await result
        except BotApiError as error:
            call.status = error.status
            call.result = error.description
            self._notify()
            return self._error_response(error)
        call.result = result
        self.counts[method] += 1
        if self.verbose and method not in ("getUpdates",):
            logger.info("%s %s", method, json.dumps(params, ensure_ascii=False)[:500])
        self._notify()
        if fault is not None and fault.kind == "late":  # done, but the answer is held back
            call.fault = "late"
            await asyncio.sleep(fault.delay)
        return web.json_response({"ok": True, "result": result})

    def _take_fault(self, method: str) -> Fault | None:
        """Return (and count down) the first fault that applies to ``method``."""
        for fault in self.config.faults:
            if fault.matches(method):
                if fault.times > 0:
                    fault.times -= 1
                return fault
        return None

    async def _fault_response(self, request: web.Request, fault: Fault) -> web.StreamResponse:
        """Answer a call with the injected ``fault``."""
        if fault.kind == "reset":
            if request.transport is not None:
                request.transport.abort()
            raise asyncio.CancelledError  # nothing more to send on a dropped connection
        if fault.kind == "malformed":
            return web.Response(status=200, text="<html>not json", content_type="text/html")
        description = fault.description or {
            429: f"Too Many Requests: retry after {fault.retry_after or 1}",
            500: "Internal Server Error",
            502: "Bad Gateway",
        }.get(fault.status, "Bad Request")
        retry_after = (fault.retry_after or 1) if fault.status == 429 else None
        return self._error_response(BotApiError(fault.status, description, retry_after))

    @staticmethod
    def _error_response(error: BotApiError) -> web.Response:
        """Build the Bot API's error body."""
        body: dict[str, Any] = {"ok": False, "error_code": error.status,
                                "description": error.description}
        if error.retry_after is not None:
            body["parameters"] = {"retry_after": error.retry_after}
        return web.json_response(body, status=error.status)

    async def _file(self, request: web.Request) -> web.Response:
        """Serve file downloads (the bot never downloads; answer 404 like a missing file)."""
        return self._error_response(BotApiError(404, "Not Found"))

    # ----------------------------------------------------------------- methods
    async def _get_updates(self, params: dict[str, Any]) -> list[dict[str, Any]]:
        """Confirm updates below ``offset`` and long-poll for new ones."""
        if self.webhook:
            raise BotApiError(409, "Conflict: can't use getUpdates method while webhook is "
                                   "active; use deleteWebhook to delete the webhook first")
        offset = int(params.get("offset") or 0)
        limit = max(1, min(100, int(params.get("limit") or 100)))
        timeout = max(0.0, float(params.get("timeout") or 0))
        if offset > 0 and self._updates and self._updates[0]["update_id"] < offset:
            self._updates = [u for u in self._updates if u["update_id"] >= offset]
            self._notify()

        def available() -> list[dict[str, Any]]:
            return [u for u in self._updates if u["update_id"] >= offset][:limit]

        if not available() and timeout > 0:
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._wait_until(lambda: bool(available())), timeout)
        return available()

    def _set_webhook(self, params: dict[str, Any]) -> bool:
        """Remember the webhook URL and secret; queued updates go there from now on."""
        url = params.get("url") or ""
        if not url:
            self.webhook = None
            return True
        self.webhook = {"url": url, "secret_token": params.get("secret_token")}
        if params.get("drop_pending_updates"):
            self._updates.clear()
        elif self._updates:
            task = asyncio.get_running_loop().create_task(self._deliver_webhook())
            self._tasks.add(task)
            task.add_done_callback(self._tasks.discard)
        return True

    def _delete_webhook(self, params: dict[str, Any]) -> bool:
        """Forget the webhook (optionally dropping pending updates)."""
        self.webhook = None
        if params.get("drop_pending_updates"):
            self._updates.clear()
        return True

    def _get_webhook_info(self, params: dict[str, Any]) -> dict[str, Any]:
        """Describe the webhook, as Telegram does."""
        return {"url": (self.webhook or {}).get("url", ""), "has_custom_certificate": False,
                "pending_update_count": len(self._updates)}

    def _get_my_commands(self, params: dict[str, Any]) -> list[dict[str, str]]:
        """Return the last commands set for the same scope and language."""
        for call in reversed(self.calls):
            if (call.method == "setMyCommands" and call.status == 200
                    and call.params.get("scope") == params.get("scope")
                    and call.params.get("language_code") == params.get("language_code")):
                return list(call.params.get("commands") or [])
        return []

    async def _deliver_webhook(self) -> None:
        """POST queued updates to the webhook one by one, as Telegram does."""
        assert self._session is not None
        while self.webhook and self._updates:
            update = self._updates.pop(0)
            headers = {}
            if secret := self.webhook.get("secret_token"):
                headers["X-Telegram-Bot-Api-Secret-Token"] = secret
            try:
                async with self._session.post(self.webhook["url"], json=update,
                                              headers=headers) as response:
                    self.webhook_deliveries.append((update["update_id"], response.status))
            except OSError:
                self.webhook_deliveries.append((update["update_id"], 0))
            self._notify()

    def _check_text(self, params: dict[str, Any], key: str = "text") -> None:
        """Reject text Telegram would reject, and remember why."""
        text = params.get(key)
        if not isinstance(text, str):
            raise BotApiError(400, f"Bad Request: {key} is required")
        if not self.config.check_html:
            return
        try:
            check_message_text(text, params.get("parse_mode"))
            if len(text) > MAX_MESSAGE_LENGTH:
                raise TelegramHtmlError("message source is longer than 4096 characters")
        except TelegramHtmlError as error:
            self.html_errors.append(f"{error}: {text[:200]!r}")
            raise BotApiError(400, f"Bad Request: can't parse entities: {error}") from None

    def _chat(self, chat_id: Any) -> dict[str, Any]:
        """Return the chat object for ``chat_id`` from the messages seen so far."""
        try:
            cid = int(chat_id)
        except (TypeError, ValueError):
            raise BotApiError(400, "Bad Request: chat not found") from None
        return self.chats.get(cid) or {"id": cid, "type": "private" if cid > 0 else "supergroup"}

    def _send_message(self, params: dict[str, Any]) -> dict[str, Any]:
        """Check the text and store the bot's message."""
        self._check_text(params)
        chat = self._chat(params.get("chat_id"))
        message: dict[str, Any] = {
            "message_id": self.next_message_id(chat["id"]),
            "date": int(time.time()),
            "chat": chat,
            "from": self.bot_user,
            "text": params["text"],
        }
        reply = params.get("reply_parameters") or {}
        reply_id = reply.get("message_id") or params.get("reply_to_message_id")
        if reply_id is not None:
            original = self.messages.get((chat["id"], int(reply_id)))
            if original is None and not reply.get("allow_sending_without_reply"):
                raise BotApiError(400, "Bad Request: message to be replied not found")
            if original is not None:
                message["reply_to_message"] = original
        markup = params.get("reply_markup")
        if isinstance(markup, dict) and "inline_keyboard" in markup:
            message["reply_markup"] = markup
        self.messages[(chat["id"], message["message_id"])] = message
        return message

    def _bot_message(self, params: dict[str, Any]) -> dict[str, Any]:
        """Find the bot's message addressed by ``chat_id`` and ``message_id``."""
        try:
            key = (int(params.get("chat_id")), int(params.get("message_id")))
        except (TypeError, ValueError):
            raise BotApiError(400, "Bad Request: message identifier is not specified") from None
        message = self.messages.get(key)
        if message is None or message.get("from", {}).get("id") != self.bot_user["id"]:
            raise BotApiError(400, "Bad Request: message to edit not found")
        return message

    def _edit_message_text(self, params: dict[str, Any]) -> dict[str, Any] | bool:
        """Check the text and change the bot's message."""
        self._check_text(params)
        if params.get("inline_message_id"):
            return True
        message = self._bot_message(params)
        markup = params.get("reply_markup")
        if message.get("text") == params["text"] and message.get("reply_markup") == markup:
            raise BotApiError(400, "Bad Request: message is not modified: specified new message "
                                   "content and reply markup are exactly the same as a current "
                                   "content and reply markup of the message")
        message["text"] = params["text"]
        message["edit_date"] = int(time.time())
        if isinstance(markup, dict) and "inline_keyboard" in markup:
            message["reply_markup"] = markup
        else:
            message.pop("reply_markup", None)
        return message

    def _edit_message_reply_markup(self, params: dict[str, Any]) -> dict[str, Any] | bool:
        """Change the buttons under the bot's message."""
        if params.get("inline_message_id"):
            return True
        message = self._bot_message(params)
        markup = params.get("reply_markup")
        if isinstance(markup, dict) and markup.get("inline_keyboard"):
            message["reply_markup"] = markup
        else:
            message.pop("reply_markup", None)
        return message

    def _answer_inline_query(self, params: dict[str, Any]) -> bool:
        """Check the inline results (ids unique, at most 50, texts valid)."""
        results = params.get("results")
        if not isinstance(results, list) or len(results) > 50:
            raise BotApiError(400, "Bad Request: RESULTS_TOO_MUCH")
        ids = [r.get("id") for r in results]
        if len(set(ids)) != len(ids):
            raise BotApiError(400, "Bad Request: RESULT_ID_DUPLICATE")
        for result in results:
            content = result.get("input_message_content") or {}
            if "message_text" in content:
                self._check_text(content, "message_text")
        return True

    # ----------------------------------------------------------------- control API
    async def _control(self, request: web.Request) -> web.Response:
        """Serve the control endpoints used by benchmarks and manual runs."""
        action = request.match_info["action"]
        body: Any = {}
        if request.can_read_body:
            body = await request.json()
        if action == "message":
            chat_type = body.get("chat_type", "private")
            user = self.user(body.get("user_id"), language_code=body.get("language_code", "de"))
            if chat_type == "private":
                chat = {"id": user["id"], "type": "private", "first_name": user["first_name"],
                        "user": user}
            else:
                chat = {**self.group_chat(chat_type, body.get("chat_id")), "user": user}
            reply_to = None
            if body.get("reply_to_message_id"):
                reply_to = self.messages.get((chat["id"], int(body["reply_to_message_id"])))
            update_id = self.send_text(chat, str(body.get("text", "")), reply_to=reply_to)
            return web.json_response({"ok": True, "update_id": update_id, "chat_id": chat["id"]})
        if action == "updates":
            items = body if isinstance(body, list) else [body]
            ids = [self.add_update(item) for item in items]
            return web.json_response({"ok": True, "update_ids": ids})
        if action == "calls":
            method = request.query.get("method")
            since = int(request.query.get("since", 0))
            calls = [asdict(c) for c in self.calls[since:] if method in (None, c.method)]
            return web.json_response({"ok": True, "total": len(self.calls), "calls": calls})
        if action == "config":
            self.config.latency = float(body.get("latency", self.config.latency))
            self.config.method_latency.update(body.get("method_latency", {}))
            self.config.faults.extend(Fault(**f) for f in body.get("faults", []))
            return web.json_response({"ok": True})
        if action == "reset":
            self.reset()
            return web.json_response({"ok": True})
        if action == "stats":
            counts: dict[str, int] = {}
            for call in self.calls:
                counts[call.method] = counts.get(call.method, 0) + 1
            return web.json_response({"ok": True, "calls": counts,
                                      "pending_updates": len(self._updates),
                                      "html_errors": self.html_errors})
        return web.json_response({"ok": False, "description": "unknown action"}, status=404)


def _parse_args(argv: Iterable[str] | None = None) -> argparse.Namespace:
    """Parse the standalone server's options."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--host", default="127.0.0.1", help="address to bind (default 127.0.0.1)")
    parser.add_argument("--port", type=int, default=8081, help="port (0: any free port)")
    parser.add_argument("--token", help="accept only this bot token (default: any)")
    parser.add_argument("--bot-username", default=BOT_USERNAME, help="the bot's @username")
    parser.add_argument("--latency", type=float, default=0.0, help="seconds added to each call")
    parser.add_argument("--verbose", action="store_true", help="log every call but getUpdates")
    return parser.parse_args(list(argv) if argv is not None else None)


async def _serve(args: argparse.Namespace) -> None:
    """Run the server until cancelled."""
    async with BotApiServer(host=args.host, port=args.port, token=args.token,
                            bot_username=args.bot_username, latency=args.latency,
                            verbose=args.verbose) as server:
        print(f"Bot API server listening; TELEGRAM_API_BASE_URL={server.base_url}", flush=True)
        await asyncio.Event().wait()


def main(argv: Iterable[str] | None = None) -> int:
    """Run the Bot API server standalone until interrupted."""
    args = _parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(message)s")
    with contextlib.suppress(KeyboardInterrupt):
        asyncio.run(_serve(args))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
