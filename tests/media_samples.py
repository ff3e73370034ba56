"""Small real sound, video and HEIC files, made by the tests themselves: FFmpeg from its lavfi
test sources (a tone, a colour test picture), AMR frames written by hand (Debian's FFmpeg has
no AMR encoder), HEIC by pillow-heif. Each is a second or less and a few kilobytes."""

import functools
import io
import json
import subprocess
import tempfile
from pathlib import Path

# Where a phone puts a video's location: the QuickTime key and the `©xyz` user data atom.
LOCATION = "+52.0907+005.1214+001.000/"
ISO6709_KEY = "com.apple.quicktime.location.ISO6709"

_TONE = ["-f", "lavfi", "-i", "sine=frequency=440:duration=1"]
_PICTURE = ["-f", "lavfi", "-i", "testsrc=size=64x48:rate=10:duration=1"]
_H264 = ["-c:v", "libx264", "-pix_fmt", "yuv420p", "-c:a", "aac"]

# name -> (file name, FFmpeg output options, the kind the portal stores it as)
SAMPLES = {
    "mp3": ("voicemail.mp3", [*_TONE, "-c:a", "libmp3lame", "-f", "mp3"], "audio/mpeg"),
    "m4a": ("voicemail.m4a", [*_TONE, "-c:a", "aac", "-f", "ipod"], "audio/mp4"),
    "aac": ("voicemail.aac", [*_TONE, "-c:a", "aac", "-f", "adts"], "audio/aac"),
    "wav": ("voicemail.wav", [*_TONE, "-f", "wav"], "audio/wav"),
    "opus": ("voicemail.opus", [*_TONE, "-c:a", "libopus", "-f", "ogg"], "audio/ogg"),
    "mp4": ("video.mp4", [*_PICTURE, *_TONE, *_H264, "-f", "mp4"], "video/mp4"),
    "mov": ("video.mov", [*_PICTURE, *_TONE, *_H264, "-f", "mov"], "video/quicktime"),
    "3gp": (
        "video.3gp",
        [*_PICTURE, *_TONE, "-c:v", "h263", "-s", "128x96", "-c:a", "aac", "-f", "3gp"],
        "video/3gpp",
    ),
    "webm": (
        "video.webm",
        [*_PICTURE, *_TONE, "-c:v", "libvpx", "-c:a", "libopus", "-f", "webm"],
        "video/webm",
    ),
}


def ffmpeg(*args: str) -> bytes:
    """Run FFmpeg with `args` (input and output options) and return what it wrote."""
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder) / "out"
        subprocess.run(
            ["ffmpeg", "-nostdin", "-v", "error", *args, "-y", str(out)],
            check=True,
            timeout=60,
        )
        return out.read_bytes()


@functools.cache
def sample(name: str) -> bytes:
    """A one-second file of the kind `name` (a key of SAMPLES, or "amr" / "amr-3gp")."""
    if name == "amr":
        return amr_bytes()
    if name == "amr-3gp":  # a classic phone voice mail: AMR sound in a 3GP file
        return remuxed(amr_bytes(), "amr", "3gp")
    return ffmpeg(*SAMPLES[name][1])


def amr_bytes(frames: int = 50) -> bytes:
    """AMR-NB: the file header and 12.2 kbit/s speech frames (header byte 0x3C, 31 bytes)."""
    return b"#!AMR\n" + (b"\x3c" + bytes(31)) * frames


def remuxed(data: bytes, demuxer: str, muxer: str, *options: str) -> bytes:
    with tempfile.TemporaryDirectory() as folder:
        source = Path(folder) / "in"
        source.write_bytes(data)
        return ffmpeg("-f", demuxer, "-i", str(source), "-c", "copy", *options, "-f", muxer)


@functools.cache
def video_with_location(muxer: str = "mov") -> bytes:
    """A phone-like video: the location under both QuickTime keys, a device name, a title."""
    return ffmpeg(
        *_PICTURE,
        *_TONE,
        *_H264,
        "-metadata",
        f"location={LOCATION}",
        "-metadata",
        f"{ISO6709_KEY}={LOCATION}",
        "-metadata",
        "com.apple.quicktime.model=iPhone Geheim",
        "-metadata",
        "title=Geheime titel",
        "-movflags",
        "use_metadata_tags",
        "-f",
        muxer,
    )


@functools.cache
def mp3_with_tags_and_cover() -> bytes:
    """An MP3 with ID3 tags and cover art (an attached picture, a JPEG of its own)."""
    with tempfile.TemporaryDirectory() as folder:
        cover = Path(folder) / "cover.jpg"
        cover.write_bytes(
            ffmpeg("-f", "lavfi", "-i", "color=red:size=16x16", "-frames:v", "1", "-f", "mjpeg")
        )
        return ffmpeg(
            *_TONE,
            "-i",
            str(cover),
            "-map",
            "0",
            "-map",
            "1",
            "-c:a",
            "libmp3lame",
            "-c:v",
            "copy",
            "-disposition:v",
            "attached_pic",
            "-metadata",
            "artist=Geheime beller",
            "-metadata",
            "comment=Geheim nummer 0612345678",
            "-f",
            "mp3",
        )


def heic_bytes(size=(64, 48), *, orientation: int | None = 6, gps: bool = True) -> bytes:
    """A phone-like HEIC photo: EXIF with a maker, an orientation and a GPS position."""
    import pillow_heif
    from PIL import Image

    exif = Image.Exif()
    exif[0x010F] = "Apple"
    exif[0x0132] = "2026:11:20 10:00:00"
    if orientation:
        exif[0x0112] = orientation
    if gps:
        exif[0x8825] = {1: "N", 2: (52.0, 5.0, 0.0), 3: "E", 4: (5.0, 7.0, 0.0)}
    out = io.BytesIO()
    pillow_heif.from_pillow(Image.new("RGB", size, (200, 30, 30))).save(
        out, exif=exif.tobytes(), quality=80
    )
    return out.getvalue()


def probe(data: bytes) -> dict:
    """FFprobe's description (format and streams) of a file the portal stored."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "stored"
        path.write_bytes(data)
        result = subprocess.run(
            [
                "ffprobe",
                "-v",
                "error",
                "-show_format",
                "-show_streams",
                "-print_format",
                "json",
                str(path),
            ],
            check=True,
            capture_output=True,
            timeout=30,
        )
    return json.loads(result.stdout)


def all_tags(description: dict) -> dict:
    tags = dict(description["format"].get("tags") or {})
    for stream in description["streams"]:
        tags.update(stream.get("tags") or {})
    return tags
