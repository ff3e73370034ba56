"""Audio and video for the upload pipeline (`weerbaar.uploads`): is a file really the container
its first bytes claim, and a copy of it without metadata.

Both steps run Debian's FFmpeg tools in a subprocess: no shell, a timeout, only the `file`
protocol, and the input format forced to the container the magic bytes named (FFmpeg's own
guess could pick a playlist demuxer that opens other files or addresses). They read and write
only the temporary files the pipeline hands them.

- `probe()` opens the container with `ffprobe` and lists its streams; a file the demuxer cannot
  read, or without a sound or picture stream, is refused. Sound is also decoded once from start
  to end (`-xerror`): a few seconds for a voice mail. Video is not decoded (that would take
  minutes for a phone video); the remux below reads every packet of it.
- `remux()` copies the sound and picture streams into a new container (`-c copy`: nothing is
  re-encoded) with `-map_metadata -1`: no titles, dates, device names or locations
  (`com.apple.quicktime.location.ISO6709`, `©xyz`), no chapters, no cover art (an attached
  picture can carry its own EXIF), no subtitle, data or timed-metadata tracks. The copy is
  probed again and refused if any tag outside a short technical allow-list is left.
"""

from __future__ import annotations

import json
import logging
import subprocess
from dataclasses import dataclass
from pathlib import Path
from typing import Any

logger = logging.getLogger(__name__)

PROBE_TIMEOUT = 30
DECODE_TIMEOUT = 60
REMUX_TIMEOUT = 120

# Technical tags FFmpeg's own muxers write or read back from a stream header: nothing about
# the person, device, place or time of the recording.
_TECHNICAL_TAGS = frozenset(
    {
        "major_brand",
        "minor_version",
        "compatible_brands",
        "encoder",
        "language",
        "handler_name",
        "vendor_id",
        "duration",
    }
)


class MediaError(Exception):
    """The file is not a readable container of the claimed kind (or could not be rebuilt)."""


class MediaToolsMissing(MediaError):
    """ffprobe/ffmpeg are not installed: a fault of the server, not of the file."""


@dataclass(frozen=True)
class Probe:
    format_name: str
    duration: float
    audio_streams: int
    video_streams: int
    tags: frozenset[str]

    @property
    def has_video(self) -> bool:
        return self.video_streams > 0


def _run(args: list[str], *, timeout: int) -> subprocess.CompletedProcess[bytes]:
    try:
        return subprocess.run(  # noqa: S603 - fixed program, no shell, our own file names
            args,
            stdin=subprocess.DEVNULL,
            capture_output=True,
            timeout=timeout,
            check=False,
        )
    except FileNotFoundError as error:
        logger.error("%s is not installed: audio and video uploads are refused", args[0])
        raise MediaToolsMissing(args[0]) from error
    except subprocess.TimeoutExpired as error:
        raise MediaError(f"{args[0]} took longer than {timeout}s") from error


def _input(path: Path, demuxer: str) -> list[str]:
    return ["-protocol_whitelist", "file", "-f", demuxer, "-i", f"file:{path}"]


def probe(path: Path, *, demuxer: str, decode_audio: bool = False) -> Probe:
    """Open `path` as `demuxer` and describe it; raise MediaError when it cannot be read, has
    no sound or picture, or (with `decode_audio`) its sound does not decode cleanly."""
    result = _run(
        [
            "ffprobe",
            "-v",
            "error",
            "-hide_banner",
            *_input(path, demuxer),
            "-show_format",
            "-show_streams",
            "-print_format",
            "json",
        ],
        timeout=PROBE_TIMEOUT,
    )
    if result.returncode != 0:
        raise MediaError("ffprobe could not read the file")
    try:
        info: dict[str, Any] = json.loads(result.stdout)
        container = info["format"]
        duration = float(container.get("duration") or 0)
    except (ValueError, KeyError, TypeError) as error:
        raise MediaError("ffprobe gave no description") from error
    streams = info.get("streams") or []
    audio = [s for s in streams if s.get("codec_type") == "audio" and s.get("codec_name")]
    video = [
        s
        for s in streams
        if s.get("codec_type") == "video"
        and s.get("codec_name")
        and not (s.get("disposition") or {}).get("attached_pic")
    ]
    if not (audio or video) or duration <= 0:
        raise MediaError("no sound or picture")
    tags = {key.lower() for key in container.get("tags") or {}}
    for stream in streams:
        tags |= {key.lower() for key in stream.get("tags") or {}}
    if decode_audio and audio:
        decoded = _run(
            [
                "ffmpeg",
                "-nostdin",
                "-v",
                "error",
                "-xerror",
                *_input(path, demuxer),
                "-map",
                "0:a",
                "-f",
                "null",
                "-",
            ],
            timeout=DECODE_TIMEOUT,
        )
        if decoded.returncode != 0:
            raise MediaError("the sound does not decode")
    return Probe(
        format_name=str(container.get("format_name", "")),
        duration=duration,
        audio_streams=len(audio),
        video_streams=len(video),
        tags=frozenset(tags),
    )


def remux(source: Path, target: Path, *, demuxer: str, muxer: str, duration: float) -> Probe:
    """Copy the sound and picture streams of `source` into a new `muxer` file at `target`,
    without metadata, chapters, cover art or other tracks; no re-encoding. Returns the probe of
    the copy; raises MediaError when FFmpeg fails, any non-technical tag is left, or the copy
    is clearly shorter than the `duration` the probe of `source` found (the demuxer gave up
    halfway through a damaged file)."""
    result = _run(
        [
            "ffmpeg",
            "-nostdin",
            "-hide_banner",
            "-v",
            "error",
            *_input(source, demuxer),
            "-map",
            "0:a?",
            "-map",
            "0:V?",  # capital V: no attached pictures (cover art)
            "-map_metadata",
            "-1",
            "-map_metadata:s",
            "-1",
            "-map_chapters",
            "-1",
            "-c",
            "copy",
            "-fflags",
            "+bitexact",
            "-flags:v",
            "+bitexact",
            "-flags:a",
            "+bitexact",
            "-f",
            muxer,
            "-y",
            f"file:{target}",
        ],
        timeout=REMUX_TIMEOUT,
    )
    if result.returncode != 0 or not target.exists():
        raise MediaError("ffmpeg could not rebuild the file")
    rebuilt = probe(target, demuxer=demuxer)
    if rebuilt.duration < duration * 0.9 - 0.5:
        raise MediaError("the copy is shorter than the file")
    left = rebuilt.tags - _TECHNICAL_TAGS
    if left:
        raise MediaError(f"metadata left after the remux: {sorted(left)}")
    return rebuilt
