"""follow, unfollow, follows, alerts: a destination following a person (bot.follow).

In a DM a follow is the user's own; in a channel it needs the manage permission that
subscriptions need (checked by the core, ``MANAGE_COMMANDS``, and here again). The person is
resolved as ``ask`` resolves speakers; a name that several people share or nobody in the
store has gets a question back, never a follow.
"""
from __future__ import annotations

from dataclasses import dataclass

from bot.core.errors import PermissionDenied, UserError
from bot.ask.speaker_directory import SpeakerDirectory
from bot.core.types import Command, Platform, Reply, Section
from bot.core.wording import counted
from bot.follow.people import resolve_person
from bot.follow.store import add_follow, get_follow, list_alerts, list_follows, remove_follow
from bot.store.db import Database

NEED_MANAGE = "Only people who can manage this server or channel can change what it follows. Follow people for yourself in a DM with me."


@dataclass
class FollowHandlers:
    db: Database
    directory: SpeakerDirectory

    @staticmethod
    def _may_change(cmd: Command) -> None:
        if not cmd.is_dm and not cmd.user.can_manage:
            raise PermissionDenied(NEED_MANAGE)

    @staticmethod
    def _everywhere(cmd: Command) -> bool:
        """The console and the CLI see and change every destination's follows."""
        return cmd.args.get("all") == "1" or cmd.destination.platform is Platform.CONSOLE

    def follow(self, cmd: Command) -> Reply:
        self._may_change(cmd)
        phrase = (cmd.args.get("person") or "").strip()
        topic = " ".join((cmd.args.get("topic") or "").split()).strip(" ?!.\"'“”")
        found = resolve_person(self.db, self.directory, phrase)
        if found.question is not None:
            return Reply(text=found.question, ephemeral=True, error=True,
                         data={"followed": None, "question": found.question, "choices": list(found.choices)})
        assert found.display is not None
        info, new = add_follow(self.db, cmd.destination, found.display, topic=topic, asked=found.asked,
                               user=cmd.user.id, is_dm=cmd.is_dm)
        about = f" on {topic}" if topic else ""
        means = f" (for “{found.asked}”)" if found.asked.lower() != found.display.lower() else ""
        where = "you" if cmd.is_dm and cmd.destination.platform is not Platform.CONSOLE else "this channel"
        text = (f"Following {found.display}{means}{about}: {where} will hear when an outlet reports a new "
                f"statement by them{about}. Follow #{info.id}; `follow remove {info.id}` stops it."
                if new else f"Already following {found.display}{about} (#{info.id}).")
        return Reply(text=text, data={"followed": info.to_json(), "new": new, "question": None, "choices": []})

    def unfollow(self, cmd: Command) -> Reply:
        self._may_change(cmd)
        ref = (cmd.args.get("follow") or cmd.args.get("id") or "").strip().lstrip("#")
        if not ref:
            raise UserError("Usage: follow remove ID (see `follow list`).")
        here = None if self._everywhere(cmd) else cmd.destination.key
        if ref.isdigit():
            target = get_follow(self.db, int(ref))
            if target is None or (here is not None and target.destination != here):
                raise UserError(f"No follow #{ref} here. See `follow list`.")
            targets = [target]
        else:
            found = resolve_person(self.db, self.directory, ref)
            person = found.display or ref
            targets = [f for f in list_follows(self.db, here) if f.person.lower() == person.lower()]
            if not targets:
                raise UserError(f"Nobody called {ref} is followed here. See `follow list`.")
        gone = [g for g in (remove_follow(self.db, t.id) for t in targets) if g is not None]
        lines = ", ".join(g.line() for g in gone)
        return Reply(text=f"Stopped following: {lines}." if gone else "Nothing to remove.",
                     data={"removed": [g.to_json() for g in gone]})

    def follows(self, cmd: Command) -> Reply:
        follows = list_follows(self.db, None if self._everywhere(cmd) else cmd.destination.key)
        data = {"follows": [f.to_json() for f in follows]}
        if not follows:
            return Reply(text="Nobody is followed here. Follow someone with `follow <person> [on <topic>]`.",
                         data=data)
        return Reply(title=f"{counted(len(follows), 'follow')}",
                     sections=tuple(Section(body=f.line()) for f in follows), data=data)

    def alerts(self, cmd: Command) -> Reply:
        alerts = list_alerts(self.db, None if self._everywhere(cmd) else cmd.destination.key)
        data = {"alerts": alerts}
        if not alerts:
            return Reply(text="No alerts recorded.", data=data)
        shown = alerts[-20:]
        sections = tuple(
            Section(quote=str(a["text"]), quote_speaker=str(a["speaker"]),
                    body=f"#{a['id']} follow #{a['follow_id']} → {a['destination']} · {a['cue']} · "
                         f"{counted(len(a['sources']), 'source')} · "
                         + (f"delivered {str(a['delivered_at'])[:16]}" if a["delivered_at"] else "not delivered yet"))
            for a in shown)
        return Reply(title=f"{counted(len(alerts), 'alert')}"
                           + (f" (the last {len(shown)})" if len(shown) < len(alerts) else ""),
                     sections=sections, data=data)
