"""The language server: pygls wiring from LSP messages to the engine and the features.

Diagnostics are pushed (publishDiagnostics) on open, on save, and ~200 ms after the last
change; each run checks the whole journal with every open buffer laid over the disk, so
journal-wide rules see unsaved text. Checks run in a worker thread, one journal at a time,
so hover and completion keep answering from the latest result while a check runs.
"""

from __future__ import annotations

import asyncio
import logging
import traceback
from datetime import date
from pathlib import Path
from urllib.parse import urlparse

from lsprotocol import types as lsp
from pygls import uris
from pygls.exceptions import JsonRpcException
from pygls.lsp.server import LanguageServer
from pygls.protocol import LanguageServerProtocol

from jobjournal import __version__
from jobjournal.lsp import completion, fixes, hover, people, symbols
from jobjournal.lsp.engine import (
    CONFIG_NAME,
    ConfigError,
    Engine,
    Finding,
    Snapshot,
    find_journal_root,
    find_rule,
    parse_text,
)
from jobjournal.lsp.text import Text

DEBOUNCE_SECONDS = 0.2
PERSIST_SECONDS = 5.0  # how long after a check that parsed files the parse cache is stored
SOURCE = "jobjournal"
_SEVERITY = {"error": lsp.DiagnosticSeverity.Error, "warning": lsp.DiagnosticSeverity.Warning,
             "info": lsp.DiagnosticSeverity.Information}
_RULES_DOC = Path(__file__).resolve().parents[2] / "docs" / "rules.md"
_RULES_URL = "https://github.com/jobjournal/jobjournal/blob/main/docs/rules.md"
log = logging.getLogger(__name__)


def rule_href(rule_id: str) -> str | None:
    """Where a rule is explained: its heading in docs/rules.md (a file: URL in a source
    checkout, the project's published copy otherwise), as GitHub anchors it."""
    rule = find_rule(rule_id)
    if rule is None or rule_id == "JJ000":
        return None
    anchor = f"{rule.id}-{rule.name}-{rule.severity}".lower()
    base = _RULES_DOC.as_uri() if _RULES_DOC.is_file() else _RULES_URL
    return f"{base}#{anchor}"


class _Protocol(LanguageServerProtocol):
    """pygls' protocol, answering a request it cannot read with an error response (pygls
    only reports it), so a client never waits forever for one."""

    def structure_message(self, data: dict):  # type: ignore[no-untyped-def, type-arg]
        try:
            return super().structure_message(data)
        except JsonRpcException as error:
            if "method" in data and isinstance(data.get("id"), (int, str)):
                self._send_response(data["id"], error=lsp.ResponseError(
                    code=error.code, message=f"{error.message}: {data['method']}"))
            raise


class JournalServer(LanguageServer):
    def __init__(self, today: date | None = None) -> None:
        super().__init__("jobjournal", __version__,
                         text_document_sync_kind=lsp.TextDocumentSyncKind.Incremental,
                         protocol_cls=_Protocol)
        self.today = today
        self.engines: dict[Path, Engine] = {}
        self.pending: dict[Path, asyncio.Task[None]] = {}
        self.published: dict[str, tuple[int | None, list[lsp.Diagnostic]]] = {}
        self.config_problems: dict[Path, str] = {}
        self.pending_store: dict[Path, bool] = {}

    # -- where a document belongs ---------------------------------------------------------
    def workspace_roots(self) -> list[Path]:
        roots = []
        for folder in self.workspace.folders.values():
            path = uris.to_fs_path(folder.uri)
            if path:
                roots.append(Path(path).resolve())
        if self.workspace.root_path:
            roots.append(Path(self.workspace.root_path).resolve())
        return roots

    def locate(self, uri: str) -> tuple[Engine, str] | None:
        """The journal engine and journal-relative name of a document, or None."""
        if urlparse(uri).scheme != "file":
            return None
        path_text = uris.to_fs_path(uri)
        if not path_text:
            return None
        path = Path(path_text).resolve()
        root = find_journal_root(path, self.workspace_roots())
        if root is None:
            return None
        engine = self.engines.get(root)
        if engine is None:
            engine = self.engines[root] = Engine(root, self.today)
        file = engine.relative(path)
        return (engine, file) if file else None

    def text(self, uri: str, file: str) -> Text:
        document = self.workspace.get_text_document(uri)
        try:
            source = document.source
        except (OSError, ValueError):  # gone, unreadable, or not UTF-8
            source = ""
        return Text.of(uri, file, source, self.workspace.position_codec)

    def buffers(self, engine: Engine) -> dict[str, tuple[str, int | None]]:
        found: dict[str, tuple[str, int | None]] = {}
        for uri, document in list(self.workspace.text_documents.items()):
            located = self.locate(uri)
            if located and located[0] is engine and located[1].endswith(".md"):
                found[located[1]] = (document.source, document.version)
        return found

    # -- checking -------------------------------------------------------------------------
    def schedule(self, uri: str, delay: float) -> None:
        located = self.locate(uri)
        if located is None:
            return
        engine = located[0]
        earlier = self.pending.get(engine.root)
        if earlier is not None and not earlier.done():
            earlier.cancel()
        self.pending[engine.root] = asyncio.ensure_future(self._later(engine, delay))

    async def _later(self, engine: Engine, delay: float) -> None:
        await asyncio.sleep(delay)
        await self.check(engine)

    async def check(self, engine: Engine) -> Snapshot | None:
        buffers = self.buffers(engine)
        loop = asyncio.get_running_loop()
        try:
            snapshot = await loop.run_in_executor(None, engine.run, buffers)
        except ConfigError as problem:
            # Shown once, not on every keystroke while the configuration stays broken.
            if self.config_problems.get(engine.root) != str(problem):
                self.config_problems[engine.root] = str(problem)
                self.window_show_message(lsp.ShowMessageParams(
                    type=lsp.MessageType.Error, message=f"jobjournal: {problem}"))
            return None
        except Exception as problem:  # a bug must not stop the server
            self.report(problem)
            return None
        self.config_problems.pop(engine.root, None)
        self.publish(engine, snapshot)
        if engine.unsaved and not self.pending_store.get(engine.root):
            # Later and off the event loop: the diagnostics are out first.
            self.pending_store[engine.root] = True
            loop.call_later(PERSIST_SECONDS, self._persist, engine)
        return snapshot

    def _persist(self, engine: Engine) -> None:
        self.pending_store[engine.root] = False
        future = asyncio.get_running_loop().run_in_executor(None, engine.persist)

        def stored(done: asyncio.Future[None]) -> None:
            problem = None if done.cancelled() else done.exception()
            if problem is not None:
                self.report(problem)

        future.add_done_callback(stored)

    def report_server_error(self, error: Exception, source: object) -> None:
        """Out-of-band errors (a message that cannot be read, say) go to the log, not to a
        pop-up in the editor for every malformed message."""
        self.window_log_message(lsp.LogMessageParams(
            type=lsp.MessageType.Error, message=f"jobjournal: {error}"))

    def report(self, problem: BaseException) -> None:
        where = traceback.format_exception(problem)[-2:]
        self.window_log_message(lsp.LogMessageParams(
            type=lsp.MessageType.Error,
            message=f"jobjournal: internal error: {type(problem).__name__}: {problem} "
                    f"{''.join(where).strip()}"))

    def publish(self, engine: Engine, snapshot: Snapshot) -> None:
        applications = {a.file for a in snapshot.journal.applications}
        for uri, document in list(self.workspace.text_documents.items()):
            located = self.locate(uri)
            if located is None or located[0] is not engine:
                continue
            file = located[1]
            if file not in applications and file != CONFIG_NAME:
                continue  # a file the journal skips gets nothing
            text = Text.of(uri, file, document.source, self.workspace.position_codec)
            diagnostics = [self.diagnostic(text, f) for f in snapshot.by_file.get(file, [])]
            version = snapshot.versions.get(file, document.version)
            if self.published.get(uri) == (version, diagnostics):
                continue
            self.published[uri] = (version, diagnostics)
            self.text_document_publish_diagnostics(lsp.PublishDiagnosticsParams(
                uri=uri, version=version, diagnostics=diagnostics))

    @staticmethod
    def diagnostic(text: Text, finding: Finding) -> lsp.Diagnostic:
        href = rule_href(finding.rule)
        rule = find_rule(finding.rule)
        return lsp.Diagnostic(
            range=text.line_range(max(finding.line - 1, 0)),
            severity=_SEVERITY.get(finding.severity, lsp.DiagnosticSeverity.Error),
            code=finding.rule, source=SOURCE, message=finding.message,
            code_description=lsp.CodeDescription(href=href) if href else None,
            data={"name": rule.name} if rule else None)

    async def current(self, uri: str) -> tuple[Engine, str, Snapshot | None] | None:
        """The latest check, run again first when the buffer changed since."""
        located = self.locate(uri)
        if located is None:
            return None
        engine, file = located
        snapshot = engine.last
        document = self.workspace.text_documents.get(uri)
        if snapshot is None or (document is not None and
                                snapshot.versions.get(file) != document.version):
            snapshot = await self.check(engine)
        return engine, file, snapshot


def create_server(today: date | None = None) -> JournalServer:
    server = JournalServer(today)

    @server.feature(lsp.INITIALIZE)
    def initialize(ls: JournalServer, params: lsp.InitializeParams) -> None:
        options = params.initialization_options
        if isinstance(options, dict) and isinstance(options.get("today"), str):
            try:
                ls.today = date.fromisoformat(options["today"])
            except ValueError:
                ls.window_log_message(lsp.LogMessageParams(
                    type=lsp.MessageType.Warning,
                    message=f"jobjournal: ignoring initializationOptions.today "
                            f"{options['today']!r}: not a date like 2026-11-25"))

    @server.feature(lsp.TEXT_DOCUMENT_DID_OPEN)
    def did_open(ls: JournalServer, params: lsp.DidOpenTextDocumentParams) -> None:
        ls.schedule(params.text_document.uri, 0)

    @server.feature(lsp.TEXT_DOCUMENT_DID_CHANGE)
    def did_change(ls: JournalServer, params: lsp.DidChangeTextDocumentParams) -> None:
        ls.schedule(params.text_document.uri, DEBOUNCE_SECONDS)

    @server.feature(lsp.TEXT_DOCUMENT_DID_SAVE)
    def did_save(ls: JournalServer, params: lsp.DidSaveTextDocumentParams) -> None:
        ls.schedule(params.text_document.uri, 0)

    @server.feature(lsp.TEXT_DOCUMENT_DID_CLOSE)
    def did_close(ls: JournalServer, params: lsp.DidCloseTextDocumentParams) -> None:
        uri = params.text_document.uri
        if ls.published.pop(uri, None) is not None:
            ls.text_document_publish_diagnostics(lsp.PublishDiagnosticsParams(
                uri=uri, diagnostics=[]))
        ls.schedule(uri, 0)  # its disk text replaces the buffer for the other files

    @server.feature(lsp.TEXT_DOCUMENT_HOVER)
    def on_hover(ls: JournalServer, params: lsp.HoverParams) -> lsp.Hover | None:
        located = ls.locate(params.text_document.uri)
        if located is None:
            return None
        engine, file = located
        snapshot = engine.last
        text = ls.text(params.text_document.uri, file)
        found = snapshot.by_file.get(file, []) if snapshot else []
        return hover.hover(text, params.position, snapshot.journal if snapshot else None, found)

    @server.feature(lsp.TEXT_DOCUMENT_COMPLETION,
                    lsp.CompletionOptions(trigger_characters=[":", " ", "-"]))
    def on_completion(ls: JournalServer, params: lsp.CompletionParams) -> lsp.CompletionList:
        located = ls.locate(params.text_document.uri)
        items: list[lsp.CompletionItem] = []
        if located is not None and located[1].endswith(".md"):
            engine, file = located
            text = ls.text(params.text_document.uri, file)
            snapshot = engine.last
            journal = snapshot.journal if snapshot else None
            zone = journal.config.zone if journal else None
            application = parse_text("\n".join(text.lines), file, zone)[0] if zone else None
            if application is not None and application.needs_repair:
                # Half-typed YAML reads as nothing: the last readable version stands in.
                application = engine.last_readable(file) or application
            if zone is not None:
                items = completion.complete(text, params.position, application, journal,
                                            engine.now(zone))
        return lsp.CompletionList(is_incomplete=False, items=items)

    @server.feature(lsp.TEXT_DOCUMENT_CODE_ACTION,
                    lsp.CodeActionOptions(code_action_kinds=[lsp.CodeActionKind.QuickFix]))
    async def on_code_action(ls: JournalServer, params: lsp.CodeActionParams
                             ) -> list[lsp.CodeAction]:
        uri = params.text_document.uri
        state = await ls.current(uri)
        if state is None or state[2] is None:
            return []
        engine, file, snapshot = state
        text = ls.text(uri, file)
        first, last = params.range.start.line + 1, params.range.end.line + 1
        here = [f for f in snapshot.by_file.get(file, []) if first <= f.line <= last]
        application = snapshot.journal.by_slug.get(file[: -len(".md")]) \
            if file.endswith(".md") else None
        if not here or application is None:
            return []
        pending = [fu for fu in snapshot.report.followups if fu.overdue and fu.file == file]
        paired = []
        for finding in here:
            match = next((fu for fu in pending if fu.rule == finding.rule and
                          fu.line == finding.line and finding.message.startswith(fu.problem)),
                         None)
            paired.append((finding, fixes.Pending(match.rule, match.title, match.problem,
                                                  tuple(p.name for p in match.people))
                           if match else None))
        return fixes.code_actions(text, application, snapshot.now, paired,
                                  lambda finding: ls.diagnostic(text, finding))

    def _person_locations(ls: JournalServer, uri: str, position: lsp.Position,
                          with_log: bool) -> list[lsp.Location]:
        located = ls.locate(uri)
        if located is None or located[0].last is None:
            return []
        engine, file = located
        text = ls.text(uri, file)
        from jobjournal.lsp.textpos import cursor_at

        line_text = text.line(position.line)
        cursor = cursor_at(text.lines, position.line, len(line_text))
        name = people.name_at(cursor, text.column(position)) if cursor else None
        if not name:
            return []
        locations = []
        for place in people.places(engine.last.journal, name, with_log):
            target = (engine.root / place.application.file).as_uri()
            other = ls.text(target, place.application.file)
            needle = place.person.name if place.person else name
            locations.append(lsp.Location(uri=target,
                                          range=other.find_range(place.line - 1, needle)))
        return locations

    @server.feature(lsp.TEXT_DOCUMENT_DEFINITION)
    def on_definition(ls: JournalServer, params: lsp.DefinitionParams) -> list[lsp.Location]:
        return _person_locations(ls, params.text_document.uri, params.position, False)

    @server.feature(lsp.TEXT_DOCUMENT_REFERENCES)
    def on_references(ls: JournalServer, params: lsp.ReferenceParams) -> list[lsp.Location]:
        return _person_locations(ls, params.text_document.uri, params.position, True)

    @server.feature(lsp.TEXT_DOCUMENT_DOCUMENT_SYMBOL)
    def on_symbols(ls: JournalServer, params: lsp.DocumentSymbolParams
                   ) -> list[lsp.DocumentSymbol]:
        located = ls.locate(params.text_document.uri)
        if located is None or not located[1].endswith(".md") or located[0].last is None:
            return []
        engine, file = located
        text = ls.text(params.text_document.uri, file)
        application = parse_text("\n".join(text.lines), file,
                                 engine.last.journal.config.zone)[0]
        return symbols.document_symbols(text, application)

    return server
