"""Checks an .ics export with independent parsers (icalendar,
recurring_ical_events) against what the test expects.

usage: check_ics.py FILE EXPECTED.json
EXPECTED: {"from": "2026-01-01", "to": "2027-01-01",
           "events": [{"summary", "start", "end", "location", "status", "description_has": [...]}]}
Prints "ok" or raises with what is wrong.
"""

import json
import sys
from datetime import datetime

import icalendar
import recurring_ical_events

path, expected_path = sys.argv[1], sys.argv[2]
raw = open(path, "rb").read()
expected = json.load(open(expected_path, encoding="utf-8"))

# Every line ends CRLF and is at most 75 octets (RFC 5545 3.1).
assert raw.endswith(b"\r\n"), "the file ends with CRLF"
lines = raw.split(b"\r\n")[:-1]
for i, line in enumerate(lines):
    assert b"\n" not in line and b"\r" not in line, f"line {i + 1} has a bare line break"
    assert len(line) <= 75, f"line {i + 1} is {len(line)} octets: {line[:40]!r}"
    line.decode("utf-8")  # a fold never splits a UTF-8 character

cal = icalendar.Calendar.from_ical(raw)
assert str(cal["VERSION"]) == "2.0"
assert str(cal["METHOD"]) == "PUBLISH"
assert "PRODID" in cal
zones = [c for c in cal.walk("VTIMEZONE")]
assert len(zones) == 1 and str(zones[0]["TZID"]) == "Asia/Shanghai", "one VTIMEZONE, Asia/Shanghai"
assert not any(k in zones[0] for k in ("UID", "DTSTAMP")), "no event properties in VTIMEZONE"

events = list(cal.walk("VEVENT"))
uids = [str(e["UID"]) for e in events]
assert len(set(uids)) == len(uids), "UIDs are unique"
assert len(events) == len(expected["events"]), f"{len(events)} events, expected {len(expected['events'])}"

by_start = {}
for e in events:
    assert "DTSTAMP" in e, "DTSTAMP"
    start = e["DTSTART"]
    assert start.params.get("TZID") == "Asia/Shanghai", "DTSTART has TZID=Asia/Shanghai"
    dt = start.dt
    assert dt.tzinfo is not None and dt.utcoffset().total_seconds() == 8 * 3600, "UTC+8"
    by_start[(dt.strftime("%Y-%m-%dT%H:%M"), str(e["SUMMARY"]))] = e

for want in expected["events"]:
    key = (want["start"], want["summary"])
    assert key in by_start, f"missing event {key}; have {sorted(by_start)}"
    e = by_start[key]
    assert e["DTEND"].dt.strftime("%Y-%m-%dT%H:%M") == want["end"], f"end of {key}"
    assert str(e.get("LOCATION", "")) == want.get("location", ""), f"location of {key}: {e.get('LOCATION')}"
    assert str(e.get("STATUS", "")) == want["status"], f"status of {key}"
    description = str(e.get("DESCRIPTION", ""))
    for part in want.get("description_has", []):
        assert part in description, f"{part!r} not in description of {key}: {description!r}"

# The same events through an independent expander, over the range.
start = datetime.fromisoformat(expected["from"])
end = datetime.fromisoformat(expected["to"])
occurring = recurring_ical_events.of(cal).between(start, end)
assert len(occurring) == len(expected["events"]), f"{len(occurring)} events between {start} and {end}"

# The stable UIDs of a second export must be the same.
if len(sys.argv) > 3:
    again = icalendar.Calendar.from_ical(open(sys.argv[3], "rb").read())
    assert sorted(uids) == sorted(str(e["UID"]) for e in again.walk("VEVENT")), "UIDs are stable"

print("ok", len(events), "events,", len(lines), "lines")
