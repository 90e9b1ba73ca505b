"""The CLI contract, as the maintainers check it: follow, ingest, read `alerts --json`.

In-process (typer's CliRunner); the alerts recorded are then read by a separate process, end to end."""
from __future__ import annotations

import json
import os
from pathlib import Path

from follow_support import I24, MOSCOW, SAMPLES

from tests.cli_inprocess import run_cli as run
from tests.cli_inprocess import run_process

ROOT = Path(__file__).resolve().parent.parent.parent


def test_follow_ingest_and_alerts_json(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("NEWSBRIEF_", "DISCORD_", "SLACK_"))}
    env["NEWSBRIEF_DATABASE_URL"] = f"sqlite:///{tmp_path / 'cli.db'}"
    env["NEWSBRIEF_CONFIG"] = str(ROOT / "config" / "newsbrief.yaml")
    assert run(["ingest", str(SAMPLES / MOSCOW)], env).returncode == 0
    added = run(["follow", "add", "discord:123", "Putin", "--topic", "Hanukkah", "--json"], env)
    assert added.returncode == 0, added.stderr
    fid = json.loads(added.stdout)["followed"]["id"]
    asked = run(["follow", "add", "discord:123", "Vladimir Poutine"], env)
    assert asked.returncode == 1 and "Did you mean Vladimir Putin?" in asked.stdout
    listed = json.loads(run(["follow", "list", "--json"], env).stdout)
    assert [(f["id"], f["destination"], f["person"], f["topic"]) for f in listed["follows"]] == \
        [(fid, "discord:123", "Vladimir Putin", "Hanukkah")]
    assert json.loads(run(["alerts", "--json"], env).stdout) == {"alerts": []}
    assert run(["ingest", str(SAMPLES / I24)], env).returncode == 0
    out = json.loads(run_process(["alerts", "--json"], env).stdout)  # another process reads what ingest recorded
    assert list(out) == ["alerts"] and len(out["alerts"]) == 1
    alert = out["alerts"][0]
    assert list(alert) == ["id", "destination", "follow_id", "speaker", "text", "kind", "cue", "sources",
                           "created_at", "delivered_at"]
    assert alert["follow_id"] == fid and alert["destination"] == "discord:123" and alert["delivered_at"] is None
    assert [list(s) for s in alert["sources"]] == [["article_id", "outlet", "title", "url", "published"]]
    text = run(["alerts"], env).stdout
    assert "triumph of light over dark" in text and "not delivered yet" in text
    timeline = json.loads(run(["timeline", "Putin", "on", "Hanukkah", "--json"], env).stdout)
    assert timeline["quotes"][0]["first_reported"].startswith("2015-11-30")
    removed = run(["follow", "remove", str(fid)], env)
    assert removed.returncode == 0 and json.loads(run(["alerts", "--json"], env).stdout) == {"alerts": []}
