"""Parses an Atom feed from stdin with feedparser (an independent implementation) and prints what it found as JSON:
whether it was well-formed (bozo), its version, and each entry's id, title, updated time and content."""
import json
import sys

import feedparser

feed = feedparser.parse(sys.stdin.buffer.read())
print(json.dumps({
    "bozo": bool(feed.bozo),
    "bozo_exception": str(feed.get("bozo_exception", "")),
    "version": feed.version,
    "title": feed.feed.get("title"),
    "updated": feed.feed.get("updated"),
    "entries": [
        {
            "id": entry.get("id"),
            "title": entry.get("title"),
            "updated": entry.get("updated"),
            "link": entry.get("link"),
            "content": (entry.get("content") or [{}])[0].get("value"),
        }
        for entry in feed.entries
    ],
}))
