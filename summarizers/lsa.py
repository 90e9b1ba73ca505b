"""Lsa: sumy's stock algorithm, offline, with the shared readability rules."""
from sumy.summarizers.lsa import LsaSummarizer

from summarizers.sumy_adapter import SumySummarizer

SUMMARIZER = SumySummarizer("lsa", LsaSummarizer)
