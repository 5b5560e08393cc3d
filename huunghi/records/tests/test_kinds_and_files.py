"""The kinds registry and the upload checks, without the database."""

from __future__ import annotations

import io

import pytest
from django.core.exceptions import ValidationError

from huunghi.records.files import PDF_ONLY, check_upload, sniff
from huunghi.records.kinds import REGISTRY, clean_details, parse_markers
from huunghi.records.models import Measure
from huunghi.records.tests.helpers import JPEG, PDF, PNG

WEBP = b"RIFF\x24\x00\x00\x00WEBPVP8 " + b"\x00" * 32


@pytest.mark.parametrize(
    ("head", "expected"),
    [
        (JPEG, "image/jpeg"),
        (PNG, "image/png"),
        (WEBP, "image/webp"),
        (PDF, "application/pdf"),
        (b"GIF89a....", None),
        (b"<svg xmlns=...>", None),
        (b"MZ\x90\x00", None),
        (b"", None),
    ],
)
def test_sniff(head, expected):
    assert sniff(head) == expected


class Upload(io.BytesIO):
    def __init__(self, content: bytes, name: str) -> None:
        super().__init__(content)
        self.name, self.size = name, len(content)


def test_check_upload_names_the_file_and_field(settings):
    with pytest.raises(ValidationError) as exc:
        check_upload(Upload(PNG, "scan.pdf"), field="document", allowed=PDF_ONLY)
    assert exc.value.message_dict == {"document": ["“scan.pdf” is not a PDF document."]}
    settings.HUUNGHI_MAX_ATTACHMENT_BYTES = 10
    with pytest.raises(ValidationError) as exc:
        check_upload(Upload(PNG, "big.png"), field="attachments")
    assert "big.png" in exc.value.message_dict["attachments"][0]


def test_marker_parsing_is_loose_but_validated():
    assert parse_markers("229/12, 229/12; 230 (2)\n 231 ") == ["229/12", "230 (2)", "231"]
    assert clean_details("marker_salute", {"markers": ["229"], "ceremony": "salute"}) == {
        "markers": ["229"],
        "ceremony": "salute",
    }
    with pytest.raises(ValidationError) as exc:
        clean_details("marker_salute", {"markers": "12345", "ceremony": "salute"})
    assert exc.value.messages == [
        "Markers visited: “12345” is not a marker number such as 229 or 229/12."
    ]


def test_aid_details_are_validated_with_field_names():
    with pytest.raises(ValidationError) as exc:
        clean_details("aid", {"goods_or_money": "gold", "recipient_type": "unit"})
    messages = exc.value.messages
    assert any(m.startswith("Goods or money:") for m in messages)
    assert any(m.startswith("Funding source:") for m in messages)
    assert any(m.startswith("Recipient:") for m in messages)


def test_patrol_holds_no_operational_data():
    """A joint patrol records markers, participating units and findings only."""
    spec = REGISTRY["joint_patrol"]
    assert spec.detail_keys == {"markers", "vn_units", "kh_units", "findings"}
    assert {q.measure for q in spec.measures} == {Measure.MARKERS, Measure.PARTICIPANTS}


def test_every_offered_measure_is_a_known_measure():
    for spec in REGISTRY.values():
        assert {q.measure for q in spec.measures} <= set(Measure.values)
        assert len({f.key for f in spec.fields}) == len(spec.fields)
