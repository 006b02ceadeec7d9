"""`loyalty import` reads the file where it enters: UTF-8 with Vietnamese diacritics,
comma or semicolon separated, refused naming the line when it cannot be read."""

from __future__ import annotations

import pytest

from cli.imports import BadFile, pages, read_csv

SEMICOLON = (
    "\ufeffName; Phone ;Email;Tier;Points\n"
    "Nguyễn Thị Lan;0912 345 678;lan@example.vn;gold;1.500\n"
    '"Trần Văn Hùng; con";0913 000 111;;silver;0\n'
    "\n"
    '"Lê Thị Thu Hà\nQuận 1";0913 000 222;ha@example.vn;;12\n'
)


def test_a_semicolon_file_with_diacritics_and_a_bom_is_read_as_written(tmp_path):
    path = tmp_path / "members.csv"
    path.write_text(SEMICOLON, encoding="utf-8")

    read = read_csv(path)

    assert read.delimiter == ";"
    assert read.columns == ["name", "phone", "email", "tier", "points"]
    assert [row["name"] for row in read.rows] == [
        "Nguyễn Thị Lan",
        "Trần Văn Hùng; con",
        "Lê Thị Thu Hà\nQuận 1",
    ]
    assert read.rows[0]["points"] == "1.500"


def test_a_comma_file_is_told_from_its_header(tmp_path):
    path = tmp_path / "stores.csv"
    path.write_text('store_id,partner_id,name\nsen-q1,sen-mart,"Sen Mart, Quận 1"\n')

    read = read_csv(path)

    assert read.delimiter == ","
    assert read.rows == [
        {"store_id": "sen-q1", "partner_id": "sen-mart", "name": "Sen Mart, Quận 1"}
    ]


@pytest.mark.parametrize(
    ("content", "why"),
    [
        ("name,phone\nLan,0912345678\nH\xf9ng,0913\n".encode("latin-1"), "line 3 is not UTF-8"),
        (b"name,phone\nLan,0912345678,extra\n", "line 2: 3 values for 2 columns"),
        (b"name,name\nLan,Lan\n", "the column 'name' is named twice"),
        (b"name,phone\n", "no rows"),
        (b"", "empty"),
    ],
)
def test_a_file_that_cannot_be_read_is_refused_naming_the_line(tmp_path, content, why):
    path = tmp_path / "bad.csv"
    path.write_bytes(content)

    with pytest.raises(BadFile, match=why):
        read_csv(path)


def test_pages_hold_at_most_a_thousand_rows_and_stay_small():
    rows = [{"name": "Nguyễn Thị Lan " * 40, "phone": "0912345678"} for _ in range(2500)]

    sent = list(pages(rows))

    assert [first for first, _ in sent][:2] == [1, sent[0][0] + len(sent[0][1])]
    assert sum(len(page) for _, page in sent) == 2500
    assert all(len(page) <= 1000 for _, page in sent)
    assert all(sum(len(v.encode()) for r in page for v in r.values()) < 600_000 for _, page in sent)
