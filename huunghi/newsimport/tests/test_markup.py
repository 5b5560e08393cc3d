"""The highlighted article: escaped, overlapping spans merged, paragraphs kept."""

from __future__ import annotations

from huunghi.newsimport.markup import Highlight, article_html, marked
from huunghi.newsimport.models import NewsArticle


def test_text_is_escaped_inside_and_outside_marks() -> None:
    text = 'Tại <b>huyện</b> & xã "A"'
    html = str(marked(text, 0, len(text), [Highlight(4, 16, "place", 1)]))
    assert "<b>" not in html and "&lt;b&gt;" in html and "&amp;" in html
    assert html.startswith('Tại <mark class="hl hl-place" data-proposals="1"')


def test_overlapping_spans_share_a_piece() -> None:
    text = "khoảng 2.000 người dân"
    marks = [Highlight(0, 18, "quantity", 2), Highlight(7, 22, "place", 3)]
    html = str(marked(text, 0, len(text), marks))
    assert 'class="hl hl-place hl-quantity" data-proposals="2 3"' in html
    assert html.count("<mark") == 3


def test_paragraph_roles_become_headings_and_paragraphs() -> None:
    article = NewsArticle(
        text="Mở đầu.\n\nTiêu đề nhỏ\n\nThân bài.",
        paragraphs=[[0, 7, "lead"], [9, 20, "heading"], [22, 31, "body"]],
    )
    html = str(article_html(article, []))
    assert '<p class="articlelead">Mở đầu.</p>' in html
    assert '<h3 class="articletext">Tiêu đề nhỏ</h3>' in html
    assert '<p class="articletext">Thân bài.</p>' in html


def test_paragraphs_are_found_without_stored_bounds() -> None:
    article = NewsArticle(text="Một.\n\nHai.", paragraphs=[])
    assert str(article_html(article, [])).count("<p ") == 2
