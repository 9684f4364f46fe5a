"""kill -9 soak: fork a writer, kill it at a random instant, check what the disk kept.

Used by the reliability tests (200 kills) and by ``python -m tests.soak --kills N``
for a longer run. Each child process toggles tags in a deterministic sequence and
acknowledges each toggle on a pipe after the call returns (so after it is on disk).
"""

from __future__ import annotations

import argparse
import hashlib
import os
import random
import signal
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from annotations.formats.loader import load_article
from annotations.model import Article
from annotations.schema import TagSchema
from annotations.store.article_annotations import open_article
from annotations.store.folder import ARTICLES_DIR, LockMode, Store

TAGS = ("claim", "figure", "concern", "source")


@dataclass
class SoakResult:
    """What a soak found."""

    kills: int = 0
    acknowledged: int = 0
    lost: int = 0
    unopenable: int = 0
    other_files_changed: int = 0
    seconds: float = 0.0
    why_unopenable: str = ""

    def line(self) -> str:
        why = f" [{self.why_unopenable}]" if self.why_unopenable else ""
        return (
            f"{self.kills} kills, {self.acknowledged} acknowledged saves, {self.lost} lost, "
            f"{self.unopenable} stores that would not open{why}, {self.other_files_changed} other files changed ({self.seconds:.0f} s)"
        )


def operation(index: int, sentences: int) -> tuple[int, str]:
    """The index-th toggle of the deterministic sequence."""
    return (index * 7) % sentences + 1, TAGS[index % len(TAGS)]


def write_article(path: Path, paragraphs: int = 80) -> None:
    lines = [
        f"Paragraph {n} reports that officials counted {n * 1000} shells at depot {n}. U.S. analysts disagreed on the {n}th."
        for n in range(1, paragraphs + 1)
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def prepare(folder: Path, other_articles: int = 50, per_article: int = 100) -> tuple[Path, Article, set[tuple[int, str]]]:
    """A store with other_articles x per_article annotations, plus the article to hammer."""
    root = folder / "store"
    with Store(root) as store:
        for index in range(other_articles):
            path = folder / f"other-{index}.txt"
            write_article(path, paragraphs=per_article // 2)
            notes = open_article(store, load_article(path), annotator="soak", schema=TagSchema())
            notes.add_tags(range(1, per_article + 1), ["claim"])
        target = folder / "target.txt"
        write_article(target)
        article = load_article(target)
        notes = open_article(store, article, annotator="soak", schema=TagSchema())
        notes.add_tags(range(1, 101), ["source"])
    return root, article, {(n, "source") for n in range(1, 101)}


def _child(root: Path, article: Article, start: int, ack_fd: int) -> None:
    try:
        notes = open_article(Store(root), article, annotator="soak", schema=TagSchema())
        os.write(ack_fd, b"ready\n")
        index = start
        while True:
            sentence, tag = operation(index, len(article.sentences))
            notes.toggle([sentence], tag)
            os.write(ack_fd, f"{index}\n".encode())
            index += 1
    finally:
        os._exit(0)


def _read_all(fd: int) -> bytes:
    chunks = []
    while chunk := os.read(fd, 65536):
        chunks.append(chunk)
    return b"".join(chunks)


def _stored(root: Path, article: Article) -> set[tuple[int, str]]:
    with Store(root, mode=LockMode.READ) as store:
        notes = open_article(store, article, annotator="soak", schema=TagSchema())
        return {(n, tag) for n in notes.tagged_sentences() for tag in notes.tags(n)}


def _fingerprint(root: Path, skip: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in (root / ARTICLES_DIR).glob("*.json") if p != skip}


def soak(kills: int, seed: int = 1, folder: Path | None = None, max_delay: float = 0.12) -> SoakResult:
    """Kill a forked writer ``kills`` times at random instants; count what was lost."""
    started = time.monotonic()
    folder = folder or Path(tempfile.mkdtemp(prefix="newsmark-soak-"))
    root, article, initial = prepare(folder)
    with Store(root, mode=LockMode.READ) as store:
        target_file = store.article_file(article.path).path
    others = _fingerprint(root, target_file)
    rng = random.Random(seed)
    result = SoakResult()
    done = 0
    expected = set(initial)
    sentences = len(article.sentences)
    for _ in range(kills):
        read_fd, write_fd = os.pipe()
        pid = os.fork()
        if pid == 0:
            os.close(read_fd)
            _child(root, article, done, write_fd)
        os.close(write_fd)
        ready = b""
        while not ready.endswith(b"\n"):
            ready += os.read(read_fd, 1)
        time.sleep(rng.uniform(0, max_delay))
        os.kill(pid, signal.SIGKILL)
        acks = [int(x) for x in _read_all(read_fd).split()]
        os.close(read_fd)
        os.waitpid(pid, 0)
        result.kills += 1
        result.acknowledged += len(acks)
        for index in acks:
            expected ^= {operation(index, sentences)}
        done += len(acks)
        try:
            state = _stored(root, article)
        except Exception as error:  # counted and shown: the soak's whole point
            result.unopenable += 1
            result.why_unopenable = f"{type(error).__name__}: {error}"
            break
        in_flight = expected ^ {operation(done, sentences)}
        if state == in_flight:  # the unacknowledged toggle reached the disk: fine
            expected = in_flight
            done += 1
        elif state != expected:
            result.lost += len(state ^ expected)
            expected = state
    after = _fingerprint(root, target_file)
    result.other_files_changed = sum(1 for name, digest in others.items() if after.get(name) != digest)
    result.seconds = time.monotonic() - started
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description="kill -9 soak of the newsmark store")
    parser.add_argument("--kills", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    print(soak(args.kills, args.seed).line())


if __name__ == "__main__":
    main()
