"""The two published articles that describe the programme (cited by demo data)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass


@dataclass(frozen=True)
class Article:
    key: str
    site: str
    title: str
    published: dt.date
    author: str
    section: str = ""

    @property
    def citation(self) -> str:
        return f"{self.site}, “{self.title}”, {self.published:%d/%m/%Y}, {self.author}"


FRIENDSHIP_2022 = Article(
    key="huunghi-2022-07-16",
    site="Hữu nghị — Bốn phương kết bạn",
    title="Hợp tác quốc phòng: Trụ cột quan trọng trong quan hệ Việt Nam - Campuchia",
    published=dt.date(2022, 7, 16),
    author="Hải An",
)
QK7_2022 = Article(
    key="qk7-2022-09-03",
    site="Quân khu 7 Online",
    title="Đẩy mạnh đối ngoại quốc phòng xây dựng biên giới hòa bình ổn định",
    published=dt.date(2022, 9, 3),
    author="Quang Huy",
    section="Quốc phòng - An ninh > Đối ngoại Quốc phòng",
)
