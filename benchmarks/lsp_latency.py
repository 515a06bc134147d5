"""Latency of `jobjournal lsp` on a generated journal, as an editor sees it.

Starts the server as an editor does (a subprocess over stdio, driven by pygls' client) and
times, on a journal of N applications written by generate.py:

- start: from spawning the process to the `initialize` answer;
- open → diagnostics: didOpen of one file until its publishDiagnostics, cold (no parse cache)
  and warm (the on-disk parse cache filled by an earlier `jobjournal check`);
- edit → diagnostics: a didChange until the diagnostics of that version (includes the 200 ms
  debounce, also shown without it), and save → diagnostics (didSave: no debounce);
- hover on a person's name, and completion of a `did:` value and of a key.

    python benchmarks/lsp_latency.py [--n 1000] [--repeat 15]

Medians (and the slowest) in milliseconds are printed as a Markdown table.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from lsprotocol import types as lsp
from pygls.lsp.client import LanguageClient

sys.path.insert(0, str(Path(__file__).resolve().parent))
from generate import generate  # noqa: E402

TODAY = "2026-11-25"
DEBOUNCE_MS = 200


class Client(LanguageClient):
    def __init__(self) -> None:
        super().__init__("lsp-latency", "1")
        self.published: dict[str, tuple[int | None, float]] = {}
        self.event = asyncio.Event()

        @self.feature(lsp.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
        def publish(_client: LanguageClient, params: lsp.PublishDiagnosticsParams) -> None:
            self.published[params.uri] = (params.version, time.perf_counter())
            self.event.set()

        @self.feature(lsp.WINDOW_LOG_MESSAGE)
        def log(_client: LanguageClient, params: lsp.LogMessageParams) -> None:
            print(f"server: {params.message}", file=sys.stderr)

    async def diagnostics(self, uri: str, version: int, timeout: float = 120) -> float:
        """When the diagnostics of `version` arrived."""
        deadline = time.perf_counter() + timeout
        while True:
            got = self.published.get(uri)
            if got and got[0] == version:
                return got[1]
            self.event.clear()
            remaining = deadline - time.perf_counter()
            if remaining <= 0:
                raise TimeoutError(f"no diagnostics for {uri} version {version}")
            try:
                await asyncio.wait_for(self.event.wait(), remaining)
            except TimeoutError:
                pass


async def start(root: Path, env: dict[str, str]) -> tuple[Client, float]:
    client = Client()
    began = time.perf_counter()
    await client.start_io(sys.executable, "-m", "jobjournal", "lsp", "--today", TODAY, env=env)
    await client.initialize_async(lsp.InitializeParams(
        capabilities=lsp.ClientCapabilities(), root_uri=root.as_uri(),
        workspace_folders=[lsp.WorkspaceFolder(uri=root.as_uri(), name="journal")]))
    client.initialized(lsp.InitializedParams())
    return client, time.perf_counter() - began


async def stop(client: Client) -> None:
    await client.shutdown_async(None)
    client.exit(None)
    await client.stop()


def open_doc(client: Client, path: Path) -> str:
    uri = path.as_uri()
    client.text_document_did_open(lsp.DidOpenTextDocumentParams(text_document=lsp.TextDocumentItem(
        uri=uri, language_id="markdown", version=1, text=path.read_text(encoding="utf-8"))))
    return uri


def person_position(text: str) -> lsp.Position:
    for number, line in enumerate(text.split("\n")):
        if line.strip().startswith("- name:"):
            return lsp.Position(line=number, character=line.index("name:") + 7)
    raise SystemExit("no person in the file")


async def measure(root: Path, env: dict[str, str], repeat: int) -> dict[str, list[float]]:
    results: dict[str, list[float]] = {}
    files = sorted(root.rglob("*.md"))
    # Cold: no parse cache at all.
    cold_env = {**env, "JOBJOURNAL_CACHE_DIR": ""}
    client, started = await start(root, cold_env)
    results["start (spawn → initialize answer)"] = [started]
    began = time.perf_counter()
    uri = open_doc(client, files[0])
    results["open → diagnostics, cold (no parse cache)"] = [
        await client.diagnostics(uri, 1) - began]
    await stop(client)
    # Warm: the cache an earlier `jobjournal check` left.
    subprocess.run([sys.executable, "-m", "jobjournal", "check", str(root), "--today", TODAY],
                   env=env, capture_output=True, check=False)
    starts, opens = [], []
    for _ in range(3):
        client, started = await start(root, env)
        starts.append(started)
        began = time.perf_counter()
        uri = open_doc(client, files[1])
        opens.append(await client.diagnostics(uri, 1) - began)
        await stop(client)
    results["start (spawn → initialize answer)"] += starts
    results["open → diagnostics, warm (parse cache on disk)"] = opens
    client, _ = await start(root, env)
    path = files[2]
    text = path.read_text(encoding="utf-8")
    uri = open_doc(client, path)
    await client.diagnostics(uri, 1)
    version = 1
    edits, saves, hovers, dids, keys = [], [], [], [], []
    for number in range(repeat):
        version += 1
        changed = text.replace("\n---\n", f"\n---\nEdit {number}.\n", 1)
        began = time.perf_counter()
        client.text_document_did_change(lsp.DidChangeTextDocumentParams(
            text_document=lsp.VersionedTextDocumentIdentifier(uri=uri, version=version),
            content_changes=[lsp.TextDocumentContentChangeWholeDocument(text=changed)]))
        edits.append(await client.diagnostics(uri, version) - began)
        version += 1
        began = time.perf_counter()
        client.text_document_did_change(lsp.DidChangeTextDocumentParams(
            text_document=lsp.VersionedTextDocumentIdentifier(uri=uri, version=version),
            content_changes=[lsp.TextDocumentContentChangeWholeDocument(text=text)]))
        client.text_document_did_save(lsp.DidSaveTextDocumentParams(
            text_document=lsp.TextDocumentIdentifier(uri=uri)))
        saves.append(await client.diagnostics(uri, version) - began)
        identifier = lsp.TextDocumentIdentifier(uri=uri)
        began = time.perf_counter()
        await client.text_document_hover_async(lsp.HoverParams(
            text_document=identifier, position=person_position(text)))
        hovers.append(time.perf_counter() - began)
        lines = text.split("\n")
        did = next(i for i, line in enumerate(lines) if line.strip().startswith("did:"))
        began = time.perf_counter()
        await client.text_document_completion_async(lsp.CompletionParams(
            text_document=identifier, position=lsp.Position(line=did, character=len(lines[did]))))
        dids.append(time.perf_counter() - began)
        began = time.perf_counter()
        await client.text_document_completion_async(lsp.CompletionParams(
            text_document=identifier, position=lsp.Position(line=1, character=0)))
        keys.append(time.perf_counter() - began)
    await stop(client)
    results["edit → diagnostics (with the 200 ms debounce)"] = edits
    results["edit → diagnostics, after the debounce"] = [e - DEBOUNCE_MS / 1000 for e in edits]
    results["save → diagnostics (no debounce)"] = saves
    results["hover on a person"] = hovers
    results["completion of a did: value"] = dids
    results["completion of a key"] = keys
    return results


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=1000, help="applications (default 1000)")
    parser.add_argument("--repeat", type=int, default=15, help="edits, hovers, completions")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder) / "journal"
        generate(root, args.n)
        env = {**os.environ, "JOBJOURNAL_CACHE_DIR": str(Path(folder) / "cache")}
        results = asyncio.run(measure(root, env, args.repeat))
    print(f"| case (N = {args.n}) | median ms | max ms | runs |")
    print("|---|---:|---:|---:|")
    for case, times in results.items():
        print(f"| {case} | {statistics.median(times) * 1000:.0f} | {max(times) * 1000:.0f} "
              f"| {len(times)} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
