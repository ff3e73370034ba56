"""Voice mail, video and HEIC photos as evidence: accepted only when the content really is that
kind (magic bytes and FFmpeg's probe, pillow-heif), stored as a rebuilt copy without metadata
(video locations included), encrypted, within a size limit per kind. The samples are made by
the tests (tests/media_samples.py)."""

import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.template.defaultfilters import filesizeformat
from PIL import Image

from incidents import actions as incident_actions
from incidents import selectors
from incidents.tests import factories as incident_factories
from network.actions.knowledge import ATTACHMENT_KINDS as KNOWLEDGE_KINDS
from subsidies.actions.drafting import ATTACHMENT_KINDS as GRANT_KINDS
from tests import media_samples as samples
from weerbaar import uploads

pytestmark = pytest.mark.django_db


def add(incident, name, data, **kwargs):
    return incident_actions.evidence_add(
        actor=incident.reporter,
        incident=incident,
        uploaded_file=SimpleUploadedFile(name, data),
        **kwargs,
    )


EXPECTED = {name: kind for name, (_file, _args, kind) in samples.SAMPLES.items()}
EXPECTED |= {"amr": "audio/amr", "amr-3gp": "audio/3gpp"}
FORMAT_NAMES = {
    "mp3": "mp3",
    "aac": "aac",
    "wav": "wav",
    "opus": "ogg",
    "amr": "amr",
    "webm": "matroska,webm",
}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_every_sound_and_video_format_is_accepted_and_stored_as_that_kind(name):
    incident = incident_factories.draft()
    item = add(incident, f"bewijs.{name}", samples.sample(name))
    assert item.content_type == EXPECTED[name]
    assert item.is_audio == EXPECTED[name].startswith("audio/")
    assert item.is_video == EXPECTED[name].startswith("video/")
    assert item.location_removed
    stored = selectors.evidence_bytes(item)
    described = samples.probe(stored)
    assert described["format"]["format_name"] == FORMAT_NAMES.get(name, "mov,mp4,m4a,3gp,3g2,mj2")
    kinds = {stream["codec_type"] for stream in described["streams"]}
    assert ("video" in kinds) == item.is_video and "audio" in kinds
    assert item.size == len(stored)


def test_a_sound_only_mp4_is_a_sound_recording_not_a_video():
    sound_only = samples.ffmpeg("-f", "lavfi", "-i", "sine=duration=1", "-c:a", "aac", "-f", "mp4")
    assert sound_only[8:12] == b"isom"  # the brand says nothing about sound or picture
    item = add(incident_factories.draft(), "opname.mp4", sound_only)
    assert item.content_type == "audio/mp4" and item.extension == "m4a"


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("voicemail.mp3", b"MZ\x90\x00\x03\x00\x00\x00" + bytes(500)),
        ("video.mp4", b"<html><script>alert(1)</script></html>"),
        ("video.mov", b"\x00\x00\x00\x14ftypqt  \x00\x00\x02\x00" + bytes(range(256)) * 8),
        ("video.mp4", b"\x00\x00\x00\x18ftypisom\x00\x00\x02\x00isomiso2" + b"\x17" * 3000),
        ("video.webm", b"\x1a\x45\xdf\xa3" + b"\x42" * 3000),
        ("voicemail.wav", b"RIFF\x00\x10\x00\x00WAVE" + b"junk" * 500),
        ("voicemail.ogg", b"OggS" + bytes(range(256)) * 8),
        ("voicemail.amr", b"#!AMR\n" + bytes(range(256)) * 8),
        ("voicemail.mp3", b"ID3\x04\x00\x00\x00\x00\x00\x00" + bytes(range(256)) * 8),
        ("foto.heic", b"\x00\x00\x00\x18ftypheic\x00\x00\x00\x00mif1heic" + b"\x00" * 500),
    ],
    ids=[
        "exe-as-mp3",
        "html-as-mp4",
        "quicktime-header-then-junk",
        "mp4-header-then-junk",
        "webm-header-then-junk",
        "wav-header-then-junk",
        "ogg-header-then-junk",
        "amr-header-then-junk",
        "id3-header-then-junk",
        "heic-header-then-junk",
    ],
)
def test_a_file_with_the_right_name_but_the_wrong_content_is_refused(name, data, media_root):
    incident = incident_factories.draft()
    with pytest.raises(ValidationError) as error:
        add(incident, name, data)
    assert error.value.code in {"kind", "broken"}
    assert error.value.messages[0].startswith(
        ("Dit soort bestand", "Het geluids-", "De afbeelding")
    )
    assert not incident.evidence.exists()
    assert not any(media_root.rglob("*.enc"))


@pytest.mark.parametrize("name", ["m4a", "aac", "wav", "amr", "amr-3gp", "mp4", "mov", "3gp"])
def test_a_truncated_sound_or_video_is_refused(name):
    whole = samples.sample(name)
    with pytest.raises(ValidationError) as error:
        add(incident_factories.draft(), f"kapot.{name}", whole[: len(whole) // 2])
    assert error.value.code == "broken"
    assert "beschadigd" in error.value.messages[0]


@pytest.mark.parametrize("name", ["mp3", "m4a", "aac", "opus", "amr-3gp"])
def test_sound_whose_content_was_overwritten_is_refused(name):
    whole = samples.sample(name)
    middle = len(whole) // 2
    damaged = whole[:middle] + bytes(200) + whole[middle + 200 :]
    with pytest.raises(ValidationError, match="beschadigd"):
        add(incident_factories.draft(), f"kapot.{name}", damaged)


@pytest.mark.parametrize("muxer", ["mov", "mp4"])
def test_a_phone_video_is_stored_without_its_location_or_device(muxer):
    video = samples.video_with_location(muxer)
    assert samples.LOCATION.encode() in video
    tags = samples.all_tags(samples.probe(video))
    assert samples.LOCATION in tags.values()  # the sample really carries it
    item = add(incident_factories.draft(), "IMG_0001.MOV", video, remove_location=False)
    stored = selectors.evidence_bytes(item)
    left = samples.all_tags(samples.probe(stored))
    assert not {key for key in left if "location" in key.lower() or "xyz" in key.lower()}
    assert not {"title", "com.apple.quicktime.model", "creation_time"} & set(left)
    for secret in (samples.LOCATION.encode(), b"+52.0907", b"Geheim", b"Geheime titel"):
        assert secret not in stored
    assert item.location_removed  # a video never keeps it, whatever the tick box says


def test_a_voice_mail_is_stored_without_its_tags_and_cover_picture():
    mp3 = samples.mp3_with_tags_and_cover()
    described = samples.probe(mp3)
    assert any(s["disposition"].get("attached_pic") for s in described["streams"])
    item = add(incident_factories.draft(), "voicemail.mp3", mp3)
    stored = selectors.evidence_bytes(item)
    described = samples.probe(stored)
    assert [s["codec_type"] for s in described["streams"]] == ["audio"]
    assert not samples.all_tags(described)
    assert b"0612345678" not in stored and b"Geheime beller" not in stored


def test_a_heic_photo_is_stored_as_an_upright_jpeg_without_exif():
    heic = samples.heic_bytes(size=(64, 48), orientation=6)
    item = add(incident_factories.draft(), "IMG_0002.HEIC", heic)
    assert (item.content_type, item.extension, item.location_removed) == ("image/jpeg", "jpg", True)
    stored = selectors.evidence_bytes(item)
    with Image.open(io.BytesIO(stored)) as image:
        assert image.format == "JPEG"
        assert image.size == (48, 64) == (item.width, item.height)  # turned upright
        assert not image.getexif()
        assert not {"exif", "icc_profile", "xmp"} & set(image.info)
    assert b"Apple" not in stored


def test_a_heic_photo_keeps_only_its_location_and_time_when_the_reporter_asks():
    item = add(
        incident_factories.draft(), "IMG_0003.HEIC", samples.heic_bytes(), remove_location=False
    )
    with Image.open(io.BytesIO(selectors.evidence_bytes(item))) as image:
        exif = image.getexif()
        assert exif.get_ifd(0x8825)[2] == (52.0, 5.0, 0.0)
        assert 0x010F not in exif  # the maker is gone
    assert not item.location_removed


def test_a_heic_photo_over_the_pixel_cap_is_refused(monkeypatch):
    monkeypatch.setattr(uploads, "MAX_IMAGE_PIXELS", 64 * 48 - 1)
    with pytest.raises(ValidationError) as error:
        add(incident_factories.draft(), "groot.heic", samples.heic_bytes(size=(64, 48)))
    assert error.value.code in {"too_many_pixels", "broken"}


@pytest.mark.parametrize(
    ("header", "limit", "words"),
    [
        (b"\x00\x00\x00\x18ftypqt  ", incident_actions.EVIDENCE_MAX_VIDEO_BYTES, "Een video"),
        (b"\x00\x00\x00\x18ftypM4A ", incident_actions.EVIDENCE_MAX_AUDIO_BYTES, "geluidsopname"),
        (b"#!AMR\n", incident_actions.EVIDENCE_MAX_AUDIO_BYTES, "geluidsopname"),
        (b"\x00\x00\x00\x18ftypheic", incident_actions.EVIDENCE_MAX_BYTES, "Het maximum"),
    ],
    ids=["video", "m4a", "amr", "heic"],
)
def test_a_file_over_its_kinds_limit_is_refused_with_the_limit_named(header, limit, words):
    big = header + bytes(limit + 1 - len(header))
    with pytest.raises(ValidationError) as error:
        add(incident_factories.draft(), "groot.bin", big)
    assert error.value.code == "too_large"
    message = error.value.messages[0]
    assert words in message and filesizeformat(limit) in message


def test_a_video_up_to_its_limit_is_not_refused_for_its_size():
    """The video limit is the video's, not the 10 MB of documents."""
    padded = samples.sample("mp4") + bytes(incident_actions.EVIDENCE_MAX_BYTES)
    item = add(incident_factories.draft(), "lang.mp4", padded)
    assert item.content_type == "video/mp4"


@pytest.mark.parametrize("name", ["amr", "mov", "webm"])
def test_sound_and_video_are_encrypted_at_rest(name, media_root):
    item = add(incident_factories.draft(), f"bewijs.{name}", samples.sample(name))
    stored = selectors.evidence_bytes(item)
    on_disk = (media_root / item.file.name).read_bytes()
    assert item.file.name.endswith(".enc")
    assert on_disk.startswith(b"gAAAAA")  # a Fernet token
    assert stored not in on_disk and stored[:64] not in on_disk
    assert samples.sample(name)[:64] not in on_disk


def test_without_ffmpeg_sound_and_video_are_refused_with_a_message(monkeypatch):
    monkeypatch.setenv("PATH", "/nonexistent")
    with pytest.raises(ValidationError) as error:
        add(incident_factories.draft(), "voicemail.mp3", samples.sample("mp3"))
    assert error.value.code == "unavailable"
    assert "later opnieuw" in error.value.messages[0]


@pytest.mark.parametrize("kinds", [GRANT_KINDS, KNOWLEDGE_KINDS], ids=["grant", "knowledge"])
@pytest.mark.parametrize("name", ["mp3", "mp4"])
def test_grant_and_knowledge_attachments_keep_their_own_allow_lists(kinds, name):
    with pytest.raises(ValidationError) as error:
        uploads.accept_upload(SimpleUploadedFile("x", samples.sample(name)), allowed=kinds)
    assert error.value.code == "kind"
    with pytest.raises(ValidationError):
        uploads.accept_upload(SimpleUploadedFile("x.heic", samples.heic_bytes()), allowed=kinds)


def test_storing_a_video_costs_about_eight_times_its_size_in_memory(settings):
    """What docs/security.md says a large upload costs: the rebuilt copy, Fernet's padding,
    ciphertext and base64 are in memory at once while it is stored."""
    import tracemalloc

    from django.core.files.uploadedfile import TemporaryUploadedFile

    from weerbaar import crypto

    video = samples.ffmpeg(
        *("-f", "lavfi", "-i", "nullsrc=s=320x240:r=25:d=2,geq=random(1)*255:128:128"),
        *("-c:v", "mpeg4", "-q:v", "1", "-f", "mp4"),
    )
    assert len(video) > 3 * 1024 * 1024  # noise does not compress: a few MB
    upload = TemporaryUploadedFile("film.mp4", "video/mp4", len(video), None)
    upload.write(video)
    upload.seek(0)
    del video
    tracemalloc.start()
    try:
        accepted = uploads.accept_upload(
            upload, allowed=uploads.VIDEO_KINDS, max_bytes=uploads.SizeLimits()
        )
        token = crypto.fernet().encrypt(accepted.data)
        held, stored_peak = tracemalloc.get_traced_memory()
        tracemalloc.reset_peak()
        crypto.fernet().decrypt(token)
        _now, read_peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
        upload.close()
    assert stored_peak < 8.5 * accepted.size
    # Reading it back: the ciphertext (4/3 of the size) and, beyond that, about four times
    # the size while it is decoded, decrypted and unpadded.
    assert len(token) < 1.4 * accepted.size
    assert read_peak - held < 4.5 * accepted.size
