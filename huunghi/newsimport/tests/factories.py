"""Test data of the news-import tests: a short article written for the tests (about the
small world of :func:`huunghi.core.testing.build_world`) and the people who use it."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from huunghi.accounts.models import User
from huunghi.core.testing import World
from huunghi.newsimport import services
from huunghi.newsimport.models import NewsArticle, NewsProposal

#: A made-up report in the style of the border press (not taken from any article).
ARTICLE = """Bình Phước: Sôi nổi ngày hội giao lưu hữu nghị biên giới
Thứ bảy, 14/05/2022, 08:30 (GMT+7)

Ngày 12/5/2022, tại huyện Lộc Ninh, tỉnh Bình Phước, Bộ đội Biên phòng tỉnh Đồng Nai phối \
hợp với Hiến binh tỉnh Svay Rieng tổ chức ngày hội giao lưu hữu nghị biên giới với sự tham gia \
của khoảng 300 người dân hai bên.

Trong khuôn khổ ngày hội, hai bên đã trồng 50 cây hữu nghị và khám bệnh, cấp phát thuốc miễn \
phí cho khoảng 400 người dân hai bên biên giới.

Đến nay, các đơn vị đã kết nghĩa được 12 cặp đồn, trạm biên phòng hai bên biên giới, góp phần \
xây dựng đường biên giới hòa bình, hữu nghị.
"""

ARTICLE_HTML = """<!doctype html><html lang="vi"><head><meta charset="utf-8">
<title>Sôi nổi ngày hội giao lưu hữu nghị biên giới</title>
<link rel="canonical" href="https://bienphong.example.vn/giao-luu-loc-ninh.html">
<meta property="article:published_time" content="2022-05-14T08:30:00+07:00">
</head><body><nav><a href="/">Trang chủ</a> <a href="/qp">Quốc phòng</a></nav>
<article><h1>Sôi nổi ngày hội giao lưu hữu nghị biên giới</h1>
<p>Ngày 12/5/2022, tại huyện Lộc Ninh, tỉnh Bình Phước, Bộ đội Biên phòng tỉnh Đồng Nai phối
hợp với Hiến binh tỉnh Svay Rieng tổ chức ngày hội giao lưu hữu nghị biên giới với sự tham gia
của khoảng 300 người dân hai bên.</p>
<p>Trong khuôn khổ ngày hội, hai bên đã trồng 50 cây hữu nghị và khám bệnh, cấp phát thuốc miễn
phí cho khoảng 400 người dân hai bên biên giới.</p>
</article><footer>Bản quyền thuộc về tòa soạn.</footer></body></html>
"""

ENGLISH_PAGE = """<!doctype html><html><head><title>Border friendship day</title></head><body>
<article><h1>Border friendship day held in Loc Ninh</h1>
<p>On 12 May 2022 the border guards of both countries held a friendship day in Loc Ninh
district with about 300 residents. Trees were planted and about 400 people received free
medical examinations and medicines from army doctors of both sides.</p>
<p>The units have twinned twelve pairs of border posts so far, the organisers said.</p>
</article></body></html>
"""


@dataclass
class People:
    """Accounts of the small world for the news-import tests."""

    dn_clerk: User
    dn_viewer: User
    dn_post_clerk: User
    tn_clerk: User
    national_approver: User


def import_sample(world: World, user: User, **kwargs: Any) -> NewsArticle:
    """The test article imported for the Đồng Nai border guard."""
    kwargs.setdefault("text", ARTICLE)
    return services.article_import(unit=world.bdbp_dong_nai, acting_user=user, **kwargs)


def proposal_of(article: NewsArticle, kind: str, *, figure: bool = False) -> NewsProposal:
    """The article's only proposal of ``kind`` (an activity unless ``figure``)."""
    record_type = "figure" if figure else "activity"
    (found,) = article.proposals.filter(kind=kind, record_type=record_type)
    return found
