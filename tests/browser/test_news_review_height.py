"""The review page of an article with ten activities fits a few screens: compact cards
(values and evidence) whose edit form opens on demand. The page height is printed so it
can be compared across changes."""

from __future__ import annotations

from typing import Any

from huunghi.core.testing import build_world, user_with_role
from huunghi.newsimport.gazetteer import gazetteer_clear
from huunghi.newsimport.models import NewsArticle

PASSWORD = "Str0ng-pass-phrase!"
SCREEN = (1280, 900)
MAX_SCREENS = 5
#: Own-words festival report naming ten activities (no published text).
TEN_ACTIVITIES = """Ngày hội giao lưu biên giới tại Lộc Ninh
Thứ Sáu, 13/05/2022 - 08:30

Ngày 12/5/2022, tại huyện Lộc Ninh, tỉnh Bình Phước, Bộ đội Biên phòng tỉnh Đồng Nai phối \
hợp với Hiến binh tỉnh Svay Rieng tổ chức ngày hội giao lưu hữu nghị biên giới.

Trong khuôn khổ ngày hội, hai bên tổ chức lễ chào cột mốc 116, tuần tra song phương đoạn \
biên giới dài 8 km và trồng 200 cây hữu nghị tại khu vực cửa khẩu Hoa Lư.

Cùng ngày, đoàn y, bác sĩ khám bệnh, cấp thuốc miễn phí cho khoảng 500 người dân; trao 30 \
suất học bổng, mỗi suất 2 triệu đồng, cho học sinh nghèo và tặng 10 con bò giống cho hộ khó \
khăn hai bên biên giới.

Dịp này, hai bên ký kết biên bản ghi nhớ hợp tác, tổ chức hội đàm trao đổi tình hình và \
khánh thành Trạm Y tế quân dân y tại xã Lộc Thạnh.

Minh Châu
"""


def _sign_in(page: Any, base: str, username: str) -> None:
    page.goto(f"{base}/accounts/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", PASSWORD)
    page.click("main form button[type=submit]")
    page.wait_for_url(lambda url: "/accounts/login/" not in url)


def test_ten_activities_fit_a_few_screens(browser_page, live_server):
    """Ten proposals, and the whole page is at most five 900 px screens tall; a card's
    form opens when asked and the accept button works from the closed card."""
    gazetteer_clear()
    world = build_world()
    user_with_role("clerk", world.bdbp_dong_nai, username="dongnai_clerk")
    page, base = browser_page, live_server.url
    page.set_viewport_size({"width": SCREEN[0], "height": SCREEN[1]})
    _sign_in(page, base, "dongnai_clerk")
    page.goto(f"{base}/news/")
    page.fill("textarea[name=text]", TEN_ACTIVITIES)
    page.click("main form.form button[type=submit]")
    page.wait_for_url(lambda url: url.rstrip("/").split("/")[-1].isdigit())
    article = NewsArticle.objects.get()
    cards = article.proposals.count()
    height = page.evaluate("document.documentElement.scrollHeight")
    print(f"\nreview page: {cards} proposals, {height} px ({height / SCREEN[1]:.1f} screens)")
    assert cards >= 10
    assert height <= MAX_SCREENS * SCREEN[1]
