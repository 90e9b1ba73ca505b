from datetime import datetime, timezone

import pytest

from bot.ingest import metadata
from bot.ingest.metadata import Byline


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("By: Jane Roe, The Harbor Times", Byline("Jane Roe", "The Harbor Times")),
        ("By Jane Roe", Byline("Jane Roe", None)),
        ("By Jane Roe and John Doe", Byline("Jane Roe and John Doe", None)),
        ("By wire24news", Byline(None, "wire24news")),
        ("By: AP and Harbor Times Staff", Byline(None, "Harbor Times")),
        ("By Reuters", Byline(None, "Reuters")),
    ],
)
def test_parse_byline(line: str, expected: Byline) -> None:
    assert metadata.parse_byline(line) == expected


@pytest.mark.parametrize(
    "line",
    [
        "By the time the council met, the storm had passed.",
        "By contrast, the other town did nothing",
        "Bystanders watched the ferry leave.",
    ],
)
def test_sentences_starting_with_by_are_not_bylines(line: str) -> None:
    assert metadata.parse_byline(line) is None


def test_parse_source() -> None:
    assert metadata.parse_source("Source: The Harbor Times") == "The Harbor Times"
    assert metadata.parse_source("Source: https://www.harbortimes.example/a/b") == "harbortimes.example"
    assert metadata.parse_source("The source said nothing.") is None


def test_parse_dateline_reads_time_and_ignores_update() -> None:
    got = metadata.parse_dateline("Published: 03/05/2024 - 09:10pm, updated: 09:14pm")
    assert got == datetime(2024, 3, 5, 21, 10, tzinfo=timezone.utc)
    assert metadata.parse_dateline("Posted on March 5, 2024") == datetime(2024, 3, 5, tzinfo=timezone.utc)
    assert metadata.parse_dateline("Date: soon") is None


def test_parse_date_converts_named_zones_to_utc() -> None:
    got = metadata.parse_date("Tue Mar 5 22:01:53 MST 2024")
    assert got == datetime(2024, 3, 6, 5, 1, 53, tzinfo=timezone.utc)
    assert got.tzinfo is timezone.utc


def test_parse_date_refuses_dates_without_a_year() -> None:
    assert metadata.parse_date("Tuesday 10:00") is None
    assert metadata.parse_date("not a date at all 2024") is None


def test_parse_bio() -> None:
    assert metadata.parse_bio("Dana Whitfield is a senior reporter at the Coastal Courier.") == Byline(
        "Dana Whitfield", "Coastal Courier"
    )
    assert metadata.parse_bio("Jane Roe is a breaking news editor at The Harbor Times.") == Byline(
        "Jane Roe", "The Harbor Times"
    )
    assert metadata.parse_bio("Jane Roe is a freelance writer.") == Byline("Jane Roe", None)
    assert metadata.parse_bio("The mayor is a former editor of the paper, and she said so on Monday.") is None


def test_is_metadata() -> None:
    assert metadata.is_metadata("Harbor Times staff contributed to this report.")
    assert metadata.is_metadata("Source: The Harbor Times")
    assert not metadata.is_metadata("The council voted on Tuesday.")


def test_pipermail_header() -> None:
    lines = [
        "[Harborlist] Council approves sea wall, fishermen angry",
        "",
        "Ann Smith asmith at example.org",
        "Tue Mar  5 22:01:53 MST 2024",
        "",
        "Body starts here.",
    ]
    header, rest = metadata.parse_list_header(lines)
    assert header == metadata.ListHeader(
        "Harborlist",
        "Council approves sea wall, fishermen angry",
        "Ann Smith",
        datetime(2024, 3, 6, 5, 1, 53, tzinfo=timezone.utc),
    )
    assert rest == ["", "Body starts here."]


def test_rfc822_header() -> None:
    lines = [
        "From: Ann Smith <ann@example.org>",
        "Subject: Re: [Harborlist] Sea wall vote",
        "Date: Tue, 05 Mar 2024 10:00:00 +0100",
        "",
        "Body.",
    ]
    header, rest = metadata.parse_list_header(lines)
    assert header is not None
    assert header.list_name == "Harborlist"
    assert header.subject == "Sea wall vote"
    assert header.sender == "Ann Smith"
    assert header.date == datetime(2024, 3, 5, 9, 0, tzinfo=timezone.utc)
    assert rest == ["", "Body."]


def test_no_header() -> None:
    lines = ["Council approves sea wall", "", "The council voted."]
    assert metadata.parse_list_header(lines) == (None, lines)


def test_outlet_from_url() -> None:
    assert metadata.outlet_from_url("https://www.harbortimes.example/news/1") == "harbortimes.example"
    assert metadata.outlet_from_url("not a url") is None
