"""Where a cursor move (j) goes, at 50,000 sentences: the reader on a pseudo-terminal of
120 x 40 (as the benchmark runs it), each key timed from the moment it is sent to the
moment its status line is read back, split into phases measured inside the process:

    key read     the key read by Textual's input thread
    action       our action called (the key through the app, the screen and the bindings)
    handled      our action (``action_next_sentence``) done
    frame start  Textual's screen update begins (the idle and frame-timer wait)
    frame end    layout, compositor and the frame's bytes handed to the output thread
    seen         the status line read back on the terminal

    python benchmarks/profile_keys.py [--sentences 50000] [--presses 80] [--profile FILE]

With ``--profile`` the keys (and nothing else) run under cProfile and FILE gets its
statistics (``python -m pstats FILE``). A tool for finding costs, not a benchmark: the
instrumentation and the profiler add their own.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import signal
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

PHASES = ("key read", "action", "handled", "frame start", "frame end", "seen")


def child(events_file: str, profile_file: str, argv: list[str]) -> int:
    """Run newsmark on ``argv`` with timestamps on the phases; SIGUSR1 starts recording
    (and the profiler), SIGUSR2 writes what was recorded."""
    import cProfile

    from textual.app import App
    from textual.drivers.linux_driver import LinuxDriver
    from textual.screen import Screen
    from textual.scroll_view import ScrollView
    from textual.widget import Widget

    from tui.cli.entry import main
    from tui.screens.reader.screen import ReaderScreen
    from tui.widgets.frame_view import FrameScrollView

    recording = False
    events: list[tuple[str, float]] = []
    profiler = cProfile.Profile() if profile_file else None

    def stamp(name: str) -> None:
        if recording:
            events.append((name, time.perf_counter()))

    def wrap(owner: Any, name: str, before: str | None, after: str | None) -> None:
        original = getattr(owner, name)

        def wrapped(*args: Any, **kwargs: Any) -> Any:
            if before:
                stamp(before)
            try:
                return original(*args, **kwargs)
            finally:
                if after:
                    stamp(after)

        setattr(owner, name, wrapped)

    wrap(LinuxDriver, "process_message", "key read", None)
    wrap(ReaderScreen, "action_next_sentence", "action", "handled")
    wrap(Screen, "_on_timer_update", "frame start", "frame end")
    watch_scroll_y = ScrollView.watch_scroll_y

    def scrolled(self: ScrollView, old_value: float, new_value: float) -> None:  # a watcher's signature counts
        stamp("scrolled")
        watch_scroll_y(self, old_value, new_value)

    ScrollView.watch_scroll_y = scrolled  # type: ignore[method-assign]
    drawn: dict[str, list[float]] = {}
    drawing: set[int] = set()  # widgets being drawn: a subclass's render_lines calls Widget's

    def timed(render_lines: Any) -> Any:
        def timed_render_lines(self: Widget, crop: Any) -> Any:
            if id(self) in drawing:
                return render_lines(self, crop)
            drawing.add(id(self))
            started = time.perf_counter()
            try:
                return render_lines(self, crop)
            finally:
                drawing.discard(id(self))
                if recording:
                    spent = drawn.setdefault(f"{type(self).__name__} {crop.height} lines", [0, 0.0])
                    spent[0] += 1
                    spent[1] += time.perf_counter() - started

        return timed_render_lines

    Widget.render_lines = timed(Widget.render_lines)  # type: ignore[method-assign]
    FrameScrollView.render_lines = timed(FrameScrollView.render_lines)  # type: ignore[method-assign]

    def start(signum: int, frame: object) -> None:
        nonlocal recording
        recording = True
        if profiler is not None:
            profiler.enable()

    def stop(signum: int, frame: object) -> None:
        nonlocal recording
        recording = False
        if profiler is not None:
            profiler.disable()
            profiler.dump_stats(profile_file)
        Path(events_file).write_text(json.dumps({"events": events, "drawn": drawn}), encoding="utf-8")

    signal.signal(signal.SIGUSR1, start)
    signal.signal(signal.SIGUSR2, stop)
    _ = App  # imported first, as the app would
    return main(argv)


def presses(events: list[tuple[str, float]], sends: list[tuple[float, float]]) -> list[dict[str, float]]:
    """Each key's phases, in ms from the moment it was sent."""
    rows = []
    for sent, seen in sends:
        row: dict[str, float] = {}
        for name, when in events:
            if when < sent or when > seen or name in row:
                continue
            if name == "scrolled":
                row[name] = 1
                continue
            if name == "frame start" and "handled" not in row:
                continue
            if name == "frame end" and "frame start" not in row:
                continue
            row[name] = (when - sent) * 1000
        row["seen"] = (seen - sent) * 1000
        rows.append(row)
    return rows


def parent(args: argparse.Namespace) -> None:
    from common import PtyProcess, generate_article, newsmark_argv, run_command

    workdir = Path(tempfile.mkdtemp(prefix="newsmark-profile-keys-"))
    article = workdir / "keys.txt"
    generate_article(article, args.sentences * 70)
    env = {
        "NEWSMARK_DB": str(workdir / "store"),
        "NEWSMARK_ANNOTATOR": "bench",
        "XDG_CACHE_HOME": str(workdir / "cache"),
        "XDG_CONFIG_HOME": str(workdir / "config"),
    }
    run_command(newsmark_argv("parse", "--json", str(article)), env)  # fill the sentence cache
    events_file = workdir / "events.json"
    argv = [sys.executable, __file__, "--child", str(events_file), args.profile or "", str(article)]
    process = PtyProcess(argv, env)
    sends: list[tuple[float, float]] = []
    try:
        process.wait_for(b"sentence 1/", 600)
        time.sleep(0.5)
        os.kill(process.pid, signal.SIGUSR1)
        rng = random.Random(7)
        for number in range(2, 2 + args.presses):
            time.sleep(rng.uniform(0, 0.02))
            started = time.perf_counter()
            process.send(b"j")
            process.wait_for(f"sentence {number}/".encode(), 30)
            sends.append((started, time.perf_counter()))
        os.kill(process.pid, signal.SIGUSR2)
        deadline = time.perf_counter() + 30
        while not events_file.exists() and time.perf_counter() < deadline:
            time.sleep(0.05)
        time.sleep(0.2)
    finally:
        process.close()
    recorded = json.loads(events_file.read_text(encoding="utf-8"))
    rows = presses(recorded["events"], sends)
    print(f"{len(rows)} presses of j at ~{args.sentences:,} sentences; ms from the key sent, median (p90):")
    scrolled = [row for row in rows if "scrolled" in row]
    for label, chosen in (("all", rows), ("scrolled", scrolled), ("not scrolled", [row for row in rows if "scrolled" not in row])):
        print(f" {label}: {len(chosen)}")
        previous = 0.0
        for name in PHASES:
            values = sorted(row[name] for row in chosen if name in row)
            if not values:
                continue
            median = statistics.median(values)
            p90 = values[round(0.9 * (len(values) - 1))]
            print(f"  {name:12} {median:6.2f} ({p90:6.2f})   +{median - previous:5.2f}")
            previous = median
    waits = sorted(row["frame start"] - row["handled"] for row in rows if "frame start" in row and "handled" in row)
    print("  handled to frame start, deciles:", " ".join(f"{waits[round(q * (len(waits) - 1) / 10)]:.1f}" for q in range(11)))
    print("widgets drawn (per key: how often, ms):")
    for name, (count, spent) in sorted(recorded["drawn"].items(), key=lambda item: -item[1][1]):
        print(f"  {name:40} {count / len(rows):5.2f}  {spent * 1000 / len(rows):6.2f}")
    if args.profile:
        print(f"profile: {args.profile}")


def main() -> None:
    if len(sys.argv) > 1 and sys.argv[1] == "--child":
        sys.exit(child(sys.argv[2], sys.argv[3], sys.argv[4:]))
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sentences", type=int, default=50_000)
    parser.add_argument("--presses", type=int, default=80)
    parser.add_argument("--profile", default="", help="write cProfile statistics of the keys here")
    parser.parse_args(namespace=(args := argparse.Namespace()))
    parent(args)


if __name__ == "__main__":
    main()
