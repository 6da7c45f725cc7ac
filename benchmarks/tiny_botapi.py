"""A tiny Bot API server on 127.0.0.1, independent of the test suite's, for the throughput run.

Only the standard library: asyncio streams with HTTP/1.1 keep-alive, form or JSON
parameters, and just the methods a polling bot calls (``getMe``, ``getUpdates`` with
long polling, ``sendMessage`` and the set-up calls, which answer ``true``). It speaks the
same control subset as ``tests.botapi_server`` so the benchmark drives both alike:
``POST /_control/message`` (``text``, ``chat_id``, ``user_id``, ``chat_type``),
``POST /_control/config`` (``latency`` in seconds, added to every Bot API call),
``GET /_control/stats`` and ``GET /_control/calls?method=…&since=…``. Run::

    python -m benchmarks.tiny_botapi --port 8082
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import itertools
import json
import time
from collections import Counter
from typing import Any
from urllib.parse import parse_qsl, urlsplit

BOT_USER = {"id": 7000000001, "is_bot": True, "first_name": "Article Bot",
            "username": "ArticleBot", "can_join_groups": True,
            "can_read_all_group_messages": False, "supports_inline_queries": True}
_JSON_PARAMS = frozenset({"reply_markup", "reply_parameters", "link_preview_options",
                          "entities", "allowed_updates", "commands", "scope"})
_REASONS = {200: "OK", 400: "Bad Request", 404: "Not Found"}


class TinyBotApi:
    """The state: queued updates, messages per chat, recorded calls, latency."""

    def __init__(self) -> None:
        self.latency = 0.0
        self.updates: list[dict[str, Any]] = []
        self.calls: list[dict[str, Any]] = []
        self.counts: Counter[str] = Counter()
        self.messages: dict[tuple[int, int], dict[str, Any]] = {}
        self._update_ids = itertools.count(1)
        self._message_ids: dict[int, itertools.count[int]] = {}
        self._changed = asyncio.Event()

    def _next_message_id(self, chat_id: int) -> int:
        return next(self._message_ids.setdefault(chat_id, itertools.count(1)))

    def _wake(self) -> None:
        self._changed.set()
        self._changed = asyncio.Event()

    def add_message(self, body: dict[str, Any]) -> dict[str, Any]:
        """Queue a text message update as a client would send it (with a mention entity)."""
        user_id = int(body.get("user_id") or 100)
        chat_type = body.get("chat_type", "private")
        chat_id = int(body.get("chat_id") or user_id)
        chat: dict[str, Any] = {"id": chat_id, "type": chat_type}
        chat.update({"title": f"Group {chat_id}"} if chat_type != "private"
                    else {"first_name": f"User{user_id}"})
        text = str(body.get("text", ""))
        message: dict[str, Any] = {
            "message_id": self._next_message_id(chat_id), "date": int(time.time()),
            "chat": chat, "text": text,
            "from": {"id": user_id, "is_bot": False, "first_name": f"User{user_id}",
                     "language_code": "de"},
        }
        if text.startswith("@"):
            mention = text.split(" ", 1)[0]
            message["entities"] = [{"type": "mention", "offset": 0,
                                    "length": len(mention.encode("utf-16-le")) // 2}]
        elif text.startswith("/"):
            command = text.split(" ", 1)[0]
            message["entities"] = [{"type": "bot_command", "offset": 0,
                                    "length": len(command.encode("utf-16-le")) // 2}]
        self.messages[(chat_id, message["message_id"])] = message
        update_id = next(self._update_ids)
        self.updates.append({"update_id": update_id, "message": message})
        self._wake()
        return {"ok": True, "update_id": update_id, "chat_id": chat_id}

    async def call(self, method: str, params: dict[str, Any]) -> tuple[int, dict[str, Any]]:
        """Answer one Bot API call: (HTTP status, body)."""
        self.calls.append({"method": method, "params": params, "at": time.monotonic()})
        if self.latency > 0:
            await asyncio.sleep(self.latency)
        if method == "getUpdates":
            result: Any = await self._get_updates(params)
        elif method == "getMe":
            result = BOT_USER
        elif method == "sendMessage":
            result = self._send_message(params)
        elif method in ("deleteWebhook", "setMyCommands", "setMyDescription",
                        "setMyShortDescription", "answerCallbackQuery", "sendChatAction"):
            result = True
        else:
            return 404, {"ok": False, "error_code": 404, "description": "Not Found"}
        if isinstance(result, str):
            return 400, {"ok": False, "error_code": 400, "description": result}
        self.counts[method] += 1
        return 200, {"ok": True, "result": result}

    async def _get_updates(self, params: dict[str, Any]) -> list[dict[str, Any]]:
        offset = int(params.get("offset") or 0)
        limit = max(1, min(100, int(params.get("limit") or 100)))
        timeout = float(params.get("timeout") or 0)
        if offset and self.updates and self.updates[0]["update_id"] < offset:
            self.updates = [u for u in self.updates if u["update_id"] >= offset]
        deadline = time.monotonic() + timeout
        while not self.updates and (remaining := deadline - time.monotonic()) > 0:
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._changed.wait(), remaining)
        return self.updates[:limit]

    def _send_message(self, params: dict[str, Any]) -> dict[str, Any] | str:
        text = params.get("text")
        if not isinstance(text, str) or not text:
            return "Bad Request: message text is empty"
        chat_id = int(params["chat_id"])
        chat = {"id": chat_id, "type": "private" if chat_id > 0 else "supergroup"}
        message: dict[str, Any] = {"message_id": self._next_message_id(chat_id),
                                   "date": int(time.time()), "chat": chat,
                                   "from": BOT_USER, "text": text}
        reply = params.get("reply_parameters") or {}
        if reply.get("message_id"):
            original = self.messages.get((chat_id, int(reply["message_id"])))
            if original is None and not reply.get("allow_sending_without_reply"):
                return "Bad Request: message to be replied not found"
            if original is not None:
                message["reply_to_message"] = original
        self.messages[(chat_id, message["message_id"])] = message
        return message

    def control(self, action: str, query: dict[str, str], body: Any) -> dict[str, Any]:
        """Serve the control endpoints."""
        if action == "message":
            return self.add_message(body)
        if action == "config":
            self.latency = float(body.get("latency", self.latency))
            return {"ok": True}
        if action == "stats":
            return {"ok": True, "calls": dict(self.counts), "pending_updates": len(self.updates)}
        if action == "calls":
            method, since = query.get("method"), int(query.get("since", 0))
            return {"ok": True, "total": len(self.calls),
                    "calls": [c for c in self.calls[since:] if method in (None, c["method"])]}
        return {"ok": False, "description": "unknown action"}


def _params(query: str, content_type: str, body: bytes) -> dict[str, Any]:
    """Decode the query string and a form or JSON body into parameters."""
    params: dict[str, Any] = dict(parse_qsl(query))
    if body and content_type.startswith("application/json"):
        params.update(json.loads(body))
    elif body:
        for key, value in parse_qsl(body.decode("utf-8"), keep_blank_values=True):
            params[key] = json.loads(value) if key in _JSON_PARAMS else value
    return params


async def _serve_connection(api: TinyBotApi, reader: asyncio.StreamReader,
                            writer: asyncio.StreamWriter) -> None:
    """Serve the requests of one keep-alive connection, one after another."""
    try:
        while True:
            head = await reader.readuntil(b"\r\n\r\n")
            lines = head.decode("latin-1").split("\r\n")
            _verb, target, _version = lines[0].split(" ", 2)
            headers = {k.strip().lower(): v.strip()
                       for k, _, v in (line.partition(":") for line in lines[1:] if line)}
            body = await reader.readexactly(int(headers.get("content-length", 0)))
            url = urlsplit(target)
            parts = url.path.strip("/").split("/")
            if parts[0] == "_control" and len(parts) == 2:
                status, payload = 200, api.control(
                    parts[1], dict(parse_qsl(url.query)), json.loads(body) if body else {})
            elif len(parts) == 2 and parts[0].startswith("bot"):
                params = _params(url.query, headers.get("content-type", ""), body)
                status, payload = await api.call(parts[1], params)
            else:
                status, payload = 404, {"ok": False, "error_code": 404,
                                        "description": "Not Found"}
            data = json.dumps(payload, ensure_ascii=False).encode("utf-8")
            writer.write(
                f"HTTP/1.1 {status} {_REASONS.get(status, 'Error')}\r\n"
                f"Content-Type: application/json\r\nContent-Length: {len(data)}\r\n\r\n"
                .encode("ascii") + data
            )
            await writer.drain()
    except (asyncio.IncompleteReadError, ConnectionError):
        pass
    finally:
        writer.close()


async def serve(port: int) -> None:
    """Serve on 127.0.0.1:``port`` until cancelled."""
    api = TinyBotApi()
    server = await asyncio.start_server(
        lambda r, w: _serve_connection(api, r, w), "127.0.0.1", port, limit=1 << 20
    )
    bound = server.sockets[0].getsockname()[1]
    print(f"Bot API server listening; TELEGRAM_API_BASE_URL=http://127.0.0.1:{bound}/bot",
          flush=True)
    async with server:
        await server.serve_forever()


def main(argv: list[str] | None = None) -> int:
    """Run the tiny server until interrupted."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--port", type=int, default=8082, help="port on 127.0.0.1 (0: any)")
    args = parser.parse_args(argv)
    with contextlib.suppress(KeyboardInterrupt):
        asyncio.run(serve(args.port))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
