"""Slack front end (slack-bolt AsyncApp): Socket Mode or HTTP mode."""
from bot.adapters.slack.adapter import SlackAdapter, build_slack_adapter

__all__ = ["SlackAdapter", "build_slack_adapter"]
